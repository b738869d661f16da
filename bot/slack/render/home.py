"""The App Home tab: my key results at a glance, with a button to check in."""

from typing import Any

from bot.domain.scoring import format_score
from bot.services.checkins.results import HomeView, KRSnapshot, PastScores
from bot.services.okrs.results import HypothesisLine
from bot.slack.ids import Action
from bot.slack.limits import VIEW_BLOCKS
from bot.slack.render.blocks import Block, button, context, divider, header, section
from bot.slack.render.okr_list import hypothesis_text
from bot.slack.render.source_value import source_status
from bot.slack.render.text import (
    STATUS_LABEL,
    confidence,
    escape,
    progress_bar,
    truncate,
    value_against_target,
)

# Two blocks per key result plus the header area and past scores keep the tab under Slack's
# 100 blocks.
MAX_KRS_SHOWN = 45
HYPOTHESES_SHOWN = 2
PAST_SCORES_SHOWN = 15
TITLE_CHARS = 200


def home_view(home: HomeView) -> dict[str, Any]:
    state = (
        "✅ You have checked in this week." if home.checked_in else "You have not checked in yet."
    )
    blocks: list[Block] = [
        header("Your key results"),
        section(
            f"{state} _{home.period}_",
            accessory=button("Check in", Action.HOME_CHECK_IN, home.period, style="primary"),
        ),
        section(
            "Your own check-in day and time, reminder and public holidays.",
            accessory=button("My settings", Action.HOME_PREFS),
        ),
        divider(),
    ]
    if not home.key_results:
        blocks.append(
            section(
                "You have no active key results. When your team imports this cycle's OKRs, "
                "yours will show here. Type `/okr help` to see what I can do."
            )
        )
    objective = None
    for kr in home.key_results[:MAX_KRS_SHOWN]:
        if kr.objective_title != objective:
            objective = kr.objective_title
            ref = f"{kr.objective_ref} " if kr.objective_ref else ""
            blocks.append(context(f"🎯 *{ref}{escape(objective)}*"))
        blocks.append(_kr(kr, home.hypotheses.get(kr.kr_id, ())))
    if len(home.key_results) > MAX_KRS_SHOWN:
        blocks.append(context(f"…and {len(home.key_results) - MAX_KRS_SHOWN} more."))
    if home.past_scores is not None and home.past_scores.key_results:
        blocks += [divider(), _past_scores(home.past_scores)]
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}


def _kr(kr: KRSnapshot, hypotheses: tuple[HypothesisLine, ...]) -> Block:
    role = "" if kr.is_owner else " · _contributor_"
    trend = confidence(kr.confidence, kr.previous_confidence)
    where = value_against_target(kr.kr_type, kr.value, kr.target, kr.unit)
    score = f" · score {format_score(kr.score)}" if kr.score is not None else ""
    lines = [
        f"*{escape(truncate(kr.title, TITLE_CHARS))}* `{kr.ref}`{role}",
        f"{progress_bar(kr.progress)}  {where}",
        f"{STATUS_LABEL[kr.status]} · {trend}{score}",
        *filter(None, [source_status(kr.source)]),
        *(hypothesis_text(bet) for bet in hypotheses[:HYPOTHESES_SHOWN]),
    ]
    return section(
        "\n".join(lines), accessory=button("History", Action.HOME_HISTORY, str(kr.kr_id))
    )


def _past_scores(past: PastScores) -> Block:
    lines = [f"*🏁 Your scores in {escape(past.cycle_name)}*"]
    for kr in past.key_results[:PAST_SCORES_SHOWN]:
        score = format_score(kr.score) if kr.score is not None else "not scored"
        lines.append(f"`{kr.ref}` {escape(truncate(kr.title, TITLE_CHARS))} — {score}")
    if len(past.key_results) > PAST_SCORES_SHOWN:
        lines.append(
            f"_…and {len(past.key_results) - PAST_SCORES_SHOWN} more: `/okr list cycle "
            f"{escape(past.cycle_name)}`_"
        )
    return section("\n".join(lines))
