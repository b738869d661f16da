"""A tick plans from memory: only owners whose rows changed are read again, and what it sends
is, tick after tick, what planning everyone anew would send, whatever changed meanwhile."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from bench.monday_seed import CYCLE, CYCLE_START, MONDAY, Size, people, seed
from bench.work import Work, counted
from bot.db import prompts
from bot.db.engine import Database
from bot.db.models import Cycle, KeyResult, Member, Objective, Team
from bot.db.workspace import editable_workspace_settings
from bot.domain.cadence import CadenceKind
from bot.domain.prompting import Step
from bot.runtime import build_services
from bot.scheduling.scheduler import prepare
from bot.services.checkins.planning import PromptPlanner
from bot.services.workspace_defaults import CalendarDefaults, workspace_defaults
from bot.settings import Settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.timer import FakeTimer

SIZE = Size(people=20, teams=2, key_results=40, weeks=2)
START = MONDAY - timedelta(hours=12)  # Sunday noon; prompts are due at ten on Monday, UTC
PROMPT_STEPS = {Step.SEND, Step.MISS, Step.ANSWER}
CYCLE_END = CYCLE[2]
Change = Callable[[Session], None]


def _member(session: Session, n: int) -> Member:
    return session.exec(select(Member).where(Member.slack_user_id == people(SIZE)[n])).one()


def _personal_time(session: Session) -> None:
    _member(session, 3).prompt_at = (MONDAY + timedelta(hours=8)).time()


def _moved_east(session: Session) -> None:
    _member(session, 4).timezone = "Asia/Tokyo"


def _archived(session: Session) -> None:
    owner = _member(session, 5).id
    session.execute(
        update(KeyResult).where(col(KeyResult.owner_id) == owner).values(archived_at=MONDAY)
    )


def _deactivated(session: Session) -> None:
    _member(session, 6).deactivated = True


def _answered_elsewhere(session: Session) -> None:
    member = _member(session, 7)
    assert member.id is not None
    prompts.mark_answered(session, member.id, "2026-W47", MONDAY + timedelta(hours=10, minutes=5))


def _handed_over(session: Session) -> None:
    giver, taker = _member(session, 8).id, _member(session, 9).id
    kr = session.exec(select(KeyResult).where(KeyResult.owner_id == giver)).first()
    assert kr is not None and taker is not None
    kr.owner_id = taker


def _team_reminds_later(session: Session) -> None:
    team = session.exec(select(Team).order_by(col(Team.id))).first()
    assert team is not None
    team.reminder_after_hours = 30


def _objective_moved(session: Session) -> None:
    owner = _member(session, 10).id
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


def _workspace_every_two_weeks(session: Session) -> None:
    """Periods of two weeks from last Monday's: this week's prompts belong to no period now,
    and last week's, recorded missed, to the current one."""
    row = editable_workspace_settings(session)
    row.cadence, row.cadence_every = CadenceKind.EVERY_N_WEEKS, 2
    row.cadence_anchor = (MONDAY - timedelta(weeks=1)).date()


def _workspace_weekly_again(session: Session) -> None:
    editable_workspace_settings(session).cadence = CadenceKind.WEEKLY


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
    (25.8, _workspace_every_two_weeks),  # nobody is reminded of last week's missed prompt
    (27, _workspace_weekly_again),  # this week's prompts are due a reminder again
    (30, _objective_moved),
    (34, _cycle_ends_monday),  # on Tuesday nobody is asked or reminded any more
]


def _due_anew(database: Database, settings: Settings, now: datetime, steps: set[Step]) -> set[str]:
    """Whom planning everyone from scratch would act on now, with the bot's settings."""
    with database.read() as session:
        defaults = workspace_defaults(session, CalendarDefaults(settings.okr_default_timezone))
    planner = PromptPlanner(database, settings.working_hours())
    pages = planner.pages(now, defaults, lambda row: None if row.deactivated else row, force=False)
    return {plan.slack_user_id for page in pages for plan in page.plans if plan.step in steps}


def _acted_on(report: Any) -> set[str]:
    return {*report.sent, *report.reminded, *report.missed, *report.up_to_date, *report.failed}


def test_two_days_of_changes_send_what_planning_anew_would(database: Database) -> None:
    seed(database, SIZE, [])
    clock = FrozenClock(START)
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())
        changes, prompted, reminded = list(CHANGES), set(), set()
        while clock.now() < START + timedelta(hours=48):
            while changes and clock.now() >= START + timedelta(hours=changes[0][0]):
                with database.transaction() as session:
                    changes.pop(0)[1](session)
            for steps, run in [
                (PROMPT_STEPS, services.prompts.send_due_prompts),
                ({Step.REMIND}, services.prompts.send_due_reminders),
            ]:
                expected = _due_anew(database, settings, clock.now(), steps)
                report = run()
                assert _acted_on(report) == expected, clock.now()
                prompted.update(report.sent)
                reminded.update(report.reminded)
            clock.advance(minutes=20)
    # The story did happen: this week's prompts, not to the one whose KRs were archived nor to
    # the one deactivated before ten; reminders, not to the one who answered elsewhere.
    ask = people(SIZE)
    assert prompted == set(ask) - {ask[5], ask[6]}
    assert reminded and ask[7] not in reminded


def _change_tick(database: Database, weeks: int) -> Work:
    seed(database, SIZE, [], weeks=weeks)
    clock = FrozenClock(MONDAY + timedelta(hours=9, minutes=30))
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())
        services.prompts.send_due_prompts()
        with database.transaction() as session:
            _member(session, 3).prompt_at = (MONDAY + timedelta(hours=11)).time()
        clock.advance(minutes=1)
        with counted(database.engine) as work:
            assert services.prompts.send_due_prompts().sent == []
    return work


def test_a_tick_after_a_change_reads_as_much_with_more_history(database: Database) -> None:
    short, long = _change_tick(database, 2), _change_tick(database, 8)
    assert (short.statements, short.rows) == (long.statements, long.rows)
    # One owner read again: their row, KRs, team and prompts; besides, every member's revision.
    assert short.rows <= SIZE.people + 15


def test_the_tick_after_the_prompts_went_out_knows_they_did(database: Database) -> None:
    """It reads the prompts sent as they now are, rather than trying to claim them again."""
    seed(database, SIZE, [])
    clock = FrozenClock(MONDAY + timedelta(hours=10))
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())
        assert len(services.prompts.send_due_prompts().sent) == SIZE.people
        clock.advance(minutes=1)
        with counted(database.engine) as work:
            services.prompts.send_due_prompts()
            services.prompts.send_due_reminders()
    assert work.writes == 0


def test_read_before_the_first_tick_it_acts_on_who_is_due_only(database: Database) -> None:
    """What start-up reads sends nothing; the first tick sends, and fetches a profile never
    read before planning its owner."""
    seed(database, SIZE, [])
    newcomer = people(SIZE)[2]
    with database.transaction() as session:
        _member(session, 2).profile_fetched_at = None
    clock = FrozenClock(MONDAY + timedelta(hours=10))
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())
        prepare(services)
        assert fake.calls_to("chat.postMessage") == [] and fake.calls_to("users.info") == []
        clock.advance(minutes=1)
        report = services.prompts.send_due_prompts()
        assert len(report.sent) == SIZE.people and newcomer in report.sent
        assert [call.body["user"] for call in fake.calls_to("users.info")] == [newcomer]


def test_a_new_cadence_is_planned_from_memory_with_the_prompts_of_its_periods(
    database: Database,
) -> None:
    """A change to the workspace's settings reads no owner again, only everyone's prompts of
    the periods now current: it neither claims a period's prompt that exists nor misses one."""
    seed(database, SIZE, [])
    clock = FrozenClock(MONDAY + timedelta(hours=10))
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())
        assert len(services.prompts.send_due_prompts().sent) == SIZE.people
        # Two-week periods from last Monday's: its prompt, never made, is over a day late.
        with database.transaction() as session:
            _workspace_every_two_weeks(session)
        clock.advance(minutes=1)
        report = services.prompts.send_due_prompts()
        assert set(report.missed) == set(people(SIZE)) and _acted_on(report) == set(report.missed)
        services.prompts.send_due_reminders()  # reads again those whose prompts were made
        # Weekly again: this week's prompts, sent, are found again, not claimed anew.
        with database.transaction() as session:
            _workspace_weekly_again(session)
        clock.advance(minutes=1)
        with counted(database.engine) as work:
            assert _acted_on(services.prompts.send_due_prompts()) == set()
            assert _acted_on(services.prompts.send_due_reminders()) == set()
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
    seed(database, SIZE, [])
    _cycle(database, start_date=MONDAY.date() + timedelta(weeks=1))  # not begun yet
    clock = FrozenClock(MONDAY + timedelta(hours=9))
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())

        def tick(after: timedelta) -> set[str]:
            clock.advance(seconds=after.total_seconds())
            expected = _due_anew(database, settings, clock.now(), PROMPT_STEPS)
            acted = _acted_on(services.prompts.send_due_prompts())
            assert acted == expected, clock.now()
            return acted

        assert tick(timedelta()) == set()  # nobody owns a key result of an open cycle
        _cycle(database, start_date=CYCLE_START)
        assert tick(timedelta(minutes=1)) == set()
        assert tick(timedelta(minutes=59)) == set(people(SIZE))  # ten o'clock
        assert tick(timedelta(minutes=1)) == set()  # reads again whose prompts went out
        _cycle(database, name="2026 second half", closed_at=clock.now())
        clock.advance(minutes=1)
        with counted(database.engine) as work:
            assert _acted_on(services.prompts.send_due_prompts()) == set()
        assert work.writes == 0
        assert work.rows <= 20  # the signs of change and the cycles: nobody read again
        _cycle(database, end_date=CYCLE_END + timedelta(weeks=1))
        clock.advance(minutes=1)
        with counted(database.engine) as work:
            assert _acted_on(services.prompts.send_due_prompts()) == set()
        # Who owns the cycle's KRs, their signatures and the cycles of their KRs: no more.
        assert work.rows <= 3 * SIZE.people + 20
