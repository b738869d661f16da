"""Monday morning at a real workspace's size: the bot's acknowledgements next to a bare Bolt app.

Run: python -m bench.monday [--small] [--database-url URL] [--rounds 4] [--people 50]

Seeds 2,000 people, 50 teams, 5,000 KRs and 26 weeks of history (--small: a tenth), serves the
real bot and a bare Bolt app that only acknowledges, each in its own process over loopback HTTP
(waitress, as `okr-bot run` serves), with the fake Slack Web API over loopback HTTP. Rounds of
simultaneous people alternate between the two apps (A/B/A/B), first idle, then while the prompt
fan-out runs. Prints p50/p99 of every acknowledgement and of click → views.open as ratios to the
bare app, the scheduler tick's time job by job, memory, and App Home and list time at 1 and 26
weeks of history, each against its target. Exits non-zero when a target is missed.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bench import reads
from bench.monday_figures import (
    IDLE_RSS_TARGET_MB,
    PEAK_RSS_TARGET_MB,
    TICK_TARGET_MS,
    memory_mb,
    print_phase,
    verdict,
)
from bench.monday_load import Samples, Slack, Target, run_round, samples
from bench.monday_seed import FULL, SMALL, people, seed
from bench.monday_slack import Arrivals
from bot.db.engine import Database

SECRET = "bench-signing-secret"  # noqa: S105 -- both apps and the load share it
TICKS = 3
# What changes before a tick: people's rows (as the weekly profile walk writes everyone's),
# then what admins change.
CHANGED = {
    "1": "the rows of 1 member",
    "50": "the rows of 50 members",
    "500": "the rows of 500 members",
    "everyone": "every member's row",
    "settings": "the workspace's settings",
    "cycle-name": "the cycle's name",
    "cycle-days": "the cycle's days",  # everyone's KRs are in it: their cycles are read again
}


class Child:
    """A server process of this benchmark, spoken to by lines of JSON."""

    def __init__(self, module: str, log: IO[str], *args: str) -> None:
        command = [sys.executable, "-m", module, *args]
        self.process = subprocess.Popen(  # noqa: S603 -- our own module, our own arguments
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True
        )
        self.ready = self.read()

    def ask(self, command: str) -> dict[str, Any]:
        stdin: IO[str] | None = self.process.stdin
        assert stdin is not None
        stdin.write(command + "\n")
        stdin.flush()
        return self.read()

    def read(self) -> dict[str, Any]:
        stdout = self.process.stdout
        assert stdout is not None
        line = stdout.readline()
        if not line:
            raise SystemExit(f"the benchmark's server stopped (exit {self.process.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def stop(self) -> None:
        if self.process.poll() is None and self.process.stdin is not None:
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def served(module: str, log: IO[str], *args: str) -> Iterator[Child]:
    child = Child(module, log, *args)
    try:
        yield child
    finally:
        child.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.monday", description=__doc__)
    parser.add_argument("--small", action="store_true", help="a tenth of the size, for a quick run")
    parser.add_argument("--database-url", help="an EMPTY database (default: a temp SQLite file)")
    parser.add_argument("--rounds", type=int, help="rounds per app and phase (default 4; small 2)")
    parser.add_argument("--people", type=int, help="people at once (default 50; small 10)")
    parser.add_argument("--messages-per-minute", type=int, default=100, help="fan-out pace")
    args = parser.parse_args(argv)
    size = SMALL if args.small else FULL
    rounds = args.rounds or (2 if args.small else 4)
    at_once = args.people or (10 if args.small else 50)
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite:///{Path(directory) / 'monday.sqlite3'}"
        database = Database.from_url(url)
        try:
            met = _history(database, args.small)
            users = people(size)[: 4 * rounds * at_once + 2 * at_once]
            started = time.perf_counter()
            seed(database, size, users)
            print(
                f"workspace: {size.people} people, {size.teams} teams, {size.key_results} KRs, "
                f"{size.weeks} weeks of history ({database.dialect}), "
                f"seeded in {time.perf_counter() - started:.0f} s"
            )
        finally:
            database.dispose()
        with (Path(directory) / "servers.log").open("w+") as log:
            met &= _monday(url, users, rounds, at_once, args.messages_per_minute, log)
            met &= _logged_errors(log)
    return 0 if met else 1


def _logged_errors(log: IO[str]) -> bool:
    """What the servers logged: an error there is a failure the timings would not show."""
    log.seek(0)
    errors = [line.strip() for line in log if line.startswith(("ERROR", "CRITICAL", "WARNING"))]
    print(f"\nthe servers logged {len(errors)} error(s) and warning(s)")
    for line in sorted(set(errors))[:8]:
        print(f"  {line[:160]}")
    return not any(line.startswith(("ERROR", "CRITICAL")) for line in errors)


def _history(database: Database, small: bool) -> bool:
    """App Home and a team's list with one week and with 26 weeks of history, as bench.reads
    measures them (in-process, in turns), on a workspace of its own."""
    print(f"history (bench.reads; flat: 26 weeks within {reads.FLAT_WITHIN}× one week's time):")
    ratios = reads.reads(database, reads.build(database, shrink=10 if small else 1))
    return all(ratio <= reads.FLAT_WITHIN for ratio in ratios.values())


def _monday(
    url: str, users: list[str], rounds: int, at_once: int, per_minute: int, log: IO[str]
) -> bool:
    with ExitStack() as stack:
        slack, bot, bare = _start_servers(stack, url, per_minute, log)
        idle_rss, _ = memory_mb(bot.process.pid)
        met = _ticks(bot)
        rss, peak = memory_mb(bot.process.pid)
        print(f"  memory of the bot after the ticks: {rss:.0f} MB, peak so far {peak:.0f} MB")
        apps = (
            Target("bot", bot.ready["ready"], SECRET),
            Target("bare", bare.ready["ready"], SECRET, answers=False),
        )
        batches = iter([users[i : i + at_once] for i in range(0, len(users), at_once)])
        met &= _idle_then_fanout(bot, Load(apps, batches, rounds, slack), per_minute)
        rss, peak = memory_mb(bot.process.pid)
    return _memory(idle_rss, rss, peak) and met


def _start_servers(
    stack: ExitStack, url: str, per_minute: int, log: IO[str]
) -> tuple[Slack, Child, Child]:
    """The fake Slack, the bot and the bare app, each in its own process, stopped with `stack`."""
    fake = stack.enter_context(
        served("bench.monday_slack", log, "--messages-per-minute", str(per_minute))
    )
    assert fake.process.stdout is not None
    slack = Slack(fake.ready["origin"], Arrivals(fake.process.stdout))
    common = ["--slack-api-url", fake.ready["ready"], "--signing-secret", SECRET]
    bot = stack.enter_context(
        served(
            "bench.monday_bot",
            log,
            *common,
            "--database-url",
            url,
            "--messages-per-minute",
            str(per_minute),
        )
    )
    bare = stack.enter_context(served("bench.monday_bare", log, *common))
    return slack, bot, bare


@dataclass
class Load:
    """The two apps under load, the batches of people still to send and rounds per phase."""

    apps: tuple[Target, Target]
    batches: Iterator[list[str]]
    rounds: int
    slack: Slack


def _idle_then_fanout(bot: Child, load: Load, per_minute: int) -> bool:
    """A warm-up round per app, the idle phase, then the same while the prompt fan-out runs."""
    for app in load.apps:  # first requests pay for imports and caches: not measured
        run_round(next(load.batches), app, load.slack, samples())
    met = _phase("Idle", load)
    print(f"\nfan-out: {bot.ask('fanout')['fanout']} ({per_minute} prompts a minute)")
    return _phase("While the prompt fan-out runs", load) and met


def _memory(idle_rss: float, rss: float, peak: float) -> bool:
    """The bot's memory idle, after the load and at its peak, against the targets."""
    print(
        f"\nmemory of the bot: idle after start {idle_rss:.0f} MB "
        f"({verdict(idle_rss <= IDLE_RSS_TARGET_MB)}: ≤ {IDLE_RSS_TARGET_MB:.0f} MB), "
        f"after the load {rss:.0f} MB, peak {peak:.0f} MB "
        f"({verdict(peak <= PEAK_RSS_TARGET_MB)}: ≤ {PEAK_RSS_TARGET_MB:.0f} MB)"
    )
    return idle_rss <= IDLE_RSS_TARGET_MB and peak <= PEAK_RSS_TARGET_MB


def _ticks(bot: Child) -> bool:
    """Ticks with nothing due, every one measured: the first after start (start-up read
    everyone's plan), the steady ones, and ones after people's rows changed, which read those
    people again."""
    print("\nscheduler ticks with nothing due (every minute, at this size):")
    met = _tick(bot, "first after start")
    for n in range(1, TICKS + 1):
        met &= _tick(bot, f"tick {n}")
    for changed, label in CHANGED.items():
        bot.ask(f"change {changed}")
        met &= _tick(bot, f"after {label} changed")
    return met


def _tick(bot: Child, label: str) -> bool:
    jobs: dict[str, float] = bot.ask("tick")["tick_ms"]
    total = sum(jobs.values())
    print(
        f"  {label}: {total:.0f} ms ({verdict(total < TICK_TARGET_MS)}: < "
        f"{TICK_TARGET_MS:.0f} ms)  [{_split(jobs)}]"
    )
    return total < TICK_TARGET_MS


def _split(jobs: dict[str, float]) -> str:
    return ", ".join(f"{name} {ms:.0f}" for name, ms in jobs.items())


def _phase(title: str, load: Load) -> bool:
    measured: dict[str, Samples] = {app.name: samples() for app in load.apps}
    failures: list[str] = []
    for _ in range(load.rounds):
        for app in load.apps:  # A/B/A/B: both apps see the same moments of the run
            failures += run_round(next(load.batches), app, load.slack, measured[app.name])
    people_count = len(measured["bot"]["ack: click Check in"]) // load.rounds
    met = print_phase(
        f"{title}: {load.rounds} rounds of {people_count} people at once, per app",
        measured["bot"],
        measured["bare"],
    )
    if failures:
        print(f"  went wrong: {len(failures)}, e.g. {sorted(set(failures))[:5]}")
    return met and not failures


if __name__ == "__main__":
    sys.exit(main())
