"""The real bot inside the sandbox: production runtime, Bolt app, HTTP edge and scheduler.

Every import of the bot's own wiring lives here (and in demo.py), so a change of layout
touches these two files only.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.db import migrate
from bot.runtime import Runtime, build_runtime
from bot.sandbox import servers
from bot.sandbox.clock import SandboxClock
from bot.scheduling.jobs import JOBS
from bot.scheduling.scheduler import start_scheduler
from bot.services.registry import Services
from bot.settings import Settings
from bot.slack.http import EVENTS_PATH, SlackWsgiApp, make_server
from bot.slack.webhooks import HOOKS_PREFIX, WebhookEdge

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
BOT_THREADS = 8
SANDBOX_MESSAGES_PER_MINUTE = 600
HOUR = timedelta(hours=1)
SEARCH_LIMIT = timedelta(days=9)  # a weekly event always falls within this


@dataclass
class RunningBot:
    runtime: Runtime
    served: servers.Served
    events_url: str
    hooks_url: str  # a key result's reference follows: /hooks/kr/KR-12
    stop_scheduler: Callable[[], None]
    pause: Callable[[], None]
    resume: Callable[[], None]

    @property
    def services(self) -> Services:
        return self.runtime.services

    def issue_webhook_token(self, kr_id: int) -> str:
        """A new token for the key result's webhook, through the real service (hash stored)."""
        return self.services.sources.issue_token(kr_id)

    def stop(self) -> None:
        self.stop_scheduler()
        self.served.stop()
        self.runtime.close()


def migrate_database(database_url: str) -> None:
    migrate.upgrade(database_url)


def start_bot(
    database_url: str,
    api_url: str,
    token: str,
    signing_secret: str,
    clock: SandboxClock,
    source_host: str,
) -> RunningBot:
    """The bot as `okr-bot run` starts it in HTTP mode, on a loopback port of its own.

    Sources may be fetched from `source_host` (the sandbox's own host:port) and nowhere else."""
    settings = Settings(
        _env_file=None,  # a production .env must not leak into the sandbox
        slack_bot_token=token,
        slack_signing_secret=signing_secret,
        slack_app_token=None,
        slack_api_url=api_url,
        database_url=database_url,
        okr_http_host=LOOPBACK,
        okr_http_threads=BOT_THREADS,
        # The simulated Slack takes bursts; Slack itself allows several hundred a minute.
        okr_slack_messages_per_minute=SANDBOX_MESSAGES_PER_MINUTE,
        okr_source_hosts=source_host,
    )
    runtime = build_runtime(settings, clock)
    app = runtime.slack_app()  # checks the token with auth.test, as in production
    hooks = WebhookEdge(runtime.services.sources.push)
    edge = SlackWsgiApp(app, signing_secret, runtime.database.ping, hooks)
    served = servers.Served(make_server(edge, 0, BOT_THREADS, LOOPBACK), "bot-http")
    scheduler = start_scheduler(runtime.services)
    origin = f"http://{LOOPBACK}:{served.port}"
    return RunningBot(
        runtime,
        served,
        origin + EVENTS_PATH,
        origin + HOOKS_PREFIX,
        lambda: scheduler.shutdown(wait=True),
        scheduler.pause,
        scheduler.resume,
    )


class ClockJumps:
    """Moves the sandbox clock forward step by step, running the scheduler's jobs at each step
    as its minute tick would, so that a week passes in seconds.

    The steps fall on every full hour in each person's time zone (so at 10:00 local, when
    prompts are due by default); something due at 10:20 goes out at the next step.
    """

    def __init__(
        self,
        bot: RunningBot,
        clock: SandboxClock,
        bot_posts: Callable[[], int],
        zones: Callable[[], list[str]],
        admin: str,
    ) -> None:
        self._bot = bot
        self._clock = clock
        self._bot_posts = bot_posts  # messages the bot has posted so far, in the workspace
        self._zones = zones  # the people's time zones
        self._admin = admin  # someone allowed to see the cycles' dates
        self._lock = threading.Lock()

    def jump(self, kind: str) -> str:
        now = self._clock.now()
        fixed = {"hour": now + timedelta(hours=1), "day": now + timedelta(days=1)}
        stop_on = {"prompt": "checkin-prompts", "reminder": "reminders", "digest": "digests"}
        with self._lock:
            self._bot.pause()
            try:
                if kind in fixed:
                    posted = self._walk(fixed[kind], None)
                elif kind in stop_on:
                    posted = self._walk(now + SEARCH_LIMIT, stop_on[kind])
                elif kind == "cycle_end":
                    # Weeks of digests and charts would take minutes to walk through: one step,
                    # as if the bot had been stopped until then (late prompts count as missed).
                    self._clock.set(self._cycle_end(now))
                    posted = self.run_due()
                else:
                    raise ValueError(f"no jump called {kind!r}")
            finally:
                self._bot.resume()
        said = _describe(self._clock.now(), posted, stop_on.get(kind))
        if kind == "cycle_end":
            said += (
                " The weeks between were skipped, as if the bot had been stopped. It is the"
                " cycle's last day: an admin closes it in /okr settings to score it and start"
                " its retros."
            )
        return said

    def run_due(self) -> dict[str, int]:
        """Each job once, as the scheduler's tick runs them; how many posts each made."""
        posted: dict[str, int] = {}
        for job in JOBS:
            before = self._bot_posts()
            try:
                job.tick(self._bot.services)
            except Exception:
                log.exception("job %s failed", job.name)
            if self._bot_posts() > before:
                posted[job.name] = self._bot_posts() - before
        return posted

    def _walk(self, until: datetime, stop_on: str | None) -> dict[str, int]:
        posted: dict[str, int] = {}
        for step in _steps(self._clock.now(), until, self._zones()):
            self._clock.set(step)
            for name, count in self.run_due().items():
                posted[name] = posted.get(name, 0) + count
            if stop_on is not None and stop_on in posted:
                return posted
        if stop_on is None:
            self._clock.set(until)
        return posted

    def _cycle_end(self, now: datetime) -> datetime:
        cycles = self._bot.services.settings.menu(self._admin).cycles
        today = now.date()
        running = [c for c in cycles if _dates(c)[0] <= today <= _dates(c)[1]]
        if not running:
            raise ValueError("no cycle is running now")
        # Noon UTC on its last day: still running in every time zone, for a last look.
        return datetime.combine(_dates(running[0])[1], time(12), UTC)


def _dates(cycle: Any) -> tuple[date, date]:
    return cycle.start, cycle.end


def _steps(after: datetime, until: datetime, zones: list[str]) -> list[datetime]:
    """Every instant in (after, until] that is a full hour in one of the zones."""
    minutes = {0} | {_offset_minutes(zone, after) for zone in zones}
    hour = after.replace(minute=0, second=0, microsecond=0)
    steps = []
    while hour <= until:
        steps += [hour + timedelta(minutes=m) for m in sorted(minutes)]
        hour += HOUR
    return [step for step in steps if after < step <= until]


def _offset_minutes(zone: str, at: datetime) -> int:
    offset = at.astimezone(ZoneInfo(zone)).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60) % 60


def _describe(now: datetime, posted: dict[str, int], wanted: str | None) -> str:
    when = f"{now:%a %d %b %H:%M} UTC"
    if wanted is not None and wanted not in posted:
        days = SEARCH_LIMIT.days
        return f"Nothing of that kind fell due within {days} days; the clock is at {when}."
    ran = ", ".join(f"{name}: {count} message(s)" for name, count in posted.items())
    return f"The clock is at {when}. " + (f"Ran {ran}." if ran else "Nothing fell due.")
