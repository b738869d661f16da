"""A tick plans from memory: only owners whose rows changed are read again, and what it sends
is, tick after tick, what planning everyone anew would send, whatever changed meanwhile."""

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from bench.monday_seed import MONDAY, people
from bench.work import Work, counted
from bot.db import prompts
from bot.db.engine import Database
from bot.db.models import Cycle, KeyResult, Objective, Team
from bot.db.workspace import editable_workspace_settings
from bot.domain.prompting import Step
from bot.scheduling.scheduler import prepare
from tests.scheduling.plan_world import (
    PROMPT_STEPS,
    SIZE,
    acted_on,
    due_anew,
    member,
    running_bot,
    workspace_every_two_weeks,
    workspace_weekly_again,
)

START = MONDAY - timedelta(hours=12)  # Sunday noon; prompts are due at ten on Monday, UTC
Change = Callable[[Session], None]


def _personal_time(session: Session) -> None:
    member(session, 3).prompt_at = (MONDAY + timedelta(hours=8)).time()


def _moved_east(session: Session) -> None:
    member(session, 4).timezone = "Asia/Tokyo"


def _archived(session: Session) -> None:
    owner = member(session, 5).id
    session.execute(
        update(KeyResult).where(col(KeyResult.owner_id) == owner).values(archived_at=MONDAY)
    )


def _deactivated(session: Session) -> None:
    member(session, 6).deactivated = True


def _answered_elsewhere(session: Session) -> None:
    answerer = member(session, 7)
    assert answerer.id is not None
    prompts.mark_answered(session, answerer.id, "2026-W47", MONDAY + timedelta(hours=10, minutes=5))


def _handed_over(session: Session) -> None:
    giver, taker = member(session, 8).id, member(session, 9).id
    kr = session.exec(select(KeyResult).where(KeyResult.owner_id == giver)).first()
    assert kr is not None and taker is not None
    kr.owner_id = taker


def _team_reminds_later(session: Session) -> None:
    team = session.exec(select(Team).order_by(col(Team.id))).first()
    assert team is not None
    team.reminder_after_hours = 30


def _objective_moved(session: Session) -> None:
    owner = member(session, 10).id
    kr = session.exec(select(KeyResult).where(KeyResult.owner_id == owner)).first()
    assert kr is not None
    objective = session.get_one(Objective, kr.objective_id)
    first, *_, last = session.exec(select(Team.id).order_by(col(Team.id))).all()
    assert first is not None and last is not None
    objective.team_id = last if objective.team_id == first else first
    objective.title += " (moved)"  # titles are unique per team and cycle


def _last_team_reminds_sooner(session: Session) -> None:
    team = session.exec(select(Team).order_by(col(Team.id).desc())).first()
    assert team is not None
    team.reminder_after_hours = 2


def _cycle_ends_monday(session: Session) -> None:
    cycle = session.exec(select(Cycle)).one()
    cycle.end_date = MONDAY.date()


def _workspace_reminds_sooner(session: Session) -> None:
    editable_workspace_settings(session).reminder_after_hours = 4


# Made as another replica or a listener would, between ticks: (hours after START, change).
CHANGES: list[tuple[float, Change]] = [
    (6, _personal_time),
    (12, _moved_east),
    (19, _team_reminds_later),  # before the answer: planning everyone anew would hide a miss
    (20, _archived),
    (21, _deactivated),
    (22.3, _answered_elsewhere),
    (25, _handed_over),
    (23, _workspace_reminds_sooner),  # teams without their own delay: reminders at two
    (25.5, _last_team_reminds_sooner),  # at half past one, its reminders are due at once
    (25.8, workspace_every_two_weeks),  # nobody is reminded of last week's missed prompt
    (27, workspace_weekly_again),  # this week's prompts are due a reminder again
    (30, _objective_moved),
    (34, _cycle_ends_monday),  # on Tuesday nobody is asked or reminded any more
]


def test_two_days_of_changes_send_what_planning_anew_would(database: Database) -> None:
    with running_bot(database, START) as bot:
        changes, prompted, reminded = list(CHANGES), set(), set()
        while bot.clock.now() < START + timedelta(hours=48):
            while changes and bot.clock.now() >= START + timedelta(hours=changes[0][0]):
                with database.transaction() as session:
                    changes.pop(0)[1](session)
            for steps, run in [
                (PROMPT_STEPS, bot.services.prompts.send_due_prompts),
                ({Step.REMIND}, bot.services.prompts.send_due_reminders),
            ]:
                expected = due_anew(database, bot.settings, bot.clock.now(), steps)
                report = run()
                assert acted_on(report) == expected, bot.clock.now()
                prompted.update(report.sent)
                reminded.update(report.reminded)
            bot.clock.advance(minutes=20)
    # The story did happen: this week's prompts, not to the one whose KRs were archived nor to
    # the one deactivated before ten; reminders, not to the one who answered elsewhere.
    ask = people(SIZE)
    assert prompted == set(ask) - {ask[5], ask[6]}
    assert reminded and ask[7] not in reminded


def _change_tick(database: Database, weeks: int) -> Work:
    with running_bot(database, MONDAY + timedelta(hours=9, minutes=30), weeks) as bot:
        bot.services.prompts.send_due_prompts()
        with database.transaction() as session:
            member(session, 3).prompt_at = (MONDAY + timedelta(hours=11)).time()
        bot.clock.advance(minutes=1)
        with counted(database.engine) as work:
            assert bot.services.prompts.send_due_prompts().sent == []
    return work


def test_a_tick_after_a_change_reads_as_much_with_more_history(database: Database) -> None:
    short, long = _change_tick(database, 2), _change_tick(database, 8)
    assert (short.statements, short.rows) == (long.statements, long.rows)
    # One owner read again: their row, KRs, team and prompts; besides, every member's revision.
    assert short.rows <= SIZE.people + 15


def test_the_tick_after_the_prompts_went_out_knows_they_did(database: Database) -> None:
    """It reads the prompts sent as they now are, rather than trying to claim them again."""
    with running_bot(database, MONDAY + timedelta(hours=10)) as bot:
        assert len(bot.services.prompts.send_due_prompts().sent) == SIZE.people
        bot.clock.advance(minutes=1)
        with counted(database.engine) as work:
            bot.services.prompts.send_due_prompts()
            bot.services.prompts.send_due_reminders()
    assert work.writes == 0


def test_read_before_the_first_tick_it_acts_on_who_is_due_only(database: Database) -> None:
    """What start-up reads sends nothing; the first tick sends, and fetches a profile never
    read before planning its owner."""
    with running_bot(database, MONDAY + timedelta(hours=10)) as bot:
        newcomer = people(SIZE)[2]
        with database.transaction() as session:
            member(session, 2).profile_fetched_at = None
        prepare(bot.services)
        assert bot.fake.calls_to("chat.postMessage") == [] and bot.fake.calls_to("users.info") == []
        bot.clock.advance(minutes=1)
        report = bot.services.prompts.send_due_prompts()
        assert len(report.sent) == SIZE.people and newcomer in report.sent
        assert [call.body["user"] for call in bot.fake.calls_to("users.info")] == [newcomer]
