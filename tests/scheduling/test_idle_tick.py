"""A tick with nothing due plans no one: its reads stay the same whatever the workspace's size,
yet a change made elsewhere (another replica, a listener) is planned from at once."""

from datetime import time, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bench.monday_bot import IDLE_TIME
from bench.monday_seed import Size, people, seed
from bench.work import Work, counted
from bot.db.engine import Database
from bot.db.models import Member
from bot.runtime import build_services
from bot.scheduling.jobs import find_job
from bot.services.registry import Services
from bot.settings import Settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.timer import FakeTimer

SMALL = Size(people=20, teams=2, key_results=40, weeks=2)
LARGER = Size(people=60, teams=3, key_results=150, weeks=6)


def _idle_work(database: Database, services: Services, clock: FrozenClock) -> Work:
    """The prompt and reminder jobs' reads on a tick after one that planned everyone."""
    jobs = [find_job("checkin-prompts"), find_job("reminders")]
    for job in jobs:
        assert job is not None
        job.tick(services)  # the first tick plans everyone: nobody is due before ten
    clock.advance(minutes=1)
    with counted(database.engine) as work:
        reports = [job.tick(services) for job in jobs if job is not None]
    assert all("0 prompt(s) sent" in r or "0 reminder(s)" in r for r in reports), reports
    return work


def _idle_tick_at(database: Database, size: Size) -> Work:
    seed(database, size, [])
    clock = FrozenClock(IDLE_TIME)  # 09:30 UTC on a Monday: prompts are due at ten
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())
        work = _idle_work(database, services, clock)
        assert fake.calls_to("chat.postMessage") == []
    return work


def test_an_idle_tick_reads_as_much_at_three_times_the_size(database: Database) -> None:
    small, larger = _idle_tick_at(database, SMALL), _idle_tick_at(database, LARGER)
    assert (small.statements, small.rows) == (larger.statements, larger.rows)
    # Per job: the fingerprint, one row per watched table, and when the first open prompt ends.
    assert small.rows <= 2 * 8


def test_a_change_made_elsewhere_is_planned_from_on_the_next_tick(database: Database) -> None:
    size = SMALL
    seed(database, size, [])
    clock = FrozenClock(IDLE_TIME)  # 09:30 UTC: prompts are due at ten
    early = people(size)[3]
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())
        _idle_work(database, services, clock)
        # As `/okr prefs` on another replica would: this member wants their prompt at nine.
        with database.transaction() as session:
            session.execute(
                update(Member).where(col(Member.slack_user_id) == early).values(prompt_at=time(9))
            )
        clock.advance(minutes=1)
        report = services.prompts.send_due_prompts()
        assert report.sent == [early]
        # The others are still due at ten, not before.
        clock.set(IDLE_TIME + timedelta(minutes=29))
        assert services.prompts.send_due_prompts().sent == []
        clock.set(IDLE_TIME + timedelta(minutes=30))
        assert len(services.prompts.send_due_prompts().sent) == size.people - 1
    with database.read() as session:
        assert session.exec(select(Member.revision).where(Member.slack_user_id == early)).one()
