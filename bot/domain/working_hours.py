"""Working hours: nudges wait for a member's own working day and time."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.cadence import local_instant


@dataclass(frozen=True)
class WorkingHours:
    start: time = time(9, 0)
    end: time = time(18, 0)
    days: frozenset[int] = frozenset(range(5))  # Monday–Friday
    # Public holidays of the member's country or region: no working day, nobody is nudged.
    closed: frozenset[date] = frozenset()

    def works_on(self, day: date) -> bool:
        return day.weekday() in self.days and day not in self.closed

    def contains(self, instant: datetime, tz: ZoneInfo) -> bool:
        local = instant.astimezone(tz)
        return self.works_on(local.date()) and self.start <= local.time() < self.end

    def past_holidays(self, instant: datetime, tz: ZoneInfo) -> datetime:
        """`instant`, or the same local time on the next working day when it falls on a
        public holiday: a prompt due on a holiday moves, it is not dropped."""
        local = instant.astimezone(tz)
        day = local.date()
        if day not in self.closed:
            return instant
        for _ in range(14):
            day += timedelta(days=1)
            if self.works_on(day):
                return local_instant(day, local.time(), tz)
        return instant

    def next_start(self, after: datetime, tz: ZoneInfo) -> datetime:
        """The first working-hours start strictly after `after` (e.g. "tomorrow morning")."""
        day = after.astimezone(tz).date() + timedelta(days=1)
        for _ in range(14):
            if self.works_on(day):
                return local_instant(day, self.start, tz)
            day += timedelta(days=1)
        return after + timedelta(days=1)

    def earliest_from(self, instant: datetime, tz: ZoneInfo) -> datetime:
        """`instant` itself when inside working hours, else the next moment that is."""
        if self.contains(instant, tz):
            return instant
        local = instant.astimezone(tz)
        if self.works_on(local.date()) and local.time() < self.start:
            return local_instant(local.date(), self.start, tz)
        return self.next_start(instant, tz)


def parse_hours(text: str) -> tuple[time, time]:
    """`09:00-18:00` → (09:00, 18:00); ValueError when malformed or empty."""
    start_text, end_text = text.split("-")
    start, end = time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip())
    if start >= end:
        raise ValueError("the end of working hours must come after the start")
    return start, end


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_days(text: str) -> frozenset[int]:
    """`Mon-Fri` or `Sun-Thu` or `Mon,Wed,Fri` → weekday numbers; ValueError when malformed."""
    days: set[int] = set()
    for part in text.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        start = DAY_NAMES.index(first[:3])
        end = DAY_NAMES.index(last[:3]) if last else start
        days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    return frozenset(days)
