"""`/okr list`: objectives with their key results, split into messages within Block Kit's limits."""

import json

from bot.domain.refs import KR_PREFIX
from bot.domain.scoring import format_score
from bot.services.okrs.results import (
    HypothesisLine,
    HypothesisStatus,
    ListedKR,
    ListedObjective,
    OkrList,
)
from bot.slack.limits import MAX_BLOCKS, RESPONSE_URL_USES
from bot.slack.limits import MAX_JSON_CHARS as MAX_CHARS
from bot.slack.render.blocks import Block, context, section
from bot.slack.render.source_value import source_status
from bot.slack.render.text import (
    STATUS_LABEL,
    confidence,
    escape,
    progress_bar,
    truncate,
    value_against_target,
)

# Slack's limits are 50 blocks and ~12k characters of blocks per message; the margins leave
# room for the note that says where the rest went.
# One answer to the command and up to four more through response_url (Slack allows five).
MAX_MESSAGES = RESPONSE_URL_USES
HYPOTHESES_SHOWN = 3
TITLE_CHARS = 150
STATEMENT_CHARS = 150
DECIDED = {
    HypothesisStatus.VALIDATED: "✅ validated",
    HypothesisStatus.INVALIDATED: "❌ invalidated",
}
NARROW = "Narrow it with `/okr list team NAME`, `/okr list @person` or `/okr list at-risk`."

Message = tuple[str, list[Block]]


def okr_list_messages(listing: OkrList) -> list[Message]:
    """The list as one or more ephemeral messages, objectives in order; never empty."""
    title = _title(listing)
    if not listing.objectives:
        return [(title, [section(f"📋 *{title}*"), section(_nothing_found(listing))])]
    pieces = [
        [_objective_heading(listing, objective), *(_kr(kr) for kr in objective.key_results)]
        for objective in listing.objectives
    ]
    pages = _pack([section(f"📋 *{title}*")], pieces)
    shown = pages[:MAX_MESSAGES]
    left_out = sum(_kr_count(page) for page in pages[MAX_MESSAGES:])
    if left_out:
        shown[-1].append(context(f"…and {left_out} more key result(s). {NARROW}"))
    total = len(shown)
    return [
        (title if index == 1 else f"{title} ({index} of {total})", page)
        for index, page in enumerate(shown, 1)
    ]


def _title(listing: OkrList) -> str:
    # Used as mrkdwn (fallback text and the first section): user text is escaped.
    if listing.person is not None:
        whose = "Your key results" if listing.is_caller else f"<@{listing.person}>'s key results"
    elif listing.team_name is not None:
        whose = f"{escape(listing.team_name)}'s key results"
    else:
        whose = "Key results"
    if listing.person is not None and listing.team_name is not None:
        whose += f" in {escape(listing.team_name)}"
    risk = " at risk" if listing.at_risk else ""
    closed = " (closed)" if listing.closed else ""
    return f"{whose}{risk} · {escape(listing.cycle_name)}{closed}"


def _nothing_found(listing: OkrList) -> str:
    cycle = escape(listing.cycle_name)
    if listing.at_risk:
        return f"🎉 Nothing at risk, off track or behind pace in {cycle}."
    if listing.person is not None and listing.is_caller:
        return (
            f"You own or contribute to no key results in {cycle}. "
            "See your team's with `/okr list team NAME`, or everything at risk with "
            "`/okr list at-risk`."
        )
    if listing.person is not None:
        return (
            f"<@{listing.person}> owns or contributes to no key results in {cycle}. "
            "Try `/okr list team NAME`."
        )
    return f"No objectives with key results in {cycle} yet. Try `/okr list cycle NAME`."


def _objective_heading(listing: OkrList, objective: ListedObjective) -> Block:
    parts = [f"🎯 *{objective.ref} {_clean(objective.title, TITLE_CHARS)}*"]
    parts.append(f"_{escape(objective.team_name)}_")
    parts.append(escape(objective.kind))
    if objective.score is not None:
        parts.append(f"score {format_score(objective.score)}")
    elif listing.closed:
        parts.append("not scored")
    return section(" · ".join(parts))


def _kr(kr: ListedKR) -> Block:
    lines = [f"*{kr.ref}* {_clean(kr.title, TITLE_CHARS)}"]
    where = value_against_target(kr.kr_type, kr.value, kr.target, kr.unit)
    sure = confidence(kr.confidence, kr.previous_confidence)
    lines.append(f"{progress_bar(kr.progress)}  {where} · {sure} · {STATUS_LABEL[kr.status]}")
    people = f"Owner <@{kr.owner}>" if kr.owner else "No owner"
    if kr.contributors:
        people += " · with " + ", ".join(f"<@{person}>" for person in kr.contributors)
    if kr.score is not None:
        people += f" · score {format_score(kr.score)}"
    lines.append(people)
    lines += filter(None, [source_status(kr.source)])
    lines += [hypothesis_text(bet) for bet in kr.hypotheses[:HYPOTHESES_SHOWN]]
    if len(kr.hypotheses) > HYPOTHESES_SHOWN:
        lines.append(f"    _…and {len(kr.hypotheses) - HYPOTHESES_SHOWN} more hypotheses_")
    return section("\n".join(lines))


def hypothesis_text(bet: HypothesisLine) -> str:
    """`💡 ICE 240 · statement`, with ✅/❌ once decided."""
    decided = f" {DECIDED[bet.status]}" if bet.status in DECIDED else ""
    return f"    💡 ICE {bet.ice} · {_clean(bet.statement, STATEMENT_CHARS)}{decided}"


def _clean(text: str, limit: int) -> str:
    return escape(truncate(" ".join(text.split()), limit))


def _pack(start: list[Block], pieces: list[list[Block]]) -> list[list[Block]]:
    """Objectives into as few messages as fit; a split objective repeats its heading."""
    pages: list[list[Block]] = [list(start)]
    for blocks in pieces:
        heading = blocks[0]
        for index, block in enumerate(blocks):
            # A heading goes with its first key result, never alone at the foot of a message.
            wanted = blocks[index : index + 2] if index == 0 else [block]
            if _fits([*pages[-1], *wanted]):
                pages[-1].append(block)
            elif index == 0:
                pages.append([block])
            else:
                pages.append([section(heading["text"]["text"] + " _(continued)_"), block])
    return [page for page in pages if page]


def _kr_count(page: list[Block]) -> int:
    return sum(
        block["text"]["text"].startswith(f"*{KR_PREFIX}") for block in page if "text" in block
    )


def _fits(blocks: list[Block]) -> bool:
    return len(blocks) <= MAX_BLOCKS and len(json.dumps(blocks)) <= MAX_CHARS
