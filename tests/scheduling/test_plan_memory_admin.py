"""An admin's changes are planned from memory, reading no more than they change: the
workspace's settings (everyone's prompts of the periods now current) and a cycle (its days
only: its owners' key results; its name or closing: nobody)."""

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from bench.monday_seed import CYCLE, CYCLE_START, MONDAY, people
from bench.work import counted
from bot.db.engine import Database
from bot.db.models import Cycle
from tests.scheduling.plan_world import (
    PROMPT_STEPS,
    SIZE,
    acted_on,
    due_anew,
    running_bot,
    workspace_every_two_weeks,
    workspace_weekly_again,
)

CYCLE_END = CYCLE[2]


def test_a_new_cadence_is_planned_from_memory_with_the_prompts_of_its_periods(
    database: Database,
) -> None:
    """A change to the workspace's settings reads no owner again, only everyone's prompts of
    the periods now current: it neither claims a period's prompt that exists nor misses one."""
    with running_bot(database, MONDAY + timedelta(hours=10)) as bot:
        assert len(bot.services.prompts.send_due_prompts().sent) == SIZE.people
        # Two-week periods from last Monday's: its prompt, never made, is over a day late.
        with database.transaction() as session:
            workspace_every_two_weeks(session)
        bot.clock.advance(minutes=1)
        report = bot.services.prompts.send_due_prompts()
        assert set(report.missed) == set(people(SIZE)) and acted_on(report) == set(report.missed)
        bot.services.prompts.send_due_reminders()  # reads again those whose prompts were made
        # Weekly again: this week's prompts, sent, are found again, not claimed anew.
        with database.transaction() as session:
            workspace_weekly_again(session)
        bot.clock.advance(minutes=1)
        with counted(database.engine) as work:
            assert acted_on(bot.services.prompts.send_due_prompts()) == set()
            assert acted_on(bot.services.prompts.send_due_reminders()) == set()
        assert work.writes == 0
        # Everyone's prompts once, the teams, and each run's signs of change (a row a table).
        assert work.rows <= SIZE.people + 25


def _cycle(database: Database, **values: Any) -> None:
    with database.transaction() as session:
        session.execute(update(Cycle).values(**values))


def test_a_cycle_s_days_move_its_owners_and_nothing_else_about_it_does(
    database: Database,
) -> None:
    """New days bring a cycle's owners in or take them out; a new name or its closing is no
    reason to read anyone again."""
    with running_bot(database, MONDAY + timedelta(hours=9)) as bot:
        _cycle(database, start_date=MONDAY.date() + timedelta(weeks=1))  # not begun yet

        def tick(after: timedelta) -> set[str]:
            bot.clock.advance(seconds=after.total_seconds())
            expected = due_anew(database, bot.settings, bot.clock.now(), PROMPT_STEPS)
            acted = acted_on(bot.services.prompts.send_due_prompts())
            assert acted == expected, bot.clock.now()
            return acted

        assert tick(timedelta()) == set()  # nobody owns a key result of an open cycle
        _cycle(database, start_date=CYCLE_START)
        assert tick(timedelta(minutes=1)) == set()
        assert tick(timedelta(minutes=59)) == set(people(SIZE))  # ten o'clock
        assert tick(timedelta(minutes=1)) == set()  # reads again whose prompts went out
        _cycle(database, name="2026 second half", closed_at=bot.clock.now())
        bot.clock.advance(minutes=1)
        with counted(database.engine) as work:
            assert acted_on(bot.services.prompts.send_due_prompts()) == set()
        assert work.writes == 0
        assert work.rows <= 20  # the signs of change and the cycles: nobody read again
        _cycle(database, end_date=CYCLE_END + timedelta(weeks=1))
        bot.clock.advance(minutes=1)
        with counted(database.engine) as work:
            assert acted_on(bot.services.prompts.send_due_prompts()) == set()
        # Who owns the cycle's KRs, their signatures and the cycles of their KRs: no more.
        assert work.rows <= 3 * SIZE.people + 20
