"""HTTP mode: Slack's requests at /slack/events, key-result webhooks at /hooks/kr/…, and a health
check, served by waitress."""

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

from bot.slack.admission import MAX_BODY_BYTES, Refusal, admit
from bot.slack.signature import SlackSignature
from bot.slack.webhooks import WebhookEdge

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
LISTEN_BACKLOG = 512
NOT_FOUND = Refusal("404 Not Found", "not found")


class SlackWsgiApp:
    """Routes `/healthz` itself; Slack's requests reach Bolt only once signed and well-formed."""

    def __init__(
        self,
        app: App | None,
        signing_secret: str | None,
        healthy: Callable[[], bool],
        hooks: WebhookEdge | None = None,
    ) -> None:
        """Without `app` (Socket Mode), only the health check and the webhooks are served."""
        self._app = app
        self._signature = SlackSignature(signing_secret)
        self._healthy = healthy
        self._hooks = hooks

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        route = (environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
        if route == ("GET", "/healthz"):
            ok = self._healthy()
            start_response(
                "200 OK" if ok else "503 Service Unavailable", [("content-type", "text/plain")]
            )
            return [b"ok\n" if ok else b"database unavailable\n"]
        # Webhooks carry their own bearer tokens; Slack's path keeps its signature checks.
        if self._hooks is not None and self._hooks.handles(route[1]):
            return self._hooks(environ, start_response)
        if route != ("POST", EVENTS_PATH) or self._app is None:
            return _refuse(NOT_FOUND, start_response)
        admitted = admit(environ, self._signature)
        if isinstance(admitted, Refusal):
            # The reason only: header values and bodies are the sender's, not for the log.
            log.info("refused a request to %s: %s", EVENTS_PATH, admitted.reason)
            return _refuse(admitted, start_response)
        answer = self._app.dispatch(admitted)
        response = WsgiHttpResponse(answer.status, answer.headers, answer.body)
        start_response(response.status, response.get_headers())
        return response.get_body()


def _refuse(refusal: Refusal, start_response: "StartResponse") -> Iterable[bytes]:
    body = f"{refusal.reason}\n".encode()
    headers = [("content-type", "text/plain; charset=utf-8"), ("content-length", str(len(body)))]
    start_response(refusal.status, headers)
    return [body]


def make_server(
    wsgi_app: SlackWsgiApp, port: int, threads: int, host: str
) -> MultiSocketServer | BaseWSGIServer:
    """A multi-threaded server with a deep listen backlog that never buffers an oversized body.

    `run()` serves until interrupted, then waits for requests in flight before returning.
    """
    return create_server(
        wsgi_app,
        host=host,
        port=port,
        threads=threads,
        backlog=LISTEN_BACKLOG,
        ident="okr-bot",
        # waitress answers 413 itself from this size on, chunked bodies included.
        max_request_body_size=MAX_BODY_BYTES + 1,
    )
