"""The real bot in its own process, served over loopback HTTP by waitress as `okr-bot run` does.

Started by `bench.monday`; prints `ready PORT`, then obeys one command per line on stdin:
`tick` times one scheduler tick job by job; `change N` (or `change everyone`) updates N members'
rows, raising their revision as a stored profile does; `change settings` the workspace's
reminder delay and `change cycle-name` or `change cycle-days` the cycle's name or last day, as
an admin would; `fanout` moves the clock to the prompt time and starts the fan-out in the
background; `quit` stops the server. Each answer is one JSON line.
"""

import argparse
import json
import logging
import sys
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bench.monday_seed import MONDAY, PROMPT_TIME
from bot.db.engine import Database
from bot.db.models import Cycle, Member
from bot.db.workspace import editable_workspace_settings
from bot.runtime import build_runtime
from bot.scheduling.jobs import JOBS
from bot.scheduling.scheduler import prepare
from bot.serve import freeze_start_up_objects
from bot.services.registry import Services
from bot.settings import Settings
from bot.slack.http import SlackWsgiApp, make_server

IDLE_TIME = MONDAY + timedelta(hours=9, minutes=30)  # before the prompt time: nothing due


class BenchClock:
    """The real clock's pace from a chosen instant; `jump_to` moves it on, as time passing."""

    def __init__(self, start: datetime) -> None:
        self._lock = threading.Lock()
        self._start, self._origin = start, time.monotonic()

    def now(self) -> datetime:
        with self._lock:
            return self._start + timedelta(seconds=time.monotonic() - self._origin)

    def jump_to(self, instant: datetime) -> None:
        with self._lock:
            self._start, self._origin = instant, time.monotonic()


def _tick(services: Services) -> dict[str, float]:
    """One scheduler tick, as `bot.scheduling.scheduler.tick` runs it, with each job's time."""
    took: dict[str, float] = {}
    for job in JOBS:
        began = time.perf_counter()
        job.tick(services)
        took[job.name] = (time.perf_counter() - began) * 1000
    return took


def _change(database: Database, what: str, now: datetime) -> None:
    """A number: that many people's member rows updated, each one's revision raised, as a stored
    profile raises it. Else as an admin does: the workspace's settings, the cycle's name or its
    last day."""
    with database.transaction() as session:
        if what == "settings":
            row = editable_workspace_settings(session)
            row.reminder_after_hours = (row.reminder_after_hours or 24) + 1
        elif what == "cycle-name":
            session.execute(update(Cycle).values(name=Cycle.name + "'"))
        elif what == "cycle-days":
            for cycle in session.exec(select(Cycle)).all():
                cycle.end_date += timedelta(days=7)
        else:
            people = (
                update(Member)
                if what == "everyone"
                else update(Member).where(col(Member.id) <= int(what))
            )
            session.execute(people.values(home_opened_at=now))


def _fanout(services: Services, clock: BenchClock) -> None:
    clock.jump_to(PROMPT_TIME)
    began = time.perf_counter()
    report = services.prompts.send_due_prompts()
    _say({"fanout_done_s": time.perf_counter() - began, "sent": len(report.sent)})


def _say(answer: dict[str, object]) -> None:
    print(json.dumps(answer), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--slack-api-url", required=True)
    parser.add_argument("--signing-secret", required=True)
    parser.add_argument("--messages-per-minute", type=int, default=100)
    parser.add_argument("--threads", type=int, default=32)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    settings = Settings(
        slack_bot_token="xoxb-bench",  # noqa: S106 -- the fake Slack accepts any token
        slack_signing_secret=args.signing_secret,
        slack_api_url=args.slack_api_url,
        database_url=args.database_url,
        okr_http_threads=args.threads,
        okr_slack_messages_per_minute=args.messages_per_minute,
        _env_file=None,
    )
    clock = BenchClock(IDLE_TIME)
    runtime = build_runtime(settings, clock)
    wsgi = SlackWsgiApp(runtime.slack_app(), args.signing_secret, runtime.database.ping)
    prepare(runtime.services)  # as the scheduler does before its first tick
    freeze_start_up_objects()  # as `okr-bot run` does once it is built
    server = make_server(wsgi, 0, settings.okr_http_threads, host="127.0.0.1")
    threading.Thread(target=server.run, daemon=True).start()
    _say({"ready": server.effective_port})  # type: ignore[union-attr]
    for line in sys.stdin:
        command = line.strip()
        if command == "tick":
            _say({"tick_ms": _tick(runtime.services)})
        elif command.startswith("change "):
            _change(runtime.database, command.split()[1], clock.now())
            _say({"changed": command.split()[1]})
        elif command == "fanout":
            threading.Thread(target=_fanout, args=(runtime.services, clock), daemon=True).start()
            _say({"fanout": "started"})
        elif command == "quit":
            break
    server.close()
    runtime.close()


if __name__ == "__main__":
    main()
