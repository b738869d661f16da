"""Escaping and small text pieces: progress bars, numbers, confidence, status words."""

from bot.domain.progress import KRType, Status
from bot.domain.text import truncate as truncate  # the one cut, for every renderer

STATUS_LABEL = {
    Status.ON_TRACK: "🟢 On track",
    Status.AT_RISK: "🟡 At risk",
    Status.OFF_TRACK: "🔴 Off track",
    Status.NO_CHECKIN: "⚪ No check-in yet",
}
BAR_WIDTH = 10


def escape(text: str) -> str:
    """Make user text inert in mrkdwn: Slack's three entities, in this order, nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def progress_bar(fraction: float) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * BAR_WIDTH)
    return "▰" * filled + "▱" * (BAR_WIDTH - filled) + f" {round(fraction * 100)}%"


def number(value: float) -> str:
    """A value without trailing zeros: 3, 2.5, 0.125."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def with_unit(value: float, unit: str | None) -> str:
    return f"{number(value)} {escape(unit)}" if unit else number(value)


def value_of(kr_type: KRType, value: float | None, unit: str | None) -> str:
    if value is None:
        return "—"
    if kr_type is KRType.MILESTONE:
        return "done" if value >= 1 else "not done"
    return with_unit(value, unit)


def value_against_target(
    kr_type: KRType, value: float | None, target: float, unit: str | None
) -> str:
    """`2.4 / 3 sessions`, or a milestone's state."""
    if kr_type is KRType.MILESTONE:
        return value_of(kr_type, value, unit)
    shown = "—" if value is None else number(value)
    return f"{shown} / {with_unit(target, unit)}"


def change(kr_type: KRType, value: float, previous: float | None, unit: str | None) -> str:
    """How a value moved since the last period's check-in, in words."""
    if previous is None:
        return "first check-in"
    delta = value - previous
    if delta == 0:
        return "no change"
    if kr_type is KRType.MILESTONE:
        return "newly done" if value >= 1 else "reopened"
    sign = "+" if delta > 0 else "−"
    return f"{sign}{with_unit(abs(delta), unit)}"


def confidence(value: int | None, previous: int | None = None) -> str:
    if value is None:
        return "confidence —"
    arrow = ""
    if previous is not None and value != previous:
        arrow = " ↑" if value > previous else " ↓"
    return f"confidence {value}/10{arrow}"
