"""A loopback HTTP(S) server for sources: JSON, Prometheus, CSV, and every kind of misbehaviour."""

import gzip
import json
import ssl
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

CHUNK = 64 * 1024


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (cut short when the server closes)
    chunked: bool = False
    trickle: float = 0.0  # seconds between chunks
    chunk_size: int = CHUNK
    filler: int = 0  # when set, the body is this many bytes of "x", sent as they are made
    compress: bool = False  # gzip the body and say so


@dataclass
class Seen:
    """One request as the server got it; `finished` once its answer was sent or broke off."""

    path: str
    headers: dict[str, str]
    host: str
    completed: bool = False
    finished: threading.Event = field(default_factory=threading.Event)


def prometheus_vector(*values: str) -> dict[str, Any]:
    series = [
        {"metric": {"job": f"api-{n}"}, "value": [1763283600.0, value]}
        for n, value in enumerate(values)
    ]
    return {"status": "success", "data": {"resultType": "vector", "result": series}}


class SourceServer:
    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self._cond = threading.Condition()
        self._routes: dict[str, Reply] = {}
        self._seen: list[Seen] = []
        self.released = threading.Event()
        self._server = _QuietServer(self)
        self.scheme = "http"
        if ssl_context is not None:
            self._server.socket = ssl_context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_port)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def serve(self, path: str, reply: Reply) -> str:
        with self._cond:
            self._routes[path] = reply
        return self.url(path)

    def json(self, path: str, document: object, **reply: Any) -> str:
        return self.serve(path, Reply(body=json.dumps(document).encode(), **reply))

    def text(self, path: str, text: str, content_type: str = "text/csv") -> str:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        return self.serve(path, Reply(body=text.encode(), headers=headers))

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.serve(path, Reply(status=status, headers={"Location": location}))

    def reply_for(self, path: str) -> Reply:
        with self._cond:
            return self._routes.get(path.split("?")[0], Reply(status=404))

    @property
    def requests(self) -> list[Seen]:
        with self._cond:
            return list(self._seen)

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    def record(self, seen: Seen) -> None:
        with self._cond:
            self._seen.append(seen)
            self._cond.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Seen]:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._seen) >= count, timeout):
                raise AssertionError(f"expected {count} request(s), got {self.paths()}")
            return list(self._seen)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, source: SourceServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.source = source

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up mid-answer are what these tests are about, not server errors.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _QuietServer

    def do_GET(self) -> None:
        source = self.server.source
        seen = Seen(self.path, dict(self.headers.items()), self.headers.get("Host", ""))
        source.record(seen)
        try:
            seen.completed = self._answer(source.reply_for(self.path), source.released)
        except OSError:  # the client hung up: a broken pipe, a reset, a TLS alert
            self.close_connection = True
        finally:
            seen.finished.set()

    def _answer(self, reply: Reply, released: threading.Event) -> bool:
        """True once the whole answer was sent; False when the server closed first."""
        if reply.delay and released.wait(reply.delay):
            return False
        body = gzip.compress(reply.body) if reply.compress else reply.body
        size = reply.filler or len(body)
        self._head(reply, size)
        for start in range(0, size, reply.chunk_size):
            end = min(size, start + reply.chunk_size)
            self._write(body[start:end] if not reply.filler else b"x" * (end - start), reply)
            if reply.trickle and released.wait(reply.trickle):
                return False
        if reply.chunked:
            self.wfile.write(b"0\r\n\r\n")
        return True

    def _head(self, reply: Reply, size: int) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.compress:
            self.send_header("Content-Encoding", "gzip")
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()

    def _write(self, data: bytes, reply: Reply) -> None:
        if reply.chunked:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        else:
            self.wfile.write(data)
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        pass
