"""Check-in periods and prompt times for each cadence, in each member's own time zone."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONDAY = 0
DEFAULT_PROMPT_AT = time(10, 0)


class CadenceKind(StrEnum):
    WEEKLY = "weekly"
    EVERY_N_WEEKS = "every_n_weeks"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class Cadence:
    """When a team is asked: weekly, every N weeks from an anchor (sprints), or monthly.

    `weekday` (0 = Monday) and `at` place the prompt within a weekly or sprint period;
    a monthly prompt falls on the month's first working day at `at`.
    """

    kind: CadenceKind = CadenceKind.WEEKLY
    weekday: int = MONDAY
    at: time = DEFAULT_PROMPT_AT
    every: int = 1
    anchor: date | None = None


@dataclass(frozen=True)
class Period:
    """One check-in period: its key is the ISO week of its first prompt day, so keys sort."""

    key: str
    first_day: date
    last_day: date
    prompt_day: date


def period_key(local_day: date) -> str:
    """The ISO-week key of a local date, e.g. `2026-W47`."""
    year, week, _ = local_day.isocalendar()
    return f"{year}-W{week:02d}"


def period_bounds(key: str) -> tuple[date, date]:
    """First and last local day (Monday, Sunday) of the ISO week a period key names."""
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
    """The ISO-week key of `now` in `tz` (the weekly cadence's period)."""
    return period_key(now.astimezone(tz).date())


def period_on(cadence: Cadence, local_day: date) -> Period:
    """The period of `cadence` that contains `local_day`."""
    if cadence.kind is CadenceKind.MONTHLY:
        first = local_day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        prompt_day = first_working_day(first)
        return Period(period_key(prompt_day), first, following - timedelta(days=1), prompt_day)
    weeks = max(1, cadence.every) if cadence.kind is CadenceKind.EVERY_N_WEEKS else 1
    anchor = _monday(cadence.anchor or date(2001, 1, 1))  # any Monday works for one week
    index = ((_monday(local_day) - anchor).days // 7) // weeks
    first = anchor + timedelta(weeks=index * weeks)
    prompt_day = first + timedelta(days=cadence.weekday % 7)
    return Period(period_key(first), first, first + timedelta(weeks=weeks, days=-1), prompt_day)


def prompt_instant(cadence: Cadence, period: Period, tz: ZoneInfo) -> datetime:
    """The aware UTC instant the period's prompt is due for a member in `tz`."""
    return local_instant(period.prompt_day, cadence.at, tz)


def period_end(period: Period, tz: ZoneInfo) -> datetime:
    """The UTC instant the period ends: midnight after its last local day."""
    return local_instant(period.last_day + timedelta(days=1), time(0, 0), tz)


# Cached: planning asks it for thousands of owners who share a few zones, days and times.
@lru_cache(maxsize=4096)
def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """`day` at `at` in `tz` as UTC: a time skipped by DST moves to the next valid minute,
    a repeated one means its first occurrence, so a prompt fires exactly once."""
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if _wall(first, tz) == wall:
        return first
    # In a gap: walk forward from the instant before the gap to the first valid wall minute.
    candidate = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    while _wall(candidate, tz) < wall:
        candidate += timedelta(minutes=1)
    return candidate


def first_working_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _wall(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)
