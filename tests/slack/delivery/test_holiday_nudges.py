"""No prompt, reminder or retro request lands on a public holiday of the member's region."""

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import Cycle, WorkspaceSettings
from bot.services.scoring import close_cycle
from tests.seed import ALICE, BOB
from tests.slack.harness import SlackHarness
from tests.slack.quiet_steps import (
    berlin,
    dms_to,
    extend_cycle,
    run_prompts_at,
    set_member,
    set_team,
)
from tests.slack.retro_steps import retro_dms

# One holiday per weekday; the prompt moves to the next working day if the week still has one.
HOLIDAYS = [
    # Easter Monday, the first Monday of summer time: Tuesday at 10:00 CEST.
    (0, date(2027, 3, 29), "DE-BY", date(2027, 3, 30)),
    (1, date(2026, 12, 8), "AT", date(2026, 12, 9)),  # Immaculate Conception
    (2, date(2027, 1, 6), "DE-BY", date(2027, 1, 7)),  # Epiphany
    (3, date(2027, 5, 6), "DE-BY", date(2027, 5, 7)),  # Ascension
    # Christmas on a Friday, and Saturday a holiday too: Monday is next week, so not this week.
    (4, date(2026, 12, 25), "DE-BY", None),
    (5, date(2026, 10, 3), "DE", None),  # German Unity Day
    (6, date(2026, 11, 1), "DE-BY", None),  # All Saints' Day
]


@pytest.fixture(autouse=True)
def _berlin_team(slack: SlackHarness, database: Database) -> None:
    slack.fake.set_user(BOB, tz="Europe/Berlin", name="bob")
    extend_cycle(database, date(2027, 6, 30))


@pytest.mark.parametrize(("weekday", "holiday", "region", "moved_to"), HOLIDAYS)
def test_a_prompt_due_on_a_holiday_moves_to_the_next_working_day(
    slack: SlackHarness,
    database: Database,
    weekday: int,
    holiday: date,
    region: str,
    moved_to: date | None,
) -> None:
    assert holiday.weekday() == weekday
    set_team(database, prompt_weekday=weekday, holidays=region)
    run_prompts_at(slack, berlin(holiday, 10, 1))
    run_prompts_at(slack, berlin(holiday, 17))
    assert dms_to(slack, ALICE) == []
    if moved_to is None:
        for days in range(1, 7):
            run_prompts_at(slack, berlin(holiday + timedelta(days=days), 10, 1))
        assert dms_to(slack, ALICE) == []
    else:
        run_prompts_at(slack, berlin(moved_to, 9, 59))
        assert dms_to(slack, ALICE) == []
        run_prompts_at(slack, berlin(moved_to, 10, 1))
        assert len(dms_to(slack, ALICE)) == 1
    # Two weeks on, no holiday: the prompt comes on its own day and time again.
    later = holiday + timedelta(days=14)
    run_prompts_at(slack, berlin(later, 9, 59))
    before = len(dms_to(slack, ALICE))
    run_prompts_at(slack, berlin(later, 10, 1))
    assert len(dms_to(slack, ALICE)) == before + 1


@pytest.mark.parametrize("holiday", [holiday for _, holiday, _, _ in HOLIDAYS])
def test_without_a_region_the_holiday_is_an_ordinary_day(
    slack: SlackHarness, database: Database, holiday: date
) -> None:
    weekday = holiday.weekday()
    set_team(database, prompt_weekday=weekday)
    run_prompts_at(slack, berlin(holiday, 10, 1))
    assert len(dms_to(slack, ALICE)) == 1


def test_a_reminder_due_on_a_holiday_waits_for_the_next_working_morning(
    slack: SlackHarness, database: Database
) -> None:
    set_team(database, prompt_weekday=1, holidays="DE-BY")  # Tuesday; Wednesday is Epiphany
    run_prompts_at(slack, berlin(date(2027, 1, 5), 10, 1))
    assert len(dms_to(slack, ALICE)) == 1
    for when in (berlin(date(2027, 1, 6), 10, 1), berlin(date(2027, 1, 7), 8, 59)):
        run_prompts_at(slack, when)
    assert len(dms_to(slack, ALICE)) == 1
    run_prompts_at(slack, berlin(date(2027, 1, 7), 9, 1))
    assert len(dms_to(slack, ALICE)) == 2


def test_a_reminder_due_on_good_friday_does_not_spill_into_next_week(
    slack: SlackHarness, database: Database
) -> None:
    # Thursday's prompt; Friday is Good Friday, Monday Easter Monday, and the clocks change.
    set_team(database, prompt_weekday=3, holidays="DE-BY")
    run_prompts_at(slack, berlin(date(2027, 3, 25), 10, 1))
    assert len(dms_to(slack, ALICE)) == 1
    for day in range(26, 32):
        run_prompts_at(slack, berlin(date(2027, 3, day), 10, 1))
    assert len(dms_to(slack, ALICE)) == 1


def test_a_monthly_prompt_on_new_years_day_moves_to_the_first_working_day(
    slack: SlackHarness, database: Database
) -> None:
    set_team(database, cadence="monthly", holidays="DE-BY")
    run_prompts_at(slack, berlin(date(2026, 12, 31), 10, 1))  # December's prompt was long ago
    run_prompts_at(slack, berlin(date(2027, 1, 1), 10, 1))
    assert dms_to(slack, ALICE) == []
    run_prompts_at(slack, berlin(date(2027, 1, 4), 10, 1))
    [prompt] = dms_to(slack, ALICE)
    assert prompt.body["text"].startswith("Time for your OKR check-in")


def test_the_members_own_region_wins_and_the_workspace_is_the_fallback(
    slack: SlackHarness, database: Database
) -> None:
    with database.transaction() as session:
        session.add(WorkspaceSettings(id=1, holidays="DE-BY"))
    set_team(database, prompt_weekday=2)  # Wednesday, Epiphany in Bavaria
    set_member(database, ALICE, holidays="FR")
    run_prompts_at(slack, berlin(date(2027, 1, 6), 10, 1))
    assert len(dms_to(slack, ALICE)) == 1
    assert dms_to(slack, BOB) == []
    run_prompts_at(slack, berlin(date(2027, 1, 7), 10, 1))
    assert len(dms_to(slack, BOB)) == 1


def test_a_retro_request_waits_out_the_holiday(slack: SlackHarness, database: Database) -> None:
    set_team(database, holidays="DE-BY")
    set_member(database, BOB, holidays="US")  # Epiphany is an ordinary day for Bob
    closing = berlin(date(2027, 1, 5), 19)
    slack.clock.set(closing)
    with database.transaction() as session:
        cycle = session.exec(select(Cycle)).one()
        cycle.end_date = date(2027, 1, 5)
        close_cycle(session, cycle, slack.clock.now())
    _retros_at(slack, berlin(date(2027, 1, 6), 10))
    assert retro_dms(slack, ALICE) == []
    assert len(retro_dms(slack, BOB)) == 1
    _retros_at(slack, berlin(date(2027, 1, 7), 10))
    assert len(retro_dms(slack, ALICE)) == 3


def _retros_at(slack: SlackHarness, when: datetime) -> None:
    slack.clock.set(when)
    slack.services.retros.run_due()
