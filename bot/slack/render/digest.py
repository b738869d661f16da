"""The team digest: one message when it fits, else a parent plus per-objective thread replies."""

import json
from dataclasses import dataclass

from bot.domain.attention import Concern
from bot.domain.progress import Status
from bot.services.digests.results import DigestKR, DigestObjective, DigestPreview, TeamDigest
from bot.slack.limits import MAX_BLOCKS
from bot.slack.limits import MAX_JSON_CHARS as MAX_CHARS
from bot.slack.render.blocks import Block, context, header, section
from bot.slack.render.people import mention, named
from bot.slack.render.text import (
    STATUS_LABEL,
    change,
    confidence,
    escape,
    progress_bar,
    truncate,
    value_against_target,
)

# Slack's limits are 50 blocks and ~12k characters of blocks (msg_blocks_too_long near 13k);
# the margins leave room for the notes that say where the rest went.
SECTION_CHARS = 2_900
PARENT_BUDGETS = {"attention": 4_500, "blockers": 2_000, "people": 1_500}
TITLE_CHARS = 150
NOTE_CHARS = 200

Message = tuple[str, list[Block]]


@dataclass(frozen=True)
class DigestMessages:
    parent: Message
    replies: tuple[Message, ...]


def digest_messages(digest: TeamDigest) -> DigestMessages:
    """The digest in order; when too big, the objectives move into thread replies."""
    text = _fallback(digest)
    details = [_objective_blocks(digest, objective) for objective in digest.objectives]
    whole = [
        *_head(digest),
        *_attention(digest, None),
        *(block for blocks in details for block in blocks),
        *_blockers(digest, None),
        *_people(digest, None),
    ]
    if _fits(whole):
        return DigestMessages((text, whole), ())
    parent = [
        *_head(digest),
        *_attention(digest, PARENT_BUDGETS["attention"]),
        *_blockers(digest, PARENT_BUDGETS["blockers"]),
        *_people(digest, PARENT_BUDGETS["people"]),
        context("🧵 Every objective and key result is in the thread."),
    ]
    pages = _pack(details)
    replies = tuple(
        (f"{escape(digest.team_name)} digest {digest.period}, details {i} of {len(pages)}", page)
        for i, page in enumerate(pages, 1)
    )
    return DigestMessages((text, parent), replies)


def digest_preview(preview: DigestPreview) -> Message:
    """What `/okr digest` shows the caller alone: the (parent) message and where it goes."""
    messages = digest_messages(preview.digest)
    text, blocks = messages.parent
    notes = []
    if messages.replies:
        notes.append(f"Posted, the details follow in {len(messages.replies)} thread repl(ies).")
    where = f"<#{preview.channel_id}>" if preview.channel_id else "the team's channel"
    notes.append(f"👀 Only you see this preview. `/okr digest post` posts it to {where}.")
    if preview.other_teams:
        others = ", ".join(escape(name) for name in preview.other_teams)
        notes.append(f"Your other teams: {others} (`/okr digest team NAME`).")
    return text, [*blocks, context(*notes)]


def _fallback(digest: TeamDigest) -> str:
    # The fallback `text` is mrkdwn too (and notifies): team and cycle names are user text.
    counts = ", ".join(
        f"{digest.count(s)} {word}"
        for s, word in ((Status.ON_TRACK, "on track"), (Status.AT_RISK, "at risk"))
    )
    return (
        f"{escape(digest.team_name)} OKR digest, {escape(digest.cycle_name)} week {digest.week} "
        f"of {digest.weeks}: {counts}, {digest.count(Status.OFF_TRACK)} off track; "
        f"{len(digest.needs_attention)} need attention."
    )


def _head(digest: TeamDigest) -> list[Block]:
    title = f"📊 {digest.team_name} · {digest.cycle_name} · week {digest.week} of {digest.weeks}"
    counts = [
        f"🟢 {digest.count(Status.ON_TRACK)} on track",
        f"🟡 {digest.count(Status.AT_RISK)} at risk",
        f"🔴 {digest.count(Status.OFF_TRACK)} off track",
    ]
    if waiting := digest.count(Status.NO_CHECKIN):
        counts.append(f"⚪ {waiting} without a check-in yet")
    average = digest.average_progress
    progress = (
        f"average progress *{round(average * 100)}%* against a pace of "
        f"*{round(digest.pace * 100)}%*"
        if average is not None
        else "no check-ins yet this cycle"
    )
    head = [header(title), section(f"{' · '.join(counts)} — {progress} ({digest.period})")]
    return [*head, *_holidays(digest)]


def _holidays(digest: TeamDigest) -> list[Block]:
    """Why a quieter week: the public holidays on its working days."""
    lines = [
        f"🏖 {note.day:%a} {note.day.day} {note.day:%b} {'was' if note.past else 'is'} a holiday "
        f"in {', '.join(note.regions)} ({escape(note.name)})"
        for note in digest.holidays
    ]
    return [context(*lines)] if lines else []


def _attention(digest: TeamDigest, budget: int | None) -> list[Block]:
    flagged = digest.needs_attention
    if not flagged:
        return [section("*Needs attention*\n✅ Nothing this week: no KR is off track or sliding.")]
    lines = [
        f"• *{_title(kr.title)}* `{kr.ref}` {named(kr.owner, digest.names)} — "
        f"{reasons(kr, digest.pace)}"
        for kr in flagged
    ]
    return _listing("*⚠️ Needs attention*", lines, budget, "in the thread")


def reasons(kr: DigestKR, pace: float) -> str:
    """Why a KR needs attention, in words."""
    words = []
    fall = f"{kr.previous_confidence} → {kr.confidence}"
    for concern in kr.concerns:
        if concern is Concern.INTO_RED:
            words.append(f"confidence fell into the red ({fall})")
        elif concern is Concern.CONFIDENCE_DROP and Concern.INTO_RED not in kr.concerns:
            words.append(f"confidence fell by {_drop(kr)} points ({fall})")
        elif concern is Concern.OFF_TRACK:
            words.append(f"off track: confidence {kr.confidence}/10")
        elif concern is Concern.SOURCE_FAILING:
            words.append(f"data source failing: {escape(kr.source_error or '?')}")
        elif concern is Concern.BEHIND_PACE:
            words.append(
                f"behind pace: {round(kr.progress * 100)}% done with "
                f"{round(pace * 100)}% of the cycle gone"
            )
    return "; ".join(words)


def _drop(kr: DigestKR) -> int:
    return (kr.previous_confidence or 0) - (kr.confidence or 0)


def _objective_blocks(digest: TeamDigest, objective: DigestObjective) -> list[Block]:
    team = "" if objective.team_name == digest.team_name else f" · _{escape(objective.team_name)}_"
    ref = f"{objective.ref} " if objective.ref else ""
    heading = section(f"🎯 *{ref}{_title(objective.title)}*{team}")
    if not objective.key_results:
        return [heading, context("No key results yet.")]
    return [heading, *(section(_kr_text(kr, digest)) for kr in objective.key_results)]


def _kr_text(kr: DigestKR, digest: TeamDigest) -> str:
    first = f"*{_title(kr.title)}* `{kr.ref}` · {named(kr.owner, digest.names)}"
    if kr.value is None:
        return f"{first}\n_No check-in yet._"
    where = value_against_target(kr.kr_type, kr.value, kr.target, kr.unit)
    moved = change(kr.kr_type, kr.value, kr.previous_value, kr.unit)
    moved = moved if moved == "first check-in" else f"{moved} since the last digest"
    late = "" if kr.checked_in else " · _no check-in this week_"
    text = (
        f"{first}\n{progress_bar(kr.progress)}  {where} ({moved})\n"
        f"{confidence(kr.confidence, kr.previous_confidence)} · {STATUS_LABEL[kr.status]}{late}"
    )
    if kr.note and kr.note.strip():
        text += f"\n> {escape(truncate(' '.join(kr.note.split()), NOTE_CHARS))}"
    return text


def _blockers(digest: TeamDigest, budget: int | None) -> list[Block]:
    if not digest.blockers:
        return []
    lines = [
        f"• {escape(truncate(' '.join(b.text.split()), NOTE_CHARS))} — "
        f"*{_title(b.kr_title)}* {_blocker_owner(b.owner, digest)}"
        for b in digest.blockers
    ]
    return _listing("*🚧 Blockers*", lines, budget, "blockers")


def _blocker_owner(slack_user_id: str, digest: TeamDigest) -> str:
    # The one ping a channel post may carry, and only when the team asked for it.
    if digest.mention_blockers and slack_user_id:
        return mention(slack_user_id)
    return named(slack_user_id, digest.names)


def _people(digest: TeamDigest, budget: int | None) -> list[Block]:
    lines = []
    if digest.not_checked_in:
        people = [named(slack_id, digest.names) for slack_id in digest.not_checked_in]
        lines.append("*Not checked in this week:* " + ", ".join(_capped(people, budget)))
    else:
        lines.append("*Everyone with a key result has checked in this week.* 🎉")
    if digest.away:
        away = [
            named(p.slack_user_id, digest.names)
            + (f" (until {p.until:%b} {p.until.day})" if p.until else "")
            for p in digest.away
        ]
        lines.append("*Away:* " + ", ".join(_capped(away, budget)))
    return [context(*lines)]


def _capped(items: list[str], budget: int | None) -> list[str]:
    if budget is None:
        return items
    kept: list[str] = []
    used = 0
    for item in items:
        if used + len(item) + 2 > budget // 2:
            return [*kept, f"and {len(items) - len(kept)} more"]
        kept.append(item)
        used += len(item) + 2
    return kept


def _listing(title: str, lines: list[str], budget: int | None, rest: str) -> list[Block]:
    """Lines under a title, in sections of at most SECTION_CHARS, within a JSON budget."""
    kept, used = [], 0
    for line in lines:
        size = _size(line)
        if budget is not None and used + size > budget:
            break
        kept.append(line)
        used += size
    if len(kept) < len(lines):
        kept.append(f"_…and {len(lines) - len(kept)} more {rest}._")
    blocks: list[Block] = []
    text = title
    for line in kept:
        if len(text) + 1 + len(line) > SECTION_CHARS:
            blocks.append(section(text))
            text = line
        else:
            text += "\n" + line
    return [*blocks, section(text)]


def _pack(details: list[list[Block]]) -> list[list[Block]]:
    """Objectives into as few messages as fit; a split objective repeats its heading."""
    pages: list[list[Block]] = [[]]
    for blocks in details:
        heading = blocks[0]
        for index, block in enumerate(blocks):
            # A heading goes with its first key result, never alone at the foot of a message.
            if not _fits([*pages[-1], *blocks[index : index + 2 if index == 0 else index + 1]]):
                continued = section(heading["text"]["text"] + " _(continued)_")
                pages.append([block] if index == 0 else [continued, block])
            else:
                pages[-1].append(block)
    return [page for page in pages if page]


def _fits(blocks: list[Block]) -> bool:
    return len(blocks) <= MAX_BLOCKS and _size(blocks) <= MAX_CHARS


def _size(value: object) -> int:
    # Measured as Slack receives it: JSON with non-ASCII escaped, so emoji count six per half.
    return len(json.dumps(value))


def _title(text: str) -> str:
    return escape(truncate(" ".join(text.split()), TITLE_CHARS))
