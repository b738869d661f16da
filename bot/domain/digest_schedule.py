"""When a team's weekly digest is due, and which week of its cycle a period is."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.cadence import (
    Cadence,
    current_period,
    period_bounds,
    period_key,
    period_on,
    prompt_instant,
)

FRIDAY = 4
DEFAULT_DIGEST_CADENCE = Cadence(weekday=FRIDAY, at=time(15, 0))


def digest_time(period: str, cadence: Cadence, tz: ZoneInfo) -> datetime:
    """The aware instant at which a team in `tz` gets this period's digest."""
    return prompt_instant(cadence, period_on(cadence, period_bounds(period)[0]), tz)


def is_digest_due(now: datetime, cadence: Cadence, tz: ZoneInfo) -> bool:
    return now >= digest_time(current_period(now, tz), cadence, tz)


def previous_period(period: str) -> str:
    monday, _ = period_bounds(period)
    return period_key(monday - timedelta(days=7))


def week_of_cycle(start: date, end: date, period: str) -> tuple[int, int]:
    """(N, M): the period is week N of the M ISO weeks the cycle touches, N kept within 1..M."""
    first_monday = start - timedelta(days=start.weekday())
    total = (end - first_monday).days // 7 + 1
    monday, _ = period_bounds(period)
    return min(total, max(1, (monday - first_monday).days // 7 + 1)), total
