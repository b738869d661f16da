"""A member's own prompt day and time, within the team's cadence and the working week."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.cadence import Cadence, CadenceKind, period_on, prompt_instant
from bot.domain.prefs import PromptPrefs, choosable_days, personal_cadence, prefs_problems
from bot.domain.working_hours import WorkingHours

BERLIN = ZoneInfo("Europe/Berlin")
TEAM = Cadence()  # weekly, Monday 10:00
FRIDAY_DIGEST = Cadence(weekday=4, at=time(15, 0))
HOURS = WorkingHours()


@pytest.mark.parametrize("monday", [date(2026, 11, 23), date(2027, 3, 29), date(2026, 10, 26)])
@pytest.mark.parametrize("weekday", range(5))
def test_my_day_and_time_place_the_prompt_in_berlin_across_dst(weekday: int, monday: date) -> None:
    cadence = personal_cadence(TEAM, PromptPrefs(weekday, time(14, 30)))
    today = monday + timedelta(days=weekday)
    period = period_on(cadence, today)
    due = prompt_instant(cadence, period, BERLIN)
    assert period.first_day == monday and period.prompt_day == today
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime.combine(today, time(14, 30))
    offset = due.astimezone(BERLIN).utcoffset()
    summer = date(2027, 3, 28) < today < date(2027, 10, 31)
    assert offset == timedelta(hours=2 if summer else 1)
    assert not prefs_problems(PromptPrefs(weekday, time(14, 30)), TEAM, HOURS, FRIDAY_DIGEST)


def test_unset_parts_follow_the_team_and_monthly_teams_keep_their_day() -> None:
    assert personal_cadence(TEAM, PromptPrefs()) == TEAM
    assert personal_cadence(TEAM, PromptPrefs(at=time(9, 5))) == Cadence(at=time(9, 5))
    monthly = Cadence(kind=CadenceKind.MONTHLY)
    assert personal_cadence(monthly, PromptPrefs(3, time(11))) == Cadence(
        kind=CadenceKind.MONTHLY, at=time(11)
    )
    sprint = Cadence(kind=CadenceKind.EVERY_N_WEEKS, every=2, anchor=date(2026, 11, 16))
    mine = personal_cadence(sprint, PromptPrefs(2))
    assert period_on(mine, date(2026, 11, 27)).prompt_day == date(2026, 11, 18)


def test_the_days_on_offer_are_working_days_up_to_the_digest() -> None:
    assert choosable_days(TEAM, HOURS, FRIDAY_DIGEST) == (0, 1, 2, 3, 4)
    assert choosable_days(TEAM, HOURS, Cadence(weekday=2)) == (0, 1, 2)
    assert choosable_days(TEAM, WorkingHours(days=frozenset({1, 2, 3})), None) == (1, 2, 3)
    assert choosable_days(Cadence(kind=CadenceKind.MONTHLY), HOURS, FRIDAY_DIGEST) == ()


@pytest.mark.parametrize(
    ("prefs", "fields"),
    [
        (PromptPrefs(5), {"prompt_weekday"}),
        (PromptPrefs(6, time(10)), {"prompt_weekday"}),
        (PromptPrefs(None, time(8, 59)), {"prompt_at"}),
        (PromptPrefs(None, time(18, 0)), {"prompt_at"}),
        (PromptPrefs(4, time(15, 0)), {"prompt_at"}),  # as late as the digest: not in it
        (PromptPrefs(4, time(14, 59)), set()),
        (PromptPrefs(None, time(9, 0)), set()),
        (PromptPrefs(), set()),
    ],
)
def test_the_rules_name_the_field_to_fix(prefs: PromptPrefs, fields: set[str]) -> None:
    assert set(prefs_problems(prefs, TEAM, HOURS, FRIDAY_DIGEST)) == fields


def test_a_monthly_team_refuses_a_day_but_takes_a_time() -> None:
    monthly = Cadence(kind=CadenceKind.MONTHLY)
    assert set(prefs_problems(PromptPrefs(1), monthly, HOURS, FRIDAY_DIGEST)) == {"prompt_weekday"}
    assert prefs_problems(PromptPrefs(None, time(16)), monthly, HOURS, FRIDAY_DIGEST) == {}


def test_the_instant_is_aware_utc() -> None:
    cadence = personal_cadence(TEAM, PromptPrefs(1, time(9, 0)))
    due = prompt_instant(cadence, period_on(cadence, date(2026, 11, 24)), BERLIN)
    assert due == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
