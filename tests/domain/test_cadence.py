"""Periods are ISO weeks of the member's own local date; prompts fall due at local time."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.cadence import (
    WeeklyCadence,
    current_period,
    is_period_key,
    is_prompt_due,
    period_bounds,
    period_key,
    prompt_time,
    zone,
)

DEFAULT = WeeklyCadence()


def test_period_keys_are_iso_weeks() -> None:
    assert period_key(date(2026, 11, 16)) == "2026-W47"
    assert period_key(date(2027, 1, 1)) == "2026-W53"  # ISO year differs from the calendar's
    assert period_bounds("2026-W47") == (date(2026, 11, 16), date(2026, 11, 22))
    assert is_period_key("2026-W47")
    assert not is_period_key("2026-W54")
    assert not is_period_key("W47")


def test_the_same_instant_is_a_different_period_across_the_date_line() -> None:
    sunday_late_utc = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    assert current_period(sunday_late_utc, zone("America/Los_Angeles", "UTC")) == "2026-W47"
    assert current_period(sunday_late_utc, zone("Pacific/Auckland", "UTC")) == "2026-W48"


@pytest.mark.parametrize(
    ("tz", "utc_due"),
    [
        ("Europe/Berlin", datetime(2026, 11, 16, 9, 0, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 11, 16, 15, 0, tzinfo=UTC)),
        ("Asia/Kolkata", datetime(2026, 11, 16, 4, 30, tzinfo=UTC)),  # a half-hour zone
        ("Asia/Kathmandu", datetime(2026, 11, 16, 4, 15, tzinfo=UTC)),
    ],
)
def test_the_prompt_is_due_at_monday_ten_local_time(tz: str, utc_due: datetime) -> None:
    zone_info = zone(tz, "UTC")
    assert prompt_time("2026-W47", DEFAULT, zone_info) == utc_due
    assert not is_prompt_due(utc_due - timedelta(minutes=1), DEFAULT, zone_info)
    assert is_prompt_due(utc_due, DEFAULT, zone_info)


def test_a_local_time_inside_a_dst_gap_moves_forward() -> None:
    # Europe/Berlin skips 02:00–03:00 on Sunday 2026-03-29.
    gap = WeeklyCadence(weekday=6, at=time(2, 30))
    due = prompt_time("2026-W13", gap, zone("Europe/Berlin", "UTC"))
    assert due == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 local, after the gap


def test_an_unknown_zone_falls_back() -> None:
    assert zone("Mars/Olympus", "Europe/Paris").key == "Europe/Paris"
    assert zone(None, "nope").key == "UTC"
