"""The sources job: due sources fetched, health kept, owners told once, replicas never doubled."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import KRSource
from bot.db.sources import SourceChange
from bot.domain.errors import NotFound
from bot.domain.source_health import HealthNotice
from bot.domain.sources import HttpJsonSource, PrometheusSource, SourceKind, WebhookSource
from bot.services.sources.results import FetchReport, SourceNotice, SourceProbe, SourceReading
from bot.services.sources.service import SourceService
from tests.fakes.clock import FrozenClock
from tests.fakes.source_server import Reply, SourceServer, prometheus_vector
from tests.fakes.timer import FakeTimer
from tests.seed import seed_quarter
from tests.seed_sources import many_key_results
from tests.services.sources.conftest import Readings, on_two_replicas, source_service

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
HOURLY, FIVE_MINUTES = timedelta(hours=1), timedelta(minutes=5)
# With a jitter fraction of 0.5: a new source is due 2.5 min after it is set, a fetched one
# `every` plus half of a tenth of it (at most 2.5 min) later.
FIRST_DUE = timedelta(minutes=2, seconds=30)


def test_a_new_source_is_fetched_soon_then_every_interval(
    database: Database, server: SourceServer
) -> None:
    kr = seed_quarter(database).sessions_kr
    clock, readings = FrozenClock(T0), Readings()
    sources = source_service(database, clock, record_value=readings)
    url = server.json("/fans", {"median": 2.4})

    assert sources.set_source(kr, HttpJsonSource(url, "median", HOURLY)) is SourceChange.CREATED
    assert sources.fetch_due().values == {}

    fetched_at = clock.advance(minutes=3)
    report = sources.fetch_due()

    assert report.values == {kr: 2.4} and report.errors == {}
    assert report.describe() == "1 source(s) fetched, 0 failed"
    assert readings == [SourceReading(kr, 2.4, fetched_at, None, SourceKind.HTTP_JSON)]
    state = sources.source_of(kr)
    assert state is not None
    assert (state.health.last_value, state.health.last_success_at) == (2.4, fetched_at)

    clock.set(fetched_at + HOURLY + FIRST_DUE - timedelta(seconds=1))
    assert sources.fetch_due().values == {}
    server.json("/fans", {"median": 2.6})
    clock.advance(seconds=1)
    assert sources.fetch_due().values == {kr: 2.6}
    assert readings[-1].previous == 2.4
    assert server.paths() == ["/fans", "/fans"]


def test_force_fetches_every_pulled_source_now_and_never_a_webhook(
    database: Database, server: SourceServer
) -> None:
    seeded = seed_quarter(database)
    sources = source_service(database, FrozenClock(T0))
    server.json("/prom/api/v1/query", prometheus_vector("0.8"))
    sources.set_source(seeded.sessions_kr, HttpJsonSource(server.json("/a", {"v": 1}), "v"))
    sources.set_source(seeded.churn_kr, PrometheusSource(server.url("/prom"), "avg(churn)"))
    sources.set_source(seeded.bob_kr, WebhookSource())

    report = sources.fetch_due(force=True)

    assert report.values == {seeded.sessions_kr: 1.0, seeded.churn_kr: 0.8}
    assert sources.fetch_due().values == {}
    assert len(server.requests) == 2


def test_the_owner_is_told_once_when_a_source_fails_and_once_when_it_recovers(
    database: Database, server: SourceServer
) -> None:
    kr, sources, clock = every_five_minutes(database, server, Reply(status=503))

    reports = [_run(sources, clock) for _ in range(12)]
    server.json("/fans", {"median": 7})
    reports += [_run(sources, clock) for _ in range(5)]

    first_failure = T0 + timedelta(minutes=3)
    notices = [(n, notice) for n, report in enumerate(reports) for notice in report.notices]
    assert notices == [
        (2, SourceNotice(kr, HealthNotice.FAILING, "HTTP 503", first_failure)),
        (12, SourceNotice(kr, HealthNotice.RECOVERED, None, None)),
    ]
    assert [report.errors for report in reports[:12]] == [{kr: "HTTP 503"}] * 12
    assert [report.values for report in reports[12:]] == [{kr: 7.0}] * 5


def every_five_minutes(
    database: Database, server: SourceServer, reply: Reply
) -> tuple[int, SourceService, FrozenClock]:
    """A key result whose source at /fans answers `reply`, every 5 minutes, first due now."""
    kr = seed_quarter(database).sessions_kr
    clock = FrozenClock(T0)
    sources = source_service(database, clock)
    url = server.serve("/fans", reply)
    sources.set_source(kr, HttpJsonSource(url, "median", FIVE_MINUTES))
    clock.advance(minutes=3)
    return kr, sources, clock


def _run(sources: SourceService, clock: FrozenClock) -> FetchReport:
    report = sources.fetch_due()
    clock.advance(minutes=5, seconds=15)
    return report


def test_a_failing_source_keeps_its_last_value_and_says_since_when(
    database: Database, server: SourceServer
) -> None:
    kr, sources, clock = every_five_minutes(database, server, Reply(body=b'{"median": 2.4}'))
    _run(sources, clock)
    server.serve("/fans", Reply(body=b"<html>maintenance</html>"))
    for _ in range(3):
        _run(sources, clock)

    state = sources.source_of(kr)

    assert state is not None
    health = state.health
    assert health.failing and health.failures_in_a_row == 3
    assert health.last_value == 2.4
    assert health.last_error == "the answer is not valid JSON"
    assert health.failing_since == T0 + timedelta(minutes=8, seconds=15)


def test_a_missing_variable_fails_by_name_and_no_secret_is_ever_stored(
    database: Database, server: SourceServer
) -> None:
    kr = seed_quarter(database).sessions_kr
    url = server.json("/fans", {"median": 2.4}) + "?key=${FANS_KEY}"
    spec = HttpJsonSource(url, "median", headers=(("Authorization", "Bearer ${FANS_TOKEN}"),))
    clock = FrozenClock(T0)
    without = source_service(database, clock, environ={"FANS_KEY": "k3y-value"})
    without.set_source(kr, spec)

    report = without.fetch_due(force=True)

    assert report.errors == {kr: "the environment variable FANS_TOKEN is not set (or is empty)"}
    assert server.requests == []
    environ = {"FANS_KEY": "k3y-value", "FANS_TOKEN": "t0ken-value"}
    assert source_service(database, clock, environ=environ).fetch_due(force=True).values == {
        kr: 2.4
    }
    with database.read() as session:
        stored = repr(session.exec(select(KRSource)).all())
    assert "${FANS_TOKEN}" in stored
    assert "t0ken-value" not in stored and "k3y-value" not in stored


def test_a_tick_stops_claiming_when_its_time_budget_is_spent(
    database: Database, server: SourceServer
) -> None:
    krs = many_key_results(database, 5)
    clock = FrozenClock(T0)
    sources = source_service(
        database, clock, timer=_EverySixSeconds(), workers=2, budget=timedelta(seconds=10)
    )
    for kr in krs:
        sources.set_source(kr, HttpJsonSource(server.json(f"/kr{kr}", {"v": kr}), "v"))

    batches = [len(sources.fetch_due(force=n == 0).values) for n in range(4)]

    assert batches == [2, 2, 1, 0]


class _EverySixSeconds(FakeTimer):
    """Each look at the time finds six more seconds gone: a batch of fetches "takes" 6 s."""

    def monotonic(self) -> float:
        self.advance(6)
        return super().monotonic()


def test_values_and_health_are_saved_with_what_the_recorder_writes_or_not_at_all(
    database: Database, server: SourceServer
) -> None:
    kr = seed_quarter(database).sessions_kr
    clock = FrozenClock(T0)

    def refuse(session: object, reading: SourceReading) -> None:
        raise RuntimeError("the check-in could not be written")

    failing = source_service(database, clock, record_value=refuse)
    failing.set_source(kr, HttpJsonSource(server.json("/fans", {"median": 2.4}), "median"))

    with pytest.raises(RuntimeError):
        failing.fetch_due(force=True)

    state = failing.source_of(kr)
    assert state is not None and state.health.last_value is None
    clock.advance(minutes=10)
    assert source_service(database, clock).fetch_due().values == {kr: 2.4}


def test_a_source_is_tested_without_saving_anything(
    database: Database, server: SourceServer
) -> None:
    seeded = seed_quarter(database)
    sources = source_service(database, FrozenClock(T0))
    sources.set_source(seeded.sessions_kr, HttpJsonSource(server.json("/f", {"m": 3}), "m"))
    sources.set_source(seeded.bob_kr, WebhookSource())

    assert sources.test_key_result(seeded.sessions_kr) == SourceProbe(value=3.0)
    assert sources.test_source(HttpJsonSource(server.url("/f"), "x")) == SourceProbe(
        error="the path 'x' found nothing"
    )
    assert sources.test_key_result(seeded.bob_kr) == SourceProbe(
        error="a webhook source is pushed to, not fetched"
    )
    with pytest.raises(NotFound, match="KR-3 has no data source"):
        sources.test_key_result(seeded.launch_kr)
    state = sources.source_of(seeded.sessions_kr)
    assert state is not None and state.health.last_success_at is None


def test_setting_the_same_source_again_changes_nothing(
    database: Database, server: SourceServer
) -> None:
    kr = seed_quarter(database).sessions_kr
    clock = FrozenClock(T0)
    sources = source_service(database, clock)
    spec = HttpJsonSource(server.json("/fans", {"median": 2.4}), "median")
    sources.set_source(kr, spec)
    sources.fetch_due(force=True)

    assert sources.set_source(kr, spec) is SourceChange.UNCHANGED
    state = sources.source_of(kr)
    assert state is not None and state.health.last_value == 2.4

    assert sources.set_source(kr, HttpJsonSource(spec.url, "median", FIVE_MINUTES)) is (
        SourceChange.UPDATED
    )
    state = sources.source_of(kr)
    assert state is not None and state.health.last_value is None
    assert sources.set_source(kr, None) is SourceChange.REMOVED
    assert sources.set_source(kr, None) is SourceChange.UNCHANGED
    assert sources.source_of(kr) is None


def test_two_replicas_polling_at_once_fetch_each_source_once(
    database: Database, server: SourceServer
) -> None:
    krs = many_key_results(database, 40)
    clock = FrozenClock(T0)
    sources = source_service(database, clock)
    for kr in krs:
        # A little slow, so both replicas are busy claiming and fetching at the same time.
        url = server.json(f"/kr{kr}", {"v": kr}, delay=0.02)
        sources.set_source(kr, HttpJsonSource(url, "v"))
    clock.advance(minutes=5)

    reports = on_two_replicas(database, clock, lambda replica: replica.fetch_due())

    assert Counter(server.paths()) == {f"/kr{kr}": 1 for kr in krs}
    first, second = (set(report.values) for report in reports)
    assert first.isdisjoint(second) and first | second == set(krs)
