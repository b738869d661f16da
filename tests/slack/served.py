"""The bot's real WSGI app served by waitress on a loopback port in this process; raw requests."""

import socket
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from slack_bolt import App

from bot.db.engine import Database
from bot.db.models import metadata
from bot.sandbox.servers import Served
from bot.slack.http import EVENTS_PATH, SlackWsgiApp, make_server
from bot.slack.webhooks import WebhookEdge
from tests.databases import sqlite_url
from tests.fakes.clock import FrozenClock
from tests.fakes.outbound import OutboundRecorder
from tests.fakes.signing import FORM, signature_for
from tests.slack.harness import SIGNING_SECRET, SlackHarness, slack_harness


@dataclass(frozen=True)
class ServedApp:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def post_raw(
        self, body: bytes, headers: Mapping[str, bytes | str], *, path: str = EVENTS_PATH
    ) -> int:
        """POST with header values sent byte for byte (no client checks them); the status."""
        lines = [f"POST {path} HTTP/1.1".encode(), f"Host: {self.host}".encode()]
        for name, value in headers.items():
            raw = value.encode("latin-1") if isinstance(value, str) else value
            lines.append(name.encode("ascii") + b": " + raw)
        lines += [f"Content-Length: {len(body)}".encode(), b"Connection: close"]
        return self.exchange(b"\r\n".join(lines) + b"\r\n\r\n" + body)

    def exchange(self, request: bytes) -> int:
        """Send request bytes as they are, read the answer to the end; its status code."""
        with socket.create_connection((self.host, self.port), timeout=10) as connection:
            connection.sendall(request)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        return int(answer.split(b" ", 2)[1])


@contextmanager
def served(
    app: App | None,
    signing_secret: str,
    *,
    host: str = "127.0.0.1",
    hooks: WebhookEdge | None = None,
) -> Iterator[ServedApp]:
    """Serve `app` as `okr-bot run` does in HTTP mode, on a free port; stop it afterwards."""
    server = make_server(SlackWsgiApp(app, signing_secret, lambda: True, hooks), 0, 4, host)
    # The sandbox's way of serving and stopping: every socket closed once, from the server's
    # own loop (closing the trigger twice could close a socket another server opened since).
    running = Served(server, "waitress")
    try:
        yield ServedApp(host, running.port)
    finally:
        running.stop()


@dataclass
class Edge:
    """The served bot, the harness behind it, and a server a forger might point it at."""

    bot: ServedApp
    slack: SlackHarness
    elsewhere: OutboundRecorder

    def post_signed(self, body: bytes, content_type: str | None = FORM, **headers: str) -> int:
        """POST body signed as Slack signs it now; keyword headers are added as given."""
        stamp = str(int(time.time()))
        sent = {"X-Slack-Request-Timestamp": stamp}
        sent["X-Slack-Signature"] = signature_for(body, SIGNING_SECRET, stamp)
        if content_type is not None:
            sent["Content-Type"] = content_type
        sent |= {name.replace("_", "-"): value for name, value in headers.items()}
        return self.bot.post_raw(body, sent)


@contextmanager
def served_edge(database: Database) -> Iterator[Edge]:
    """The bot over HTTP on `database`; once left, every listener thread has finished."""
    with (
        OutboundRecorder() as elsewhere,
        slack_harness(database, FrozenClock(datetime(2026, 11, 16, 12, tzinfo=UTC))) as slack,
        # With webhooks, as in HTTP mode: Slack's path must be as strict as without them.
        served(slack.app, SIGNING_SECRET, hooks=WebhookEdge(slack.services.sources.push)) as bot,
    ):
        slack.fake.clear()  # Bolt's auth.test at start-up
        yield Edge(bot, slack, elsewhere)


@contextmanager
def sqlite_database(directory: Path) -> Iterator[Database]:
    """A fresh schema in a SQLite file: enough where the database is not what is tested."""
    database = Database.from_url(sqlite_url(str(directory)))
    metadata.create_all(database.engine)
    try:
        yield database
    finally:
        database.dispose()
