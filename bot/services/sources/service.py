"""The sources service: the entry points the scheduler, the command line and the HTTP edge call."""

import os
import random
from collections.abc import Callable, Mapping
from datetime import timedelta

from bot.db.engine import Database
from bot.db.sources import SourceChange, get_source, has_webhooks, health_of, spec_of
from bot.domain.errors import NotFound
from bot.domain.refs import kr_ref
from bot.domain.sources import SourceSpec, WebhookSource
from bot.services.ports import Clock, SystemTimer, Timer
from bot.services.source_saving import store_source
from bot.services.sources.fetcher import SourceFetcher
from bot.services.sources.polling import SourcePoller
from bot.services.sources.ports import ValueRecorder, keep_on_source_only
from bot.services.sources.pushing import WebhookService
from bot.services.sources.results import FetchReport, PushResult, SourceProbe, SourceState

WORKERS = 16
# The scheduler runs every job in one tick: the sources job stops claiming after this long.
TICK_BUDGET = timedelta(seconds=20)


class SourceService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        fetcher: SourceFetcher,
        *,
        environ: Mapping[str, str] | None = None,
        record_value: ValueRecorder = keep_on_source_only,
        timer: Timer | None = None,
        jitter: Callable[[], float] = random.random,
        workers: int = WORKERS,
        budget: timedelta = TICK_BUDGET,
    ) -> None:
        self._database = database
        self._clock = clock
        self._jitter = jitter
        self._poller = SourcePoller(
            database,
            clock,
            fetcher,
            environ=os.environ if environ is None else environ,
            record_value=record_value,
            timer=timer or SystemTimer(),
            jitter=jitter,
            workers=workers,
            budget=budget,
        )
        self._webhooks = WebhookService(database, clock, record_value)

    def fetch_due(self, *, force: bool = False) -> FetchReport:
        """The scheduler's sources job; `force` (`okr-bot jobs run sources`) fetches every one."""
        return self._poller.fetch_due(force=force)

    def test_source(self, spec: SourceSpec) -> SourceProbe:
        """Fetch `spec` now and say what it gives, saving nothing (the *Test* button)."""
        if isinstance(spec, WebhookSource):
            return SourceProbe(error="a webhook source is pushed to, not fetched")
        return self._poller.test(spec)

    def test_key_result(self, kr_id: int) -> SourceProbe:
        """`okr-bot sources test KR-12`: the key result's saved source, fetched now, not saved."""
        state = self.source_of(kr_id)
        if state is None:
            raise NotFound(f"{kr_ref(kr_id)} has no data source")
        return self.test_source(state.spec)

    def push(self, kr_reference: str, token: str | None, body: bytes) -> PushResult:
        """`POST /hooks/kr/KR-12`: the reference from the path, the bearer token, the raw body."""
        return self._webhooks.push(kr_reference, token, body)

    def issue_token(self, kr_id: int) -> str:
        """`okr-bot sources token KR-12`: a new token, shown once; only its hash is kept."""
        return self._webhooks.issue_token(kr_id)

    def set_source(self, kr_id: int, spec: SourceSpec | None) -> SourceChange:
        """Give a key result a source (None removes it); a new or changed one is fetched soon."""
        with self._database.transaction() as session:
            return store_source(session, kr_id, spec, self._clock.now(), self._jitter())

    def has_webhooks(self) -> bool:
        with self._database.read() as session:
            return has_webhooks(session)

    def source_of(self, kr_id: int) -> SourceState | None:
        with self._database.read() as session:
            row = get_source(session, kr_id)
            if row is None:
                return None
            return SourceState(spec_of(row), health_of(row), row.token_hash is not None)
