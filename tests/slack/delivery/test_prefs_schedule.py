"""The prompt comes on the member's own day and time, reminders only if they want them."""

from datetime import date, time, timedelta

import pytest

from bot.db.engine import Database
from tests.seed import ALICE, BOB
from tests.slack.harness import SlackHarness, json_body
from tests.slack.prefs_steps import save_prefs
from tests.slack.quiet_steps import (
    berlin,
    dms_to,
    extend_cycle,
    run_prompts_at,
    set_member,
    set_team,
)

WEEK = date(2026, 11, 23)  # a Monday (2026-W48)
SUMMER_TIME = date(2027, 3, 29)  # the Monday after Berlin's clocks went forward
WINTER_TIME = date(2026, 10, 26)  # the Monday after they went back


@pytest.fixture(autouse=True)
def _berlin(slack: SlackHarness, database: Database) -> None:
    slack.fake.set_user(BOB, tz="Europe/Berlin", name="bob")
    extend_cycle(database, date(2027, 6, 30))


@pytest.mark.parametrize("monday", [WEEK, SUMMER_TIME, WINTER_TIME])
@pytest.mark.parametrize("weekday", range(5))
def test_the_prompt_comes_on_my_day_at_my_time(
    slack: SlackHarness, weekday: int, monday: date
) -> None:
    assert json_body(save_prefs(slack, ALICE, day=str(weekday), at="14:30")) == {}
    day = monday + timedelta(days=weekday)
    for earlier in range(weekday):  # the team's Monday, and every day before mine
        run_prompts_at(slack, berlin(monday + timedelta(days=earlier), 14, 31))
    run_prompts_at(slack, berlin(day, 14, 29))
    assert dms_to(slack, ALICE) == []
    assert dms_to(slack, BOB)  # Bob keeps the team's Monday 10:00
    run_prompts_at(slack, berlin(day, 14, 31))
    assert len(dms_to(slack, ALICE)) == 1
    run_prompts_at(slack, berlin(day + timedelta(days=7), 14, 29))
    assert len(dms_to(slack, ALICE)) == 1
    run_prompts_at(slack, berlin(day + timedelta(days=7), 14, 31))  # next week: my day again
    assert len(dms_to(slack, ALICE)) == 2


@pytest.mark.parametrize("weekday", range(5))
def test_with_reminders_off_only_the_prompt_comes(slack: SlackHarness, weekday: int) -> None:
    assert json_body(save_prefs(slack, ALICE, day=str(weekday), reminders="off")) == {}
    set_member(slack.database, BOB, prompt_weekday=weekday)
    day = WEEK + timedelta(days=weekday)
    for hours in range(0, 24 * (7 - weekday), 3):
        run_prompts_at(slack, berlin(day, 10, 1) + timedelta(hours=hours))
    assert len(dms_to(slack, ALICE)) == 1
    # Bob: his prompt and its one reminder, which a Friday prompt's week has no room for.
    assert len(dms_to(slack, BOB)) == (2 if weekday < 4 else 1)


def test_my_time_alone_keeps_the_teams_day(slack: SlackHarness) -> None:
    assert json_body(save_prefs(slack, ALICE, at="09:15")) == {}
    run_prompts_at(slack, berlin(WEEK, 9, 14))
    assert dms_to(slack, ALICE) == []
    run_prompts_at(slack, berlin(WEEK, 9, 16))
    assert len(dms_to(slack, ALICE)) == 1
    assert dms_to(slack, BOB) == []  # the team's 10:00 has not come


def test_a_stored_day_is_ignored_once_the_team_goes_monthly(
    slack: SlackHarness, database: Database
) -> None:
    set_member(database, ALICE, prompt_weekday=3, prompt_at=time(11, 0))
    set_team(database, cadence="monthly")
    december = date(2026, 12, 1)  # a Tuesday, December's first working day
    run_prompts_at(slack, berlin(december, 10, 59))
    assert dms_to(slack, ALICE) == []
    run_prompts_at(slack, berlin(december, 11, 1))
    assert len(dms_to(slack, ALICE)) == 1
