"""The real WSGI app served by waitress on a loopback port in this process, and raw requests."""

import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from slack_bolt import App
from waitress import wasyncore
from waitress.server import BaseWSGIServer

from bot.slack.http import EVENTS_PATH, SlackWsgiApp, make_server

STOP_DEADLINE_S = 5.0


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
def served(app: App, signing_secret: str, *, host: str = "127.0.0.1") -> Iterator[ServedApp]:
    """Serve `app` as `okr-bot run` does in HTTP mode, on a free port; stop it afterwards."""
    server = make_server(SlackWsgiApp(app, signing_secret, lambda: True), 0, 4, host)
    assert isinstance(server, BaseWSGIServer)  # one host: one socket
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    try:
        yield ServedApp(host, int(server.getsockname()[1]))
    finally:
        # Close from the server's own loop thread, then wait for it to leave run().
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))  # type: ignore[attr-defined]
        thread.join(STOP_DEADLINE_S)
        server.task_dispatcher.shutdown()
        assert not thread.is_alive(), "the server did not stop"
