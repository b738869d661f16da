"""A loopback HTTP server that records every request it gets: somewhere a forger points the bot."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self


class OutboundRecorder:
    """Any method, any path: each request is recorded as "METHOD /path" and answered 200."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    @property
    def requests(self) -> list[str]:
        with self._cond:
            return list(self._requests)

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[str]:
        """The requests once there are `count`; fails the test when they do not come in time."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._requests) >= count, timeout):
                raise AssertionError(f"expected {count} request(s), got {self._requests}")
            return list(self._requests)

    def record(self, line: str) -> None:
        with self._cond:
            self._requests.append(line)
            self._cond.notify_all()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(recorder: OutboundRecorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def handle_one_request(self) -> None:
            # Every method lands here, including ones BaseHTTPRequestHandler has no do_X for.
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline or not self.parse_request():
                return
            recorder.record(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
