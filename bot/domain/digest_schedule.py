"""When a team's weekly digest is due, and which week of its cycle a period is."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.cadence import WeeklyCadence, current_period, period_bounds, period_key, prompt_time

FRIDAY = 4
DEFAULT_DIGEST_CADENCE = WeeklyCadence(weekday=FRIDAY, at=time(15, 0))


def digest_time(period: str, cadence: WeeklyCadence, tz: ZoneInfo) -> datetime:
    """The aware instant at which a team in `tz` gets this period's digest."""
    return prompt_time(period, cadence, tz)


def is_digest_due(now: datetime, cadence: WeeklyCadence, tz: ZoneInfo) -> bool:
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
