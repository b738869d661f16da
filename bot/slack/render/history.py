"""A key result's last check-ins: value, confidence, note, blocker, who and when."""

from typing import Any

from bot.domain.refs import kr_ref
from bot.services.checkins.results import KRHistory
from bot.slack.render.blocks import Block, context, plain, section
from bot.slack.render.checkin_receipt import slack_date
from bot.slack.render.text import confidence, escape, truncate, value_against_target


def history_modal(history: KRHistory) -> dict[str, Any]:
    blocks: list[Block] = [section(f"*{escape(history.title)}* `{kr_ref(history.kr_id)}`")]
    if not history.entries:
        blocks.append(context("No check-ins yet."))
    for entry in history.entries:
        value = value_against_target(history.kr_type, entry.value, history.target, history.unit)
        lines = [f"*{entry.period}* · {value} · {confidence(entry.confidence)}"]
        if entry.note:
            lines.append(f"📝 {escape(truncate(entry.note, 600))}")
        if entry.blocker:
            lines.append(f"🚧 {escape(truncate(entry.blocker, 600))}")
        edited = f" · edited {entry.edits}×" if entry.edits else ""
        when = slack_date(entry.recorded_at, "{date_short_pretty} {time}")
        blocks.append(section("\n".join(lines)))
        who = f"from its source ({entry.source})" if entry.source else f"<@{entry.author_slack_id}>"
        blocks.append(context(f"{who} · {when}{edited}"))
    return {
        "type": "modal",
        "title": plain("Check-in history"),
        "close": plain("Close"),
        "blocks": blocks,
    }
