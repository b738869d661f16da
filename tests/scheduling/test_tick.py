"""The scheduler's tick sends due prompts once, even when it races a manual run."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from bot.db.engine import Database
from bot.runtime import build_services
from bot.scheduling.jobs import JOBS, find_job
from bot.scheduling.scheduler import tick
from bot.settings import Settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.timer import FakeTimer
from tests.seed import ALICE, BOB, seed_quarter

BEFORE_BERLIN_TEN = datetime(2026, 11, 16, 8, 59, tzinfo=UTC)  # Monday, 09:59 in Berlin


def _settings(fake: FakeSlackApi) -> Settings:
    return Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)


def test_the_tick_prompts_each_member_at_their_local_time(database: Database) -> None:
    seed_quarter(database)
    clock = FrozenClock(BEFORE_BERLIN_TEN)
    with FakeSlackApi() as fake:
        fake.set_user(ALICE, tz="Europe/Berlin")
        fake.set_user(BOB, tz="America/New_York")
        services = build_services(database, fake.client(), _settings(fake), clock, FakeTimer())

        tick(services)
        assert fake.calls_to("chat.postMessage") == []
        clock.advance(minutes=1)
        tick(services)
        # The first prompt goes to the user id: Slack delivers it to the DM and names the DM.
        assert [c.body["channel"] for c in fake.calls_to("chat.postMessage")] == [ALICE]
        clock.set(datetime(2026, 11, 16, 15, 0, tzinfo=UTC))  # 10:00 in New York
        tick(services)
        tick(services)
        assert [c.body["channel"] for c in fake.calls_to("chat.postMessage")] == [ALICE, BOB]

        # A week later the DM channel Slack named is reused; no conversations.open ever.
        clock.advance(days=7)
        tick(services)
        channels = [c.body["channel"] for c in fake.calls_to("chat.postMessage")]
        assert channels[2:] == ["D" + ALICE, "D" + BOB]
        assert fake.calls_to("conversations.open") == []


def test_ticks_and_manual_runs_racing_on_one_database_send_each_prompt_once(
    database: Database,
) -> None:
    seed_quarter(database)
    clock = FrozenClock(datetime(2026, 11, 16, 16, 0, tzinfo=UTC))
    with FakeSlackApi() as fake:
        # Four independent service stacks stand for four processes sharing the database.
        stacks = [
            build_services(database, fake.client(), _settings(fake), clock, FakeTimer())
            for _ in range(4)
        ]
        manual = find_job("checkin-prompts")
        assert manual is not None
        with ThreadPoolExecutor(8) as pool:
            ticks = [pool.submit(tick, stack) for stack in stacks]
            manual_runs = [pool.submit(manual.run_now, stack) for stack in stacks]
            for ticked in ticks:
                ticked.result()
            for ran in manual_runs:
                ran.result()
        channels = sorted(c.body["channel"] for c in fake.calls_to("chat.postMessage"))
        assert channels == [ALICE, BOB]


def test_a_failing_job_does_not_stop_the_tick(database: Database) -> None:
    seed_quarter(database)
    with FakeSlackApi() as fake:
        fake.fail_http("users.info", 500)
        fake.fail("chat.postMessage", "user_not_found", when=lambda body: body["channel"] == ALICE)
        services = build_services(
            database,
            fake.client(),
            _settings(fake),
            FrozenClock(datetime(2026, 11, 16, 16, 0, tzinfo=UTC)),
            FakeTimer(),
        )
        tick(services)
        sent = [c.body["channel"] for c in fake.calls_to("chat.postMessage") if c.ok]
        assert sent == [BOB]


def test_jobs_have_names_and_descriptions() -> None:
    assert [job.name for job in JOBS] == [
        "profiles",
        "checkin-prompts",
        "reminders",
        "digests",
        "retros",
        "sources",
    ]
    assert find_job("nope") is None


def test_the_tick_walks_slacks_member_list_first_on_start_and_then_weekly(
    database: Database,
) -> None:
    seed_quarter(database)
    clock = FrozenClock(BEFORE_BERLIN_TEN)
    with FakeSlackApi(strict_users=True) as fake:
        fake.set_user(ALICE, tz="Europe/Berlin")
        fake.set_user(BOB, tz="America/New_York")
        services = build_services(database, fake.client(), _settings(fake), clock, FakeTimer())

        clock.advance(minutes=1)  # 10:00 in Berlin: Alice is due on the first tick
        tick(services)
        methods = [c.method for c in fake.calls if c.method in ("users.list", "chat.postMessage")]
        assert methods == ["users.list", "chat.postMessage"]  # zones known before prompting
        tick(services)
        clock.advance(days=6, hours=23)
        tick(services)
        assert len(fake.calls_to("users.list")) == 1
        clock.advance(hours=1)
        tick(services)
        assert len(fake.calls_to("users.list")) == 2
        assert fake.calls_to("users.info") == []
