"""One replica leads the scheduled jobs: the holder of an advisory lock on PostgreSQL."""

import hashlib
import logging
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.engine import make_url

from bot.db.engine import Database
from bot.db.leadership import LOCK_KEY, Leadership
from tests.databases import sqlite_url
from tests.leader_lock import lock_connections, terminate_lock_holder

MakeLeadership = Callable[[], Leadership]
NOW_RUNS = "this replica now runs the scheduled jobs"
STOPPED = "this replica stopped running the scheduled jobs"


@pytest.fixture
def replicas(postgres_url: str, caplog: pytest.LogCaptureFixture) -> Iterator[MakeLeadership]:
    """Each call: the leadership of a new replica, with a Database (and so engine) of its own."""
    caplog.set_level(logging.INFO, logger="bot.db.leadership")
    made: list[tuple[Database, Leadership]] = []

    def make() -> Leadership:
        database = Database.from_url(postgres_url)
        made.append((database, Leadership.for_database(database)))
        return made[-1][1]

    yield make
    for database, leadership in made:
        leadership.close()
        database.dispose()


def _changes(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """How often the log said a replica started leading, and stopped."""
    said = [record.getMessage() for record in caplog.records]
    return said.count(NOW_RUNS), said.count(STOPPED)


def test_the_lock_key_is_derived_from_the_apps_name() -> None:
    digest = hashlib.sha256(b"okr-bot").digest()
    assert int.from_bytes(digest[:8], "big", signed=True) == LOCK_KEY


@pytest.mark.postgres
def test_one_replica_leads_and_the_others_follow_at_every_tick(
    postgres_url: str, replicas: MakeLeadership, caplog: pytest.LogCaptureFixture
) -> None:
    first, second, third = replicas(), replicas(), replicas()
    for _ in range(3):
        assert [first.check(), second.check(), third.check()] == [True, False, False]
    assert _changes(caplog) == (1, 0), "a leadership change is logged once"
    assert lock_connections(postgres_url) == 1, "followers keep no connection between tries"


@pytest.mark.postgres
def test_a_terminated_lock_connection_hands_leadership_to_the_next_replica_to_tick(
    postgres_url: str, replicas: MakeLeadership, caplog: pytest.LogCaptureFixture
) -> None:
    leader, follower = replicas(), replicas()
    assert leader.check() and not follower.check()

    terminate_lock_holder(postgres_url)
    assert follower.check(), "the follower takes the lock at its next tick"
    assert not leader.check(), "the old leader sees its lock gone and does not lead"
    assert not leader.check()
    assert follower.check()
    assert _changes(caplog) == (2, 1)


@pytest.mark.postgres
def test_a_leader_that_lost_its_connection_takes_the_lock_again_when_nobody_else_has(
    postgres_url: str, replicas: MakeLeadership, caplog: pytest.LogCaptureFixture
) -> None:
    leader, follower = replicas(), replicas()
    assert leader.check()

    terminate_lock_holder(postgres_url)
    assert leader.check(), "on a new connection of its own"
    assert not follower.check()
    assert _changes(caplog) == (2, 1)
    terminate_lock_holder(postgres_url)  # the new connection holds the lock


@pytest.mark.postgres
def test_a_replica_that_stops_hands_over_at_the_next_tick(replicas: MakeLeadership) -> None:
    leader, follower = replicas(), replicas()
    assert leader.check() and not follower.check()
    leader.close()
    assert follower.check()
    assert not leader.leading


@pytest.mark.postgres
def test_a_replica_that_cannot_reach_the_database_does_not_lead(
    postgres_url: str, replicas: MakeLeadership
) -> None:
    nobody_listens = make_url(postgres_url).set(host="127.0.0.1", port=9)
    unreachable = Database.from_url(nobody_listens.render_as_string(hide_password=False))
    lost = Leadership.for_database(unreachable)
    try:
        assert not lost.check()
        assert replicas().check()
    finally:
        lost.close()
        unreachable.dispose()


def test_on_sqlite_every_process_leads(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = sqlite_url(str(tmp_path_factory.mktemp("db")))
    databases = [Database.from_url(url), Database.from_url(url)]
    leaderships = [Leadership.for_database(database) for database in databases]
    assert [leadership.check() for leadership in leaderships] == [True, True]
    for leadership, database in zip(leaderships, databases, strict=True):
        leadership.close()
        database.dispose()
