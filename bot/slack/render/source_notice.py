"""The DM to a key result's owner: its source is failing (why, and how to fix it), or is back."""

from bot.domain.refs import kr_ref
from bot.domain.source_health import HealthNotice
from bot.services.sources.notices import OwnerNotice
from bot.slack.render.blocks import Block, context, section
from bot.slack.render.checkin_receipt import slack_date
from bot.slack.render.text import escape


def source_notice(notice: OwnerNotice) -> tuple[str, list[Block]]:
    kr = f"*{escape(notice.kr_title)}* `{kr_ref(notice.kr_id)}`"
    if notice.notice is HealthNotice.RECOVERED:
        text = "The data source of your key result works again."
        return text, [section(f"✅ The data source of {kr} works again: its values are current.")]
    since = (
        f" since {slack_date(notice.failing_since, '{date_short_pretty} {time}')}"
        if notice.failing_since
        else ""
    )
    text = "The data source of your key result is failing."
    why = escape(notice.error or "an unknown error")
    fix = escape(notice.fix)
    return text, [
        section(f"⚠️ The data source of {kr} is failing{since}: {why}."),
        context(
            f"To fix it, {fix} Until then, check in its value by hand; I will tell you "
            "once when it works again."
        ),
    ]
