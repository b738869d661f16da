"""The App Home tab: my key results at a glance, with a button to check in."""

from typing import Any

from bot.services.snapshots import HomeView, KRSnapshot
from bot.slack.ids import Action
from bot.slack.render.blocks import Block, button, context, divider, header, section
from bot.slack.render.text import (
    STATUS_LABEL,
    confidence,
    escape,
    progress_bar,
    value_against_target,
)

# Two blocks per key result plus the header area keep the tab under Slack's 100 blocks.
MAX_KRS_SHOWN = 45


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
            blocks.append(context(f"🎯 *{escape(objective)}*"))
        blocks.append(_kr(kr))
    if len(home.key_results) > MAX_KRS_SHOWN:
        blocks.append(context(f"…and {len(home.key_results) - MAX_KRS_SHOWN} more."))
    return {"type": "home", "blocks": blocks[:100]}


def _kr(kr: KRSnapshot) -> Block:
    role = "" if kr.is_owner else " · _contributor_"
    trend = confidence(kr.confidence, kr.previous_confidence)
    where = value_against_target(kr.kr_type, kr.value, kr.target, kr.unit)
    return section(
        f"*{escape(kr.title)}* `{kr.ref}`{role}\n"
        f"{progress_bar(kr.progress)}  {where}\n"
        f"{STATUS_LABEL[kr.status]} · {trend}",
        accessory=button("History", Action.HOME_HISTORY, str(kr.kr_id)),
    )
