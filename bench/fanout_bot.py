"""One bot process of the fan-out benchmark: the scheduler's tick, on an accelerated clock."""

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event

from bench.accelerated_clock import AcceleratedClock
from bench.monday_figures import memory_mb
from bot.db.engine import Database
from bot.db.leadership import Leadership
from bot.runtime import build_services
from bot.scheduling.scheduler import TICK_SECONDS, tick
from bot.settings import Settings
from bot.slack.app import make_job_client


@dataclass(frozen=True)
class BotConfig:
    api_url: str
    database_url: str
    start: datetime
    speed: float
    per_minute: int
    token: str = "xoxb-bench"  # noqa: S105 -- the fake Slack's, names the replica in its log
    replica: bool = False  # tick every minute under the leadership lock until told to stop


@dataclass(frozen=True)
class Signals:
    origin: "Synchronized[float]"  # the shared time zero, set just before `go`
    go: Event
    stop: Event
    results: "Queue[tuple[object, ...]]"


def peak_rss_mb() -> float:
    """This process's own peak resident set (VmHWM). Not getrusage's ru_maxrss: Linux keeps
    that across fork and exec, so a spawned bot would report the benchmark's larger peak (its
    seeded members and fake Slack) and hide the fan-out's own growth."""
    return memory_mb(os.getpid())[1]


def run_bot(config: BotConfig, signals: Signals) -> None:
    """Build the bot as `okr-bot serve` does, wait for the start, then tick."""
    logging.basicConfig(level=logging.ERROR)
    clock = AcceleratedClock(config.start, config.speed)
    database = Database.from_url(config.database_url)
    settings = Settings(
        slack_bot_token=config.token,
        slack_api_url=config.api_url,
        okr_slack_messages_per_minute=config.per_minute,
    )
    client = make_job_client(config.token, config.api_url)
    services = build_services(database, client, settings, clock, clock)
    signals.results.put(("ready", os.getpid(), peak_rss_mb()))
    signals.go.wait()
    clock.restart(signals.origin.value)
    if not config.replica:
        tick(services)
        signals.results.put(("done", os.getpid(), clock.monotonic(), peak_rss_mb()))
        database.dispose()
        return
    leadership = Leadership.for_database(database)
    while not signals.stop.is_set():
        next_tick = clock.monotonic() + TICK_SECONDS
        tick(services, leadership)
        signals.stop.wait(max(next_tick - clock.monotonic(), 0) / config.speed)
    leadership.close()
    database.dispose()
