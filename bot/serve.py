"""`okr-bot run`: migrate, serve Slack and run the scheduler until told to stop."""

import gc
import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError
from waitress.server import BaseWSGIServer, MultiSocketServer

from bot.db import migrate
from bot.db.leadership import Leadership
from bot.runtime import Runtime, build_runtime
from bot.scheduling.scheduler import start_scheduler
from bot.settings import Settings, SettingsError
from bot.slack.http import SlackWsgiApp, make_server
from bot.slack.webhooks import WebhookEdge

log = logging.getLogger(__name__)

Server = MultiSocketServer | BaseWSGIServer


def serve(settings: Settings) -> int:
    migrate.upgrade(settings.database_url)
    runtime = build_runtime(settings)
    try:
        app = runtime.slack_app()
    except BoltError as error:
        reason = f"Slack refused SLACK_BOT_TOKEN at {settings.slack_api_url}: {error}"
        raise SettingsError(reason) from None
    jobs = ScheduledJobs(runtime, settings.okr_tick_seconds)
    freeze_start_up_objects()
    try:
        if settings.socket_mode:
            _serve_socket_mode(app, settings, jobs.start, _webhook_server(runtime, settings))
        else:
            _serve_http(app, runtime, settings, jobs.start)
    finally:
        jobs.stop()
        runtime.close()
    log.info("stopped")
    return 0


def freeze_start_up_objects() -> None:
    """What start-up made (modules, the Bolt app, SQLAlchemy's mappers) lives as long as the
    process. Frozen, the collector's full passes no longer walk it, and those passes, which
    stop every thread, were the longest waits an acknowledgement met under load."""
    gc.collect()
    gc.freeze()


class ScheduledJobs:
    """The scheduler, started once Slack can reach this process, and this replica's leadership:
    every replica serves Slack, only the one holding the lock runs the scheduled jobs."""

    def __init__(self, runtime: Runtime, tick_seconds: int) -> None:
        self._runtime, self._tick_seconds = runtime, tick_seconds
        self._leadership = Leadership.for_database(runtime.database)
        self._scheduler: BackgroundScheduler | None = None

    def start(self) -> None:
        services = self._runtime.services
        self._scheduler = start_scheduler(services, self._leadership, self._tick_seconds)

    def stop(self) -> None:
        """After the tick in progress, if any; then another replica may take over at once."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
        self._leadership.close()


def _webhook_server(runtime: Runtime, settings: Settings) -> Server | None:
    """In Socket Mode nothing listens, unless a key result takes pushed values: then PORT
    serves /hooks/kr/… (and /healthz), and nothing of Slack's."""
    if not runtime.services.sources.has_webhooks():
        return None
    hooks = WebhookEdge(runtime.services.sources.push)
    edge = SlackWsgiApp(None, None, runtime.database.ping, hooks)
    return _listen(edge, settings)


def _listen(edge: SlackWsgiApp, settings: Settings) -> Server:
    host, port = settings.okr_http_host, settings.port
    try:
        return make_server(edge, port, settings.okr_http_threads, host)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise SettingsError(
            f"cannot listen on {host} port {port} ({reason}): check OKR_HTTP_HOST and PORT."
        ) from None


def _serve_socket_mode(
    app: App, settings: Settings, start_jobs: Callable[[], None], hooks: Server | None
) -> None:
    handler = SocketModeHandler(app, settings.slack_app_token)
    stop = threading.Event()
    _on_stop_signal(stop.set)
    try:
        handler.connect()  # type: ignore[no-untyped-call]
    except SlackApiError as error:
        reason = error.response.get("error") or f"HTTP {error.response.status_code}"
        raise SettingsError(
            f"Socket Mode could not connect with SLACK_APP_TOKEN: {reason}."
        ) from None
    start_jobs()
    log.info("OKR Bot is running in Socket Mode")
    if hooks is not None:
        threading.Thread(target=hooks.run, name="webhooks", daemon=True).start()
        log.info("key-result webhooks are served on port %s at /hooks/kr/…", settings.port)
    stop.wait()  # the webhooks' daemon thread ends with the process
    handler.close()  # type: ignore[no-untyped-call]


def _serve_http(
    app: App, runtime: Runtime, settings: Settings, start_jobs: Callable[[], None]
) -> None:
    hooks = WebhookEdge(runtime.services.sources.push)
    wsgi_app = SlackWsgiApp(app, settings.slack_signing_secret, runtime.database.ping, hooks)
    host, port = settings.okr_http_host, settings.port
    server = _listen(wsgi_app, settings)
    start_jobs()
    _on_stop_signal(_interrupt)
    log.info("OKR Bot is listening on %s port %s at /slack/events (health: /healthz)", host, port)
    # waitress returns from run() on the interrupt, after finishing requests in flight.
    server.run()


def _interrupt() -> None:
    raise KeyboardInterrupt


def _on_stop_signal(action: Callable[[], None]) -> None:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        action()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
