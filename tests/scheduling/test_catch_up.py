"""A quarter imported, and the bot started, on each day of the week: who is asked at start,
what is recorded missed or skipped, and what `jobs run` sends afterwards."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.db.digests import claim_new
from bot.db.engine import Database
from bot.db.models import Digest, KeyResult, Member, Prompt, Team
from bot.runtime import build_services
from bot.scheduling.jobs import find_job
from bot.scheduling.scheduler import tick
from bot.services.okr_file.importing import OkrImporter
from bot.services.registry import Services
from bot.settings import Settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.timer import FakeTimer

EXAMPLE = Path(__file__).parents[2] / "examples" / "okrs-2026-Q4.yaml"
OWNERS = ["U0ALICE001", "U0BOB00001", "U0CAROL001", "U0DAVE0001"]  # the fake's users: Berlin
CHANNELS = ["C0GROWTH01", "C0PLATFORM"]  # teams without a zone: digests Friday 15:00 UTC
MONDAY = datetime(2026, 11, 16, tzinfo=UTC)  # 2026-W47; Berlin is UTC+1
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PROMPT_TIME = MONDAY + timedelta(hours=9)  # Monday 10:00 in Berlin


@dataclass
class Bot:
    database: Database
    fake: FakeSlackApi
    clock: FrozenClock
    services: Services

    def import_quarter(self) -> None:
        OkrImporter(self.database, self.clock).import_text(EXAMPLE.read_text(encoding="utf-8"))

    def start(self) -> None:
        tick(self.services)  # the scheduler's first tick runs as the bot starts

    def job(self, name: str) -> str:
        job = find_job(name)
        assert job is not None
        return job.run_now(self.services)

    def posted_to(self, kind: str) -> list[str]:
        """Where messages went that Slack accepted: "D" for DMs (as user ids), "C" channels."""
        posts = self.fake.calls_to("chat.postMessage")
        found = [c.channel for c in posts if c.ok and "thread_ts" not in c.body]
        return sorted(c.removeprefix("D") for c in found if c.startswith(kind))

    def prompted(self) -> list[str]:
        return self.posted_to("D")

    def digests(self) -> list[str]:
        return self.posted_to("C")

    def prompt_statuses(self) -> dict[str, str]:
        with self.database.transaction() as session:
            rows = session.exec(select(Member.slack_user_id, Prompt.status).join(Prompt)).all()
            return dict(rows)

    def digest_statuses(self) -> dict[str, str]:
        with self.database.transaction() as session:
            return {row.channel_id: row.status for row in session.exec(select(Digest)).all()}


@pytest.fixture
def bot(database: Database) -> Iterator[Bot]:
    with FakeSlackApi() as fake:
        clock = FrozenClock(MONDAY)
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        services = build_services(database, fake.client(), settings, clock, FakeTimer())
        yield Bot(database, fake, clock, services)


def _day(index: int) -> datetime:
    """Noon in Berlin on that day of 2026-W47."""
    return MONDAY + timedelta(days=index, hours=11)


@pytest.mark.parametrize("day", range(7), ids=DAYS)
def test_a_quarter_imported_and_started_mid_week_asks_now_and_misses_nobody(
    bot: Bot, day: int
) -> None:
    bot.clock.set(_day(day))
    bot.import_quarter()

    bot.start()

    # Monday to Friday: asked at once, within working hours. At the weekend: nobody is asked
    # (the next working moment is next week) and nobody is recorded missed.
    weekday = day < 5
    assert bot.prompted() == (OWNERS if weekday else [])
    assert "missed" not in bot.prompt_statuses().values()
    # The digest (Friday 15:00) fell due before the key results were there: not owed.
    assert bot.digests() == []
    assert set(bot.digest_statuses().values()) <= {"skipped"}

    prompts = bot.job("checkin-prompts")
    assert prompts.startswith(f"{0 if weekday else len(OWNERS)} prompt(s) sent")
    assert bot.job("digests").startswith(f"{len(CHANNELS)} digest(s) posted")
    assert bot.job("checkin-prompts").startswith("0 prompt(s) sent")
    assert bot.job("digests").startswith("0 digest(s) posted")
    assert bot.prompted() == OWNERS  # each owner exactly once
    assert bot.digests() == CHANNELS
    assert set(bot.prompt_statuses().values()) == {"sent"}


@pytest.mark.parametrize("day", range(7), ids=DAYS)
def test_after_downtime_a_prompt_over_a_day_late_is_missed_and_jobs_run_sends_it(
    bot: Bot, day: int
) -> None:
    bot.clock.set(PROMPT_TIME - timedelta(hours=1))
    bot.import_quarter()  # before Monday's prompt time; then the bot is down until `day`
    bot.clock.set(_day(day))

    bot.start()

    late = _day(day) - PROMPT_TIME > timedelta(hours=24)
    assert bot.prompted() == ([] if late else OWNERS)
    expected = "missed" if late else "sent"
    assert bot.prompt_statuses() == dict.fromkeys(OWNERS, expected)
    digest_late = _day(day) - (MONDAY + timedelta(days=4, hours=15))  # Friday 15:00 UTC
    posted_at_start = timedelta(0) <= digest_late <= timedelta(hours=24)
    assert bot.digests() == (CHANNELS if posted_at_start else [])
    if digest_late > timedelta(hours=24):
        assert bot.digest_statuses() == dict.fromkeys(CHANNELS, "skipped")

    assert bot.job("checkin-prompts").startswith(f"{len(OWNERS) if late else 0} prompt(s) sent")
    posted = 0 if posted_at_start else len(CHANNELS)
    assert bot.job("digests").startswith(f"{posted} digest(s) posted")
    assert bot.prompted() == OWNERS
    assert bot.digests() == CHANNELS


def test_a_quarter_starting_on_a_thursday_asks_that_morning_and_misses_nobody(
    bot: Bot,
) -> None:
    bot.clock.set(datetime(2026, 9, 28, 12, tzinfo=UTC))  # the Monday before 2026-Q4 begins
    bot.import_quarter()
    bot.start()
    assert bot.prompted() == []
    bot.clock.set(datetime(2026, 10, 1, 6, 59, tzinfo=UTC))  # Thursday 1 October, 08:59 Berlin
    tick(bot.services)
    assert bot.prompted() == []
    bot.clock.advance(minutes=1)  # the quarter's first working hour
    tick(bot.services)
    assert bot.prompted() == OWNERS
    assert set(bot.prompt_statuses().values()) == {"sent"}


def test_a_key_result_handed_to_someone_new_mid_week_gets_them_asked_not_missed(
    bot: Bot,
) -> None:
    bot.clock.set(PROMPT_TIME)
    bot.import_quarter()
    bot.start()
    assert bot.prompted() == OWNERS
    bot.clock.set(_day(2))  # Wednesday noon: Dave's key result goes to Erin, new to the bot
    text = EXAMPLE.read_text(encoding="utf-8")
    handed_over = text.replace("owner: U0DAVE0001", "owner: U0ERIN0001")
    assert handed_over != text
    OkrImporter(bot.database, bot.clock).import_text(handed_over)
    with bot.database.transaction() as session:
        before = {kr.title: kr.owner_since for kr in session.exec(select(KeyResult)).all()}

    tick(bot.services)
    bot.clock.advance(hours=1)
    OkrImporter(bot.database, bot.clock).import_text(handed_over)  # the same again: no change
    tick(bot.services)

    assert bot.prompted().count("U0ERIN0001") == 1  # the others had their reminders meanwhile
    assert bot.prompt_statuses()["U0ERIN0001"] == "sent"
    assert "missed" not in bot.prompt_statuses().values()
    with bot.database.transaction() as session:
        after = {kr.title: kr.owner_since for kr in session.exec(select(KeyResult)).all()}
    assert after == before
    handed = after.pop("p95 time to first frame of a live stream")
    assert handed == _day(2)
    assert set(after.values()) == {PROMPT_TIME}  # the first import


def test_a_digest_claimed_by_a_process_that_stopped_is_posted_by_a_later_tick(
    bot: Bot,
) -> None:
    bot.clock.set(PROMPT_TIME)
    bot.import_quarter()
    friday_15 = MONDAY + timedelta(days=4, hours=15)
    with bot.database.transaction() as session:
        team = session.exec(select(Team).where(Team.channel_id == CHANNELS[0])).one()
        assert team.id is not None
        claim_new(session, team.id, "2026-W47", CHANNELS[0], friday_15)  # and then it died
    bot.clock.set(friday_15 + timedelta(minutes=5))
    tick(bot.services)
    assert bot.digests() == [CHANNELS[1]]
    bot.clock.set(friday_15 + timedelta(minutes=10))
    tick(bot.services)
    tick(bot.services)
    assert bot.digests() == CHANNELS
