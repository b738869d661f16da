"""The sources job: its own schedule entry, on the leader only, and owners told once each way."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.db.engine import Database
from bot.db.leadership import Leadership
from bot.domain.sources import HttpJsonSource
from bot.runtime import build_services
from bot.scheduling.jobs import find_job
from bot.scheduling.scheduler import start_scheduler, tick, tick_one
from bot.services.registry import Services
from bot.settings import Settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.source_server import Reply, SourceServer
from tests.fakes.timer import FakeTimer
from tests.scheduling.test_leader_tick import two_databases as two_databases
from tests.seed import ALICE, seed_quarter

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
EVERY = timedelta(minutes=5)
SOURCES = find_job("sources")


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as served:
        yield served


def _services(database: Database, fake: FakeSlackApi, clock: FrozenClock) -> Services:
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
    return build_services(database, fake.client(), settings, clock, FakeTimer())


def _dms(fake: FakeSlackApi) -> list[str]:
    return [
        " ".join(block.get("text", {}).get("text", "") for block in call.body["blocks"])
        + " ".join(e["text"] for b in call.body["blocks"] for e in b.get("elements", []))
        for call in fake.calls_to("chat.postMessage")
    ]


def test_the_minute_tick_leaves_sources_to_their_own_entry(
    database: Database, server: SourceServer
) -> None:
    kr = seed_quarter(database).sessions_kr
    clock = FrozenClock(MONDAY)
    with FakeSlackApi() as fake:
        services = _services(database, fake, clock)
        services.sources.set_source(kr, HttpJsonSource(server.json("/n", {"n": 4}), "n", EVERY))
        clock.advance(minutes=10)

        tick(services)
        assert server.paths() == [], "the minute tick does not fetch"
        assert SOURCES is not None
        tick_one(SOURCES, services)
        assert server.paths() == ["/n"]

        scheduler = start_scheduler(services, seconds=3600)
        try:
            entries = {job.id: job.trigger for job in scheduler.get_jobs()}
        finally:
            scheduler.shutdown(wait=False)
    assert set(entries) == {"tick", "sources"}
    assert getattr(entries["sources"], "jitter", None), "replicas do not fetch in step"


def _runs(services: Services, clock: FrozenClock, count: int) -> None:
    """`count` runs of the sources job, ten minutes apart: each source is due at each."""
    assert SOURCES is not None
    for _ in range(count):
        clock.advance(minutes=10)
        tick_one(SOURCES, services)


def test_the_owner_is_told_once_when_a_source_fails_and_once_when_it_recovers(
    database: Database, server: SourceServer
) -> None:
    kr = seed_quarter(database).sessions_kr
    clock = FrozenClock(MONDAY)
    assert SOURCES is not None
    with FakeSlackApi() as fake:
        services = _services(database, fake, clock)
        url = server.json("/n", {"n": 4})
        services.sources.set_source(kr, HttpJsonSource(url, "n", EVERY))
        server.serve("/n", Reply(status=503))
        _runs(services, clock, 8)  # failing for 80 minutes, across many runs
        failing = _dms(fake)
        server.json("/n", {"n": 5})
        _runs(services, clock, 3)
        dms = _dms(fake)
        channels = {call.channel for call in fake.calls_to("chat.postMessage")}

    assert len(failing) == 1
    assert "is failing since" in failing[0] and "HTTP 503" in failing[0]
    assert f"okr-bot sources test KR-{kr}" in failing[0], "it says how to find out more"
    assert len(dms) == 2 and "works again" in dms[1]
    assert channels == {"D" + ALICE}


def test_a_missing_variable_is_named_with_its_fix(database: Database, server: SourceServer) -> None:
    kr = seed_quarter(database).sessions_kr
    clock = FrozenClock(MONDAY)
    assert SOURCES is not None
    with FakeSlackApi() as fake:
        services = _services(database, fake, clock)
        url = server.json("/n", {"n": 4}) + "?key=${NOT_SET_ANYWHERE}"
        services.sources.set_source(kr, HttpJsonSource(url, "n", EVERY))
        _runs(services, clock, 4)
        dms = _dms(fake)

    assert len(dms) == 1
    assert "NOT_SET_ANYWHERE is not set" in dms[0] and "restart" in dms[0]


@pytest.mark.postgres
def test_only_the_leader_fetches(
    two_databases: tuple[Database, Database], server: SourceServer
) -> None:
    kr = seed_quarter(two_databases[0]).sessions_kr
    clock = FrozenClock(MONDAY)
    leaderships = [Leadership.for_database(database) for database in two_databases]
    assert SOURCES is not None
    with FakeSlackApi() as fake:
        leader, follower = (_services(db, fake, clock) for db in two_databases)
        leader.sources.set_source(kr, HttpJsonSource(server.json("/n", {"n": 4}), "n", EVERY))
        try:
            assert leaderships[0].check()
            clock.advance(minutes=10)
            tick_one(SOURCES, follower, leaderships[1])
            assert server.paths() == [], "a follower fetches nothing"
            tick_one(SOURCES, leader, leaderships[0])
            assert server.paths() == ["/n"]
        finally:
            for leadership in leaderships:
                leadership.close()
