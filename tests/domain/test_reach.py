"""Reach: holidays close working days, and a fresh update on every key result answers a prompt."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.cadence import local_instant
from bot.domain.reach import FRESH_FOR, KRUpdate, Reach
from bot.domain.working_hours import WorkingHours

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 16)
Q4 = (date(2026, 10, 1), date(2026, 12, 31))


@pytest.mark.parametrize("weekday", range(7))
def test_a_holiday_moves_an_instant_to_the_same_time_on_the_next_working_day(
    weekday: int,
) -> None:
    day = MONDAY + timedelta(days=weekday)
    hours = WorkingHours(closed=frozenset({day}))
    at = local_instant(day, time(10), BERLIN)
    moved = hours.past_holidays(at, BERLIN).astimezone(BERLIN)
    following = day + timedelta(days=1)
    while following.weekday() >= 5:
        following += timedelta(days=1)
    assert (moved.date(), moved.time()) == (following, time(10))
    assert not hours.contains(at, BERLIN)
    assert WorkingHours().past_holidays(at, BERLIN) == at  # no holiday: unchanged


def test_the_dst_change_keeps_the_local_time() -> None:
    easter_monday = date(2027, 3, 29)  # the day after summer time began
    hours = WorkingHours(closed=frozenset({easter_monday}))
    moved = hours.past_holidays(local_instant(easter_monday, time(10), BERLIN), BERLIN)
    assert moved == datetime(2027, 3, 30, 8, 0, tzinfo=UTC)  # 10:00 CEST


@pytest.mark.parametrize("weekday", range(7))
def test_every_key_result_updated_within_48_hours_answers_the_prompt(weekday: int) -> None:
    prompt = local_instant(MONDAY + timedelta(days=weekday), time(10), BERLIN)
    minute = timedelta(minutes=1)
    fresh, stale = prompt - FRESH_FOR + minute, prompt - FRESH_FOR - minute
    today = prompt.astimezone(BERLIN).date()
    both = Reach(WorkingHours(), updates=(KRUpdate(*Q4, fresh), KRUpdate(*Q4, prompt)))
    assert both.answered_before(prompt, prompt, today)
    one_old = Reach(WorkingHours(), updates=(KRUpdate(*Q4, fresh), KRUpdate(*Q4, stale)))
    assert not one_old.answered_before(prompt, prompt, today)
    never = Reach(WorkingHours(), updates=(KRUpdate(*Q4, fresh), KRUpdate(*Q4, None)))
    assert not never.answered_before(prompt, prompt, today)
    # A key result of a cycle that has ended does not count either way.
    ended = KRUpdate(date(2026, 7, 1), date(2026, 9, 30), None)
    assert Reach(WorkingHours(), updates=(KRUpdate(*Q4, fresh), ended)).answered_before(
        prompt, prompt, today
    )
    assert not Reach(WorkingHours()).answered_before(prompt, prompt, today)
