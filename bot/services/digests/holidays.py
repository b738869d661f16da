"""Which public holidays fell on working days of a digest's week, for the regions it covers."""

from collections.abc import Iterable
from datetime import date, timedelta

from bot.services.digests.results import HolidayNote
from bot.services.public_holidays import holidays_between

WORKING_WEEKDAYS = 5  # Monday–Friday: a holiday on a weekend changes nobody's week


def week_holidays(
    regions: Iterable[str | None], period: str, today: date
) -> tuple[HolidayNote, ...]:
    """Each working day of the ISO week `period` that was a holiday somewhere in `regions`."""
    year, _, week = period.partition("-W")
    try:
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return ()
    friday = monday + timedelta(days=WORKING_WEEKDAYS - 1)
    found: dict[date, tuple[str, list[str]]] = {}
    for region in sorted({r for r in regions if r}):
        for day, name in holidays_between(region, monday, friday).items():
            found.setdefault(day, (name, []))[1].append(region)
    return tuple(
        HolidayNote(day, name, tuple(where), past=day <= today)
        for day, (name, where) in sorted(found.items())
    )
