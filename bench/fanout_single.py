"""One bot process against the fake Slack on a SQLite file: its first tick, measured."""

import multiprocessing
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.accelerated_clock import AcceleratedClock
from bench.fanout_bot import BotConfig, Signals, run_bot
from bench.fanout_figures import Deliveries
from bench.fanout_seed import MONDAY_TEN_UTC, seed, seed_slack
from bot.db.engine import Database
from bot.db.models import metadata
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_limits import EnforcedLimits

START_TIMEOUT_S = 120


@dataclass(frozen=True)
class Run:
    members: int
    took: float  # Slack (accelerated) seconds of the tick
    wall: float
    floor: float
    rss_at_rest_mb: float
    peak_rss_mb: float
    deliveries: Deliveries


def signals_for(context: multiprocessing.context.SpawnContext) -> Signals:
    return Signals(context.Value("d", 0.0), context.Event(), context.Event(), context.Queue())


def set_off(signals: Signals, clock: AcceleratedClock) -> None:
    """Time zero for the fake Slack's limits and every bot process alike."""
    origin = time.monotonic()
    signals.origin.value = origin
    clock.restart(origin)
    signals.go.set()


def run_single(members: int, speed: float, per_minute: int, *, fresh: bool) -> Run:
    context = multiprocessing.get_context("spawn")
    clock = AcceleratedClock(MONDAY_TEN_UTC, speed)
    limits = EnforcedLimits(messages_per_minute=per_minute)
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeSlackApi(validate_blocks=False, limits=limits, timer=clock) as fake,
    ):
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        database = Database.from_url(url)
        metadata.create_all(database.engine)
        users = seed(database, members, fresh=fresh)
        database.dispose()
        seed_slack(fake, members)
        signals = signals_for(context)
        config = BotConfig(fake.base_url, url, MONDAY_TEN_UTC, speed, per_minute)
        process = context.Process(target=run_bot, args=(config, signals))
        process.start()
        _, _, at_rest = signals.results.get(timeout=START_TIMEOUT_S)
        set_off(signals, clock)
        wall = time.perf_counter()
        _, _, took, peak = signals.results.get(timeout=_deadline(members, per_minute, speed))
        assert isinstance(took, float) and isinstance(peak, float) and isinstance(at_rest, float)
        wall = time.perf_counter() - wall
        process.join()
        floor = limits.floor_seconds(members)
        return Run(members, took, wall, floor, at_rest, peak, Deliveries.of(fake, users))


def _deadline(members: int, per_minute: int, speed: float) -> float:
    """Wall seconds after which a run counts as stuck: three times the floor, and a minute."""
    return 3 * members * 60 / per_minute / speed + 60
