"""How a value that came from a key result's source is shown: "from its source 2 h ago: 45 → 47"."""

from bot.services.snapshots import KRSnapshot
from bot.slack.render.checkin_receipt import slack_date
from bot.slack.render.text import value_of


def from_source(kr: KRSnapshot) -> str | None:
    """The line for a KR whose latest value came from its source; None for a person's own."""
    if kr.value_source is None or kr.value_at is None or kr.value is None:
        return None
    now = value_of(kr.kr_type, kr.value, kr.unit)
    moved = now
    if kr.previous_value is not None and kr.previous_value != kr.value:
        moved = f"{value_of(kr.kr_type, kr.previous_value, kr.unit)} → {now}"
    return f"from its source {slack_date(kr.value_at, '{ago}')}: {moved}"
