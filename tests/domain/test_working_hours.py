"""Nudges wait for the member's working hours, in their own zone."""

from datetime import UTC, datetime, time

import pytest

from bot.domain.cadence import zone
from bot.domain.working_hours import WorkingHours, parse_days, parse_hours

HOURS = WorkingHours()
BERLIN = zone("Europe/Berlin", "UTC")


def test_inside_and_outside_working_hours() -> None:
    assert HOURS.contains(datetime(2026, 11, 17, 8, 0, tzinfo=UTC), BERLIN)  # Tue 09:00
    assert not HOURS.contains(datetime(2026, 11, 17, 17, 0, tzinfo=UTC), BERLIN)  # Tue 18:00
    assert not HOURS.contains(datetime(2026, 11, 21, 10, 0, tzinfo=UTC), BERLIN)  # Saturday


def test_the_earliest_working_moment() -> None:
    tuesday_early = datetime(2026, 11, 17, 5, 0, tzinfo=UTC)  # 06:00 local
    assert HOURS.earliest_from(tuesday_early, BERLIN) == datetime(2026, 11, 17, 8, 0, tzinfo=UTC)
    friday_evening = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)  # 19:00 local
    assert HOURS.earliest_from(friday_evening, BERLIN) == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    inside = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)
    assert HOURS.earliest_from(inside, BERLIN) == inside


def test_tomorrow_morning_skips_the_weekend() -> None:
    friday = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert HOURS.next_start(friday, BERLIN) == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_parsing() -> None:
    assert parse_hours("08:30-17:00") == (time(8, 30), time(17, 0))
    assert parse_days("Mon-Fri") == frozenset(range(5))
    assert parse_days("Sun-Thu") == frozenset({6, 0, 1, 2, 3})
    assert parse_days("mon,wed") == frozenset({0, 2})
    for bad in ("18:00-09:00", "9-5", ""):
        with pytest.raises(ValueError):  # noqa: PT011
            parse_hours(bad)
    with pytest.raises(ValueError):  # noqa: PT011
        parse_days("Funday")
