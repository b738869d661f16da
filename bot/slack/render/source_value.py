"""How a KR's latest answer is shown: "45 / 100 · confidence 7/10", or "from its source 2 h ago"."""

from bot.services.checkins.results import KRSnapshot
from bot.services.source_badges import SourceBadge
from bot.slack.render.checkin_receipt import slack_date
from bot.slack.render.text import confidence, escape, truncate, value_against_target, value_of


def last_answer(kr: KRSnapshot) -> str | None:
    """The KR's latest value against its target and the confidence given; None before one."""
    if kr.value is None:
        return None
    where = value_against_target(kr.kr_type, kr.value, kr.target, kr.unit)
    return f"{where} · {confidence(kr.confidence)}"


def from_source(kr: KRSnapshot) -> str | None:
    """The line for a KR whose latest value came from its source; None for a person's own."""
    if kr.value_source is None or kr.value_at is None or kr.value is None:
        return None
    now = value_of(kr.kr_type, kr.value, kr.unit)
    moved = now
    if kr.previous_value is not None and kr.previous_value != kr.value:
        moved = f"{value_of(kr.kr_type, kr.previous_value, kr.unit)} → {now}"
    return f"from its source {slack_date(kr.value_at, '{ago}')}: {moved}"


def source_status(badge: SourceBadge | None) -> str | None:
    """ "🔄 synced 2 h ago", "⚠️ source failing since Tue 09:00: HTTP 503", or None."""
    if badge is None:
        return None
    if badge.failing_since is not None:
        since = slack_date(badge.failing_since, "{date_short_pretty} {time}")
        return f"⚠️ source failing since {since}: {escape(truncate(badge.error or '?', 120))}"
    if badge.last_success_at is None:
        return "🔄 source not synced yet"
    return f"🔄 synced {slack_date(badge.last_success_at, '{ago}')}"
