"""A source server per test, and fetchers with short limits so failure tests finish quickly."""

from collections.abc import Iterator

import pytest

from bot.services.sources.addresses import IPAddress
from bot.services.sources.fetcher import FetchLimits, SourceFetcher
from tests.fakes.source_server import SourceServer

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
