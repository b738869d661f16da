"""The sources job: claim what is due, fetch it on a few threads, store values and health."""

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx

from bot.db.engine import Database
from bot.db.models import KRSource
from bot.db.sources import Fetched, claim_due, health_of, make_all_due, record_fetches, spec_of
from bot.domain.errors import DomainError
from bot.domain.source_health import HealthNotice, SourceHealth, next_due
from bot.domain.sources import PulledSource, SourceKind, WebhookSource
from bot.services.ports import Clock, Timer
from bot.services.sources.fetcher import SourceFetcher
from bot.services.sources.ports import ValueRecorder
from bot.services.sources.results import FetchReport, SourceNotice, SourceProbe, SourceReading
from bot.services.sources.values import read_value

log = logging.getLogger(__name__)

# Longer than any fetch may take: a source claimed by a replica that died is fetched again then.
CLAIM_LEASE = timedelta(minutes=10)
UNEXPECTED = "an unexpected error (the bot's log has the details)"


class SourcePoller:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        fetcher: SourceFetcher,
        *,
        environ: Mapping[str, str],
        record_value: ValueRecorder,
        timer: Timer,
        jitter: Callable[[], float],
        workers: int,
        budget: timedelta,
    ) -> None:
        self._database = database
        self._clock = clock
        self._fetcher = fetcher
        self._environ = environ
        self._record_value = record_value
        self._timer = timer
        self._jitter = jitter
        self._workers = workers
        self._budget = budget.total_seconds()

    def fetch_due(self, *, force: bool = False) -> FetchReport:
        """Fetch due sources (every pulled one with `force`) in batches until none is due or
        the time budget is spent, so the tick stays short; what is left waits for the next."""
        report = FetchReport()
        started = self._timer.monotonic()
        if force:
            with self._database.transaction() as session:
                make_all_due(session, self._clock.now())
        with (
            self._fetcher.client(self._workers) as client,
            ThreadPoolExecutor(self._workers, thread_name_prefix="source") as pool,
        ):
            while self._timer.monotonic() - started < self._budget:
                now = self._clock.now()
                with self._database.transaction() as session:
                    rows = claim_due(session, now, now + CLAIM_LEASE, self._workers)
                if not rows:
                    break
                outcomes = list(pool.map(lambda row: self._read(client, row), rows))
                self._record(rows, outcomes, report)
        return report

    def test(self, spec: PulledSource) -> SourceProbe:
        with self._fetcher.client(1) as client:
            try:
                return SourceProbe(value=read_value(self._fetcher, client, spec, self._environ))
            except DomainError as error:
                return SourceProbe(error=error.message)

    def _read(self, client: httpx.Client, row: KRSource) -> float | str:
        spec = spec_of(row)
        assert not isinstance(spec, WebhookSource), "webhooks are never claimed"
        try:
            return read_value(self._fetcher, client, spec, self._environ)
        except DomainError as error:
            return error.message
        except Exception:
            # Never a secret here: the fetcher turns every httpx error into a FetchError.
            log.exception("the source of KR-%s failed unexpectedly", row.key_result_id)
            return UNEXPECTED

    def _record(
        self, rows: list[KRSource], outcomes: list[float | str], report: FetchReport
    ) -> None:
        now = self._clock.now()
        fetched: list[Fetched] = []
        readings: list[SourceReading] = []
        for row, outcome in zip(rows, outcomes, strict=True):
            kr_id, health = row.key_result_id, health_of(row)
            if isinstance(outcome, float):
                after, notice = health.succeeded(outcome, now)
                kind = SourceKind(row.kind)
                readings.append(SourceReading(kr_id, outcome, now, health.last_value, kind))
                report.values[kr_id] = outcome
            else:
                after, notice = health.failed(outcome, now)
                report.errors[kr_id] = outcome
            if notice is not None:
                report.notices.append(_notice(kr_id, notice, after))
            every = timedelta(seconds=row.every_seconds or 0)
            fetched.append(Fetched(kr_id, after, next_due(now, every, self._jitter())))
        with self._database.transaction() as session:
            record_fetches(session, fetched)
            for reading in readings:
                self._record_value(session, reading)


def _notice(kr_id: int, notice: HealthNotice, health: SourceHealth) -> SourceNotice:
    if notice is HealthNotice.RECOVERED:
        return SourceNotice(kr_id, notice, None, None)
    return SourceNotice(kr_id, notice, health.last_error, health.failing_since)
