"""Check-in periods and prompt times, in each member's own time zone."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONDAY = 0


@dataclass(frozen=True)
class WeeklyCadence:
    """A prompt once per ISO week, on `weekday` (0 = Monday) at `at` local time."""

    weekday: int = MONDAY
    at: time = time(10, 0)


def period_key(local_day: date) -> str:
    """The ISO-week period a local date belongs to, e.g. `2026-W47`."""
    year, week, _ = local_day.isocalendar()
    return f"{year}-W{week:02d}"


def period_bounds(key: str) -> tuple[date, date]:
    """First and last local day (Monday, Sunday) of an ISO-week period key."""
    year, week = key.split("-W")
    monday = date.fromisocalendar(int(year), int(week), 1)
    return monday, monday + timedelta(days=6)


def is_period_key(key: str) -> bool:
    try:
        period_bounds(key)
    except ValueError:
        return False
    return True


def zone(name: str | None, fallback: str) -> ZoneInfo:
    """The member's zone, or the fallback when Slack gave none or an unknown one."""
    for candidate in (name, fallback):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def current_period(now: datetime, tz: ZoneInfo) -> str:
    return period_key(now.astimezone(tz).date())


def prompt_time(period: str, cadence: WeeklyCadence, tz: ZoneInfo) -> datetime:
    """The aware instant at which this period's prompt is due for a member in `tz`."""
    monday, _ = period_bounds(period)
    local = datetime.combine(monday + timedelta(days=cadence.weekday), cadence.at, tzinfo=tz)
    # Round-trip through UTC so a wall time that does not exist (DST gap) moves forward.
    return local.astimezone(ZoneInfo("UTC"))


def is_prompt_due(now: datetime, cadence: WeeklyCadence, tz: ZoneInfo) -> bool:
    """Whether this week's prompt time has come for a member in `tz`."""
    return now >= prompt_time(current_period(now, tz), cadence, tz)
