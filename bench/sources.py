"""1,000 key-result sources polled against a local HTTP server, as the scheduler's job does.

Run: .venv/bin/python -m bench.sources [--database-url URL]
A third each of HTTP JSON, Prometheus and CSV sources, every tenth one failing (HTTP 503).
Each cycle makes every source due and runs the sources job to the end. Prints the time per
cycle and per source, the SQL statements per source, and the peak Python memory of a cycle.
Targets: a cycle of 1,000 within one tick's budget (20 s), under one statement per source,
peak memory under 50 MB.
"""

import statistics
import time
import tracemalloc
from datetime import timedelta

from sqlmodel import select

from bench.work import counted
from bench.workspace import DIGEST_NOW, DigestClock, build_workspace, run_on_database
from bot.db.engine import Database
from bot.db.models import KeyResult, metadata
from bot.db.sources import save_source
from bot.domain.source_tables import parse_cell
from bot.domain.sources import CsvSource, HttpJsonSource, PrometheusSource, PulledSource
from bot.services.sources.fetcher import SourceFetcher
from bot.services.sources.service import TICK_BUDGET, SourceService
from tests.fakes.source_server import Reply, SourceServer, prometheus_vector

SOURCES, CYCLES, FAILING_EVERY = 1_000, 5, 10
STATEMENTS_TARGET, MEMORY_TARGET_MB = 1.0, 50.0


def main() -> None:
    run_on_database(__doc__, run)


def run(database: Database) -> None:
    metadata.drop_all(database.engine)
    metadata.create_all(database.engine)
    build_workspace(database, [SOURCES], weeks=0)
    with SourceServer() as server:
        configure(database, server)
        clock = DigestClock()
        sources = SourceService(
            database, clock, SourceFetcher(), environ={}, budget=timedelta(minutes=10)
        )
        sources.fetch_due(force=True)  # warm: connections, statement caches
        seconds = []
        for _ in range(CYCLES):
            began = time.perf_counter()
            report = sources.fetch_due(force=True)
            seconds.append(time.perf_counter() - began)
        with counted(database.engine) as work:
            sources.fetch_due(force=True)
        tracemalloc.start()
        sources.fetch_due(force=True)
        peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    print_figures(database, report.describe().split(" (")[0], seconds, work.statements, peak_mb)


def configure(database: Database, server: SourceServer) -> None:
    """Every key result gets its own source, each with its own path on the server."""
    with database.read() as session:
        krs = [kr for kr in session.exec(select(KeyResult.id)).all() if kr is not None]
    with database.transaction() as session:
        for n, kr in enumerate(krs):
            save_source(session, kr, source(server, n), DIGEST_NOW)


def source(server: SourceServer, n: int) -> PulledSource:
    failing = n % FAILING_EVERY == FAILING_EVERY - 1
    if n % 3 == 0:
        url = server.json(f"/json/{n}", {"data": {"fans": n}})
        return HttpJsonSource(_broken(server, url) if failing else url, "data.fans")
    if n % 3 == 1:
        base = f"/prom/{n}"
        server.json(f"{base}/api/v1/query", prometheus_vector(str(n)))
        if failing:
            server.serve(f"{base}/api/v1/query", Reply(status=503))
        return PrometheusSource(server.url(base), "sum(fans)")
    url = server.text(f"/csv/{n}", f"Week,Fans\nW1,{n - 1}\nW2,{n}\n")
    return CsvSource(_broken(server, url) if failing else url, parse_cell("B3"))


def _broken(server: SourceServer, url: str) -> str:
    path = url.removeprefix(server.url(""))
    server.serve(path, Reply(status=503))
    return url


def print_figures(
    database: Database, outcome: str, seconds: list[float], statements: int, peak_mb: float
) -> None:
    cycle = statistics.median(seconds)
    per_statement = statements / SOURCES
    budget = TICK_BUDGET.total_seconds()
    print(f"{SOURCES} sources ({database.dialect}), {CYCLES} cycles: {outcome}")
    print(
        f"time per cycle: {cycle:.2f} s median (best {min(seconds):.2f} s), "
        f"{cycle / SOURCES * 1000:.2f} ms per source; target under {budget:.0f} s: "
        f"{'met' if cycle < budget else 'MISSED'}"
    )
    print(
        f"SQL statements per source: {per_statement:.3f} ({statements} for {SOURCES}); "
        f"target under {STATEMENTS_TARGET:g}: {'met' if per_statement < 1 else 'MISSED'}"
    )
    print(
        f"peak Python memory in a cycle: {peak_mb:.1f} MB; target under {MEMORY_TARGET_MB:g} MB: "
        f"{'met' if peak_mb < MEMORY_TARGET_MB else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
