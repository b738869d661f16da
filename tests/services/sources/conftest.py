"""A source server per test, fetchers with short limits (failures end quickly), and services."""

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier
from typing import TypeVar

import pytest

from bot.db.engine import Database, Session, patient_waits
from bot.services.ports import Clock, Timer
from bot.services.sources.addresses import IPAddress
from bot.services.sources.fetcher import FetchLimits, SourceFetcher
from bot.services.sources.ports import ValueRecorder
from bot.services.sources.results import SourceReading
from bot.services.sources.service import TICK_BUDGET, SourceService
from tests.fakes.source_server import SourceServer

T = TypeVar("T")
QUICK = FetchLimits(connect_seconds=2.0, read_seconds=0.5, total_seconds=3.0)


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as served:
        yield served


@pytest.fixture
def fetcher() -> SourceFetcher:
    return SourceFetcher(limits=QUICK)


class CountingResolver:
    """Host names this test makes up, each with its answers in turn; counts every lookup."""

    def __init__(self, answers: dict[str, list[list[IPAddress]]]) -> None:
        self._answers = answers
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> list[IPAddress]:
        self.lookups.append(host)
        turns = self._answers[host]
        return turns.pop(0) if len(turns) > 1 else turns[0]


class Readings(list[SourceReading]):
    """A ValueRecorder that keeps what it is given, as the check-in code will."""

    def __call__(self, session: Session, reading: SourceReading) -> None:
        self.append(reading)


def source_service(
    database: Database,
    clock: Clock,
    *,
    environ: Mapping[str, str] | None = None,
    record_value: ValueRecorder | None = None,
    timer: Timer | None = None,
    workers: int = 4,
    budget: timedelta = TICK_BUDGET,
) -> SourceService:
    return SourceService(
        database,
        clock,
        SourceFetcher(limits=QUICK),
        environ=environ or {},
        record_value=Readings() if record_value is None else record_value,
        timer=timer,
        jitter=lambda: 0.5,
        workers=workers,
        budget=budget,
    )


def on_two_replicas(
    database: Database, clock: Clock, work: Callable[[SourceService], T]
) -> list[T]:
    """`work` run at the same moment by two replicas, each with its own engine on `database`."""
    url = database.engine.url.render_as_string(hide_password=False)
    replicas = [Database.from_url(url) for _ in range(2)]
    start = Barrier(len(replicas))

    def replica_runs(replica: Database) -> T:
        service = source_service(replica, clock)
        start.wait()
        with patient_waits():
            return work(service)

    try:
        with ThreadPoolExecutor(len(replicas)) as pool:
            running = [pool.submit(replica_runs, replica) for replica in replicas]
            return [outcome.result(timeout=60) for outcome in running]
    finally:
        for replica in replicas:
            replica.dispose()
