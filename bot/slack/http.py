"""HTTP mode: Slack's requests at /slack/events and a health check, served by waitress."""

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
LISTEN_BACKLOG = 512


class SlackWsgiApp:
    """Routes `/healthz` itself and everything else to Bolt, which checks signatures."""

    def __init__(self, app: App, healthy: Callable[[], bool]) -> None:
        self._slack = SlackRequestHandler(app, path=EVENTS_PATH)
        self._healthy = healthy

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") == "GET":
            ok = self._healthy()
            start_response(
                "200 OK" if ok else "503 Service Unavailable", [("content-type", "text/plain")]
            )
            return [b"ok\n" if ok else b"database unavailable\n"]
        return self._slack(environ, start_response)


def make_server(
    wsgi_app: SlackWsgiApp,
    port: int,
    threads: int,
    host: str = "0.0.0.0",  # noqa: S104
) -> MultiSocketServer | BaseWSGIServer:
    """A multi-threaded server with a deep listen backlog.

    `run()` serves until interrupted, then waits for requests in flight before returning.
    """
    return create_server(
        wsgi_app, host=host, port=port, threads=threads, backlog=LISTEN_BACKLOG, ident="okr-bot"
    )
