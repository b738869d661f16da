"""Periods and prompt instants for each cadence, in members' own zones, DST included."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.cadence import (
    Cadence,
    CadenceKind,
    current_period,
    is_period_key,
    local_instant,
    period_bounds,
    period_end,
    period_key,
    period_on,
    prompt_instant,
    zone,
)

WEEKLY = Cadence()
SPRINTS = Cadence(CadenceKind.EVERY_N_WEEKS, every=2, anchor=date(2026, 11, 2), weekday=1)
MONTHLY = Cadence(CadenceKind.MONTHLY, at=time(9, 30))
BERLIN = zone("Europe/Berlin", "UTC")


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
        ("Asia/Kathmandu", datetime(2026, 11, 16, 4, 15, tzinfo=UTC)),  # a 45-minute zone
        ("Australia/Adelaide", datetime(2026, 11, 15, 23, 30, tzinfo=UTC)),  # +10:30 in summer
    ],
)
def test_weekly_prompts_are_due_monday_ten_local_time(tz: str, utc_due: datetime) -> None:
    period = period_on(WEEKLY, date(2026, 11, 18))
    assert (period.key, period.first_day, period.last_day) == (
        "2026-W47",
        date(2026, 11, 16),
        date(2026, 11, 22),
    )
    assert prompt_instant(WEEKLY, period, zone(tz, "UTC")) == utc_due


def test_sprints_run_every_n_weeks_from_their_anchor() -> None:
    assert period_on(SPRINTS, date(2026, 11, 2)).key == "2026-W45"
    second = period_on(SPRINTS, date(2026, 11, 27))
    assert (second.key, second.first_day, second.last_day) == (
        "2026-W47",
        date(2026, 11, 16),
        date(2026, 11, 29),
    )
    assert second.prompt_day == date(2026, 11, 17)  # Tuesday
    assert period_on(SPRINTS, date(2026, 10, 30)).first_day == date(2026, 10, 19)  # before anchor
    assert period_on(SPRINTS, second.last_day + timedelta(days=1)).first_day == date(2026, 11, 30)


def test_monthly_prompts_fall_on_the_first_working_day() -> None:
    november = period_on(MONTHLY, date(2026, 11, 20))
    assert (november.first_day, november.last_day) == (date(2026, 11, 1), date(2026, 11, 30))
    assert november.prompt_day == date(2026, 11, 2)  # the 1st is a Sunday
    assert november.key == "2026-W45"
    assert prompt_instant(MONTHLY, november, BERLIN) == datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
    assert period_on(MONTHLY, date(2026, 12, 1)).prompt_day == date(2026, 12, 1)


def test_a_period_ends_at_local_midnight_after_its_last_day() -> None:
    period = period_on(WEEKLY, date(2026, 11, 18))
    assert period_end(period, BERLIN) == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)


def test_a_local_time_skipped_by_dst_moves_to_the_next_valid_minute() -> None:
    # Europe/Berlin jumps from 02:00 to 03:00 on Sunday 2026-03-29.
    due = local_instant(date(2026, 3, 29), time(2, 30), BERLIN)
    assert due == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 local
    assert due.astimezone(BERLIN).time() == time(3, 0)


def test_a_repeated_local_time_fires_once_at_its_first_occurrence() -> None:
    # Europe/Berlin repeats 02:00–03:00 on Sunday 2026-10-25.
    due = local_instant(date(2026, 10, 25), time(2, 30), BERLIN)
    assert due == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_an_unknown_zone_falls_back() -> None:
    assert zone("Mars/Olympus", "Europe/Paris").key == "Europe/Paris"
    assert zone(None, "nope").key == "UTC"
