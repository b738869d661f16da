"""The retro digest: what we learned by reason first, then scores, then thanks; split to fit."""

import json

from bot.domain.retros import REASON_LABEL
from bot.domain.scoring import format_score
from bot.services.retros.ports import ObjectiveScore, ReasonGroup, RetroDigest
from bot.slack.limits import MAX_BLOCKS
from bot.slack.limits import MAX_JSON_CHARS as MAX_CHARS
from bot.slack.render.blocks import Block, context, divider, header, section
from bot.slack.render.people import named
from bot.slack.render.text import escape, truncate

SECTION_CHARS = 2_800
# Slack counts the JSON it receives, where each non-ASCII character takes six.
SECTION_JSON_CHARS = 4_000
LEARNING_CHARS = 600
TITLE_CHARS = 120
Message = tuple[str, list[Block]]


def retro_digest_messages(digest: RetroDigest) -> tuple[Message, list[Message]]:
    """The parent message and its thread replies, each within Block Kit's limits."""
    text = _fallback(digest)
    pages = _pack([*_head(digest), *_learnings(digest), *_scores(digest), *_thanks(digest)])
    parent = (text, pages[0])
    replies = [(f"{text} (continued)", page) for page in pages[1:]]
    return parent, replies


def _fallback(digest: RetroDigest) -> str:
    count = sum(len(group.learnings) for group in digest.groups)
    return f"🔁 {escape(digest.team_name)} · {escape(digest.cycle_name)} retro: {count} learning(s)"


def _head(digest: RetroDigest) -> list[Block]:
    count = sum(len(group.learnings) for group in digest.groups)
    by_reason = " · ".join(
        f"{REASON_LABEL[group.reason]} {len(group.learnings)}" for group in digest.groups
    )
    summary = f"*What we learned* — {count} learning(s)" + (f": {by_reason}" if by_reason else "")
    return [
        header(f"🔁 {digest.team_name} · {digest.cycle_name} retro"),
        section(summary),
    ]


def _learnings(digest: RetroDigest) -> list[Block]:
    if not digest.groups:
        return [
            section("No retro answers came in this time. `/okr learnings` keeps what we learn.")
        ]
    blocks: list[Block] = []
    for group in digest.groups:
        blocks += _lines(f"*{REASON_LABEL[group.reason]}* ({len(group.learnings)})", _group(group))
    return blocks


def _group(group: ReasonGroup) -> list[str]:
    lines = []
    for item in group.learnings:
        line = f"• {escape(truncate(item.learned, LEARNING_CHARS))} — `{item.kr_ref}` " + escape(
            truncate(item.kr_title, TITLE_CHARS)
        )
        if item.next_try:
            line += f"\n   _Next:_ {escape(truncate(item.next_try, LEARNING_CHARS))}"
        lines.append(line)
    return lines


def _scores(digest: RetroDigest) -> list[Block]:
    if not digest.objectives:
        return []
    blocks: list[Block] = [divider()]
    for objective in digest.objectives:
        blocks += _lines(_objective_line(objective), _kr_lines(objective))
        if objective.sandbagged:
            blocks.append(
                context(
                    f"Every key result of {objective.objective_ref} scored 1.0: well done! Next "
                    "cycle, a bolder target may stretch the team and teach us even more."
                )
            )
    return blocks


def _objective_line(objective: ObjectiveScore) -> str:
    score = format_score(objective.score) if objective.score is not None else "not scored"
    return (
        f"*{escape(truncate(objective.title, TITLE_CHARS))}* `{objective.objective_ref}` · {score}"
    )


def _kr_lines(objective: ObjectiveScore) -> list[str]:
    return [
        f"• {format_score(score) if score is not None else '—'} `{ref}` "
        + escape(truncate(title, TITLE_CHARS))
        for ref, title, score in objective.kr_scores
    ]


def _thanks(digest: RetroDigest) -> list[Block]:
    if not digest.thanked and not digest.anonymous_count:
        return []
    parts = []
    if digest.thanked:
        parts.append("Thank you " + ", ".join(named(user, digest.names) for user in digest.thanked))
    if digest.anonymous_count:
        answers = "answer" if digest.anonymous_count == 1 else "answers"
        parts.append(f"thank you for the {digest.anonymous_count} {answers} shared without a name")
    text = " — and ".join(parts)
    return [divider(), section(f"🙏 {text[0].upper()}{text[1:]}, for learning out loud.")]


def _lines(title: str, lines: list[str]) -> list[Block]:
    """A heading and its lines in as few sections as Slack's 3000 characters allow."""
    blocks: list[Block] = []
    text = title
    for line in lines:
        longer = f"{text}\n{line}"
        if len(longer) > SECTION_CHARS or len(json.dumps(longer)) > SECTION_JSON_CHARS:
            blocks.append(section(text))
            text = line
        else:
            text = longer
    return [*blocks, section(text)]


def _pack(blocks: list[Block]) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    for block in blocks:
        if pages[-1] and not _fits([*pages[-1], block]):
            pages.append([])
        pages[-1].append(block)
    return pages


def _fits(blocks: list[Block]) -> bool:
    # Measured as Slack receives it: JSON with non-ASCII escaped.
    return len(blocks) <= MAX_BLOCKS and len(json.dumps(blocks)) <= MAX_CHARS
