"""Of two replicas on PostgreSQL only the leader's tick does the work, until it loses its lock."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.db.engine import Database
from bot.db.leadership import Leadership
from bot.db.models import metadata
from bot.runtime import build_services
from bot.scheduling.scheduler import tick
from bot.services.registry import Services
from bot.settings import Settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.fakes.timer import FakeTimer
from tests.leader_lock import terminate_lock_holder
from tests.seed import ALICE, BOB, seed_quarter

BEFORE_BERLIN_TEN = datetime(2026, 11, 16, 8, 59, tzinfo=UTC)  # Monday, 09:59 in Berlin
NEW_YORK_TEN = datetime(2026, 11, 16, 15, 0, tzinfo=UTC)


@pytest.fixture
def two_databases(postgres_url: str) -> Iterator[tuple[Database, Database]]:
    """Two engines on one PostgreSQL database, as two replicas have."""
    first, second = Database.from_url(postgres_url), Database.from_url(postgres_url)
    metadata.drop_all(first.engine)
    metadata.create_all(first.engine)
    yield first, second
    first.dispose()
    second.dispose()


def _replica(database: Database, fake: FakeSlackApi, clock: FrozenClock, token: str) -> Services:
    settings = Settings(slack_bot_token=token, slack_api_url=fake.base_url)
    return build_services(database, fake.client(token), settings, clock, FakeTimer())


def _tokens(calls: list[Call]) -> set[str | None]:
    return {call.token for call in calls}


def _prompted(fake: FakeSlackApi) -> list[tuple[str | None, str]]:
    return [(call.token, call.channel) for call in fake.calls_to("chat.postMessage")]


@pytest.mark.postgres
def test_only_the_leader_ticks_and_a_follower_takes_over_when_the_lock_connection_dies(
    postgres_url: str, two_databases: tuple[Database, Database]
) -> None:
    seed_quarter(two_databases[0])
    clock = FrozenClock(BEFORE_BERLIN_TEN)
    leaderships = [Leadership.for_database(database) for database in two_databases]
    with FakeSlackApi() as fake:
        fake.set_user(ALICE, tz="Europe/Berlin")
        fake.set_user(BOB, tz="America/New_York")
        first, second = (
            _replica(db, fake, clock, f"xoxb-{n}")
            for db, n in zip(two_databases, "ab", strict=True)
        )
        try:
            tick(first, leaderships[0])
            clock.advance(minutes=1)  # Alice is due
            tick(second, leaderships[1])
            assert _tokens(fake.calls) == {"xoxb-a"}, "a follower's tick calls nobody"
            tick(first, leaderships[0])
            assert _prompted(fake) == [("xoxb-a", "D" + ALICE)]

            handed_over = len(fake.calls)
            terminate_lock_holder(postgres_url)
            clock.set(NEW_YORK_TEN)  # Bob is due
            tick(second, leaderships[1])
            tick(first, leaderships[0])
            assert _prompted(fake) == [("xoxb-a", "D" + ALICE), ("xoxb-b", "D" + BOB)]
            assert _tokens(fake.calls[handed_over:]) == {"xoxb-b"}, "the old leader is idle"
        finally:
            for leadership in leaderships:
                leadership.close()
