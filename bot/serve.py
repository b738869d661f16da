"""`okr-bot run`: migrate, start the scheduler, then serve Slack until told to stop."""

import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.db import migrate
from bot.runtime import Runtime, build_runtime
from bot.scheduling.scheduler import start_scheduler
from bot.settings import Settings, SettingsError
from bot.slack.http import SlackWsgiApp, make_server

log = logging.getLogger(__name__)


def serve(settings: Settings) -> int:
    migrate.upgrade(settings.database_url)
    runtime = build_runtime(settings)
    try:
        app = runtime.slack_app()
    except BoltError as error:
        reason = f"Slack refused SLACK_BOT_TOKEN at {settings.slack_api_url}: {error}"
        raise SettingsError(reason) from None
    scheduler = start_scheduler(runtime.services)
    try:
        if settings.socket_mode:
            _serve_socket_mode(app, settings)
        else:
            _serve_http(app, runtime, settings)
    finally:
        scheduler.shutdown(wait=True)
        runtime.close()
    log.info("stopped")
    return 0


def _serve_socket_mode(app: App, settings: Settings) -> None:
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
    log.info("OKR Bot is running in Socket Mode")
    stop.wait()
    handler.close()  # type: ignore[no-untyped-call]


def _serve_http(app: App, runtime: Runtime, settings: Settings) -> None:
    wsgi_app = SlackWsgiApp(app, settings.slack_signing_secret, runtime.database.ping)
    host, port = settings.okr_http_host, settings.port
    try:
        server = make_server(wsgi_app, port, settings.okr_http_threads, host)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise SettingsError(
            f"cannot listen on {host} port {port} ({reason}): check OKR_HTTP_HOST and PORT."
        ) from None
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
