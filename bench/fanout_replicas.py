"""Replicas sharing one PostgreSQL and one Slack quota; the leader is killed half-way."""

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from sqlalchemy import text

from bench.accelerated_clock import AcceleratedClock
from bench.fanout_bot import BotConfig, Signals, run_bot
from bench.fanout_figures import TARGET_RATIO, Deliveries, minutes, ratio_line
from bench.fanout_seed import MONDAY_TEN_UTC, seed, seed_slack
from bench.fanout_single import START_TIMEOUT_S, set_off, signals_for
from bot.db.engine import Database
from bot.db.migrate import upgrade
from tests.databases import throwaway_postgres_database
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.fakes.slack_limits import EnforcedLimits

_POSTED_AND_RECORDED = text("SELECT count(*) FROM prompt WHERE status = 'sent'")


@dataclass
class _Kill:
    token: str = ""
    at: float = 0.0  # Slack seconds
    taken_over_at: float | None = None


@contextlib.contextmanager
def _database(url: str | None) -> Iterator[str]:
    if url is None:
        with throwaway_postgres_database() as made:
            upgrade(made)
            yield made
        return
    upgrade(url)
    yield url


def run_replicas(
    replicas: int, members: int, speed: float, per_minute: int, url: str | None, *, fresh: bool
) -> bool:
    context = multiprocessing.get_context("spawn")
    clock = AcceleratedClock(MONDAY_TEN_UTC, speed)
    limits = EnforcedLimits(messages_per_minute=per_minute)
    with (
        _database(url) as database_url,
        FakeSlackApi(validate_blocks=False, limits=limits, timer=clock) as fake,
    ):
        database = Database.from_url(database_url)
        with database.read() as session:
            if session.execute(text("SELECT count(*) FROM member")).scalar():
                raise SystemExit("--database-url must name an empty database")
        users = seed(database, members, fresh=fresh)
        seed_slack(fake, members)
        signals = signals_for(context)
        bots = [
            BotConfig(
                fake.base_url, database_url, MONDAY_TEN_UTC, speed, per_minute, f"xoxb-r{n}", True
            )
            for n in range(1, replicas + 1)
        ]
        processes = _start(context, signals, bots)
        set_off(signals, clock)
        deadline = time.monotonic() + 3 * members * 60 / per_minute / speed + 60
        kill = _watch(fake, database, processes, clock, members, deadline)
        took = clock.monotonic()
        signals.stop.set()
        for process in processes.values():
            process.join(timeout=30)
        database.dispose()
        return _report(replicas, members, took, limits.floor_seconds(members), kill, fake, users)


def _start(
    context: multiprocessing.context.SpawnContext, signals: Signals, bots: list[BotConfig]
) -> dict[str, multiprocessing.process.BaseProcess]:
    """Start the replicas and wait until each says it is ready."""
    processes: dict[str, multiprocessing.process.BaseProcess] = {}
    for config in bots:
        processes[config.token] = context.Process(target=run_bot, args=(config, signals))
        processes[config.token].start()
    for _ in processes:
        signals.results.get(timeout=START_TIMEOUT_S)
    return processes


def _watch(
    fake: FakeSlackApi,
    database: Database,
    processes: Mapping[str, multiprocessing.process.BaseProcess],
    clock: AcceleratedClock,
    members: int,
    deadline: float,
) -> "_Kill":
    """Until everyone is prompted: kill the leader half-way, note when another takes over."""
    kill = _Kill()

    def left() -> float:
        return max(0.0, deadline - time.monotonic())

    def delivered(at_least: int) -> Callable[[list[Call]], bool]:
        return lambda calls: _delivered(calls) >= at_least

    # Each wait wakes on every call the fake Slack records, so the moments noted are exact.
    if fake.wait_until(delivered(members // 2), left()):
        _kill_leader(fake, database, processes, kill, clock)
        token = kill.token

        def taken_over(calls: list[Call]) -> bool:
            return _other_posts(calls, token)

        over = lambda calls: taken_over(calls) or _delivered(calls) >= members  # noqa: E731
        if fake.wait_until(over, left()) and fake.wait_until(taken_over, 0):
            kill.taken_over_at = clock.monotonic()
    fake.wait_until(delivered(members), left())
    return kill


def _delivered(calls: list[Call]) -> int:
    return len({c.channel for c in calls if c.method == "chat.postMessage" and c.ok})


def _other_posts(calls: list[Call], token: str) -> bool:
    posts = [c for c in calls if c.method == "chat.postMessage"]
    return any(c.token != token for c in posts[-5:])


def _kill_leader(
    fake: FakeSlackApi,
    database: Database,
    processes: Mapping[str, multiprocessing.process.BaseProcess],
    kill: _Kill,
    clock: AcceleratedClock,
) -> None:
    """SIGKILL the replica posting now, at a moment when none of its posts is in flight: a
    kill between Slack's answer and the database's record would repeat that one message
    (claims bound it to one), and this figure is about hand-over, not that window."""
    token = str(fake.calls_to("chat.postMessage")[-1].token)
    pid = processes[token].pid
    assert pid is not None
    while True:
        os.kill(pid, signal.SIGSTOP)
        time.sleep(0.1)  # let an answer already on its way arrive
        with database.read() as session:
            recorded = session.execute(_POSTED_AND_RECORDED).scalar()
        posted = sum(1 for c in fake.calls_to("chat.postMessage") if c.ok)
        if recorded == posted:
            os.kill(pid, signal.SIGKILL)
            kill.token, kill.at = token, clock.monotonic()
            return
        os.kill(pid, signal.SIGCONT)
        time.sleep(0.01)  # let it run on a little before stopping it again at another moment


def _report(
    replicas: int,
    members: int,
    took: float,
    floor: float,
    kill: _Kill,
    fake: FakeSlackApi,
    users: list[str],
) -> bool:
    deliveries = Deliveries.of(fake, users)
    tokens = sorted({str(c.token) for c in fake.calls if c.method == "chat.postMessage"})
    print(f"replicas: {replicas} processes, one PostgreSQL, one Slack quota; members: {members}")
    print(f"posting replicas: {', '.join(tokens)} (each replica has its own token)")
    if kill.token:
        handover = (
            f"{minutes(kill.taken_over_at - kill.at)} later"
            if kill.taken_over_at is not None
            else "never"
        )
        print(f"leader {kill.token} killed at {minutes(kill.at)}; another posted {handover}")
    print(f"total:      {minutes(took)} of Slack time until everyone was prompted")
    print(ratio_line(took, floor))
    for line in deliveries.lines():
        print(line)
    return (
        deliveries.duplicates == 0
        and deliveries.lost == 0
        and took <= TARGET_RATIO * floor
        and bool(kill.token)
    )
