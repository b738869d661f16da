"""The fake Slack's HTTP side: a loopback server that decodes each call and sends its answer."""

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import SplitResult, parse_qsl, urlsplit

from tests.fakes.slack_files import FILE_UPLOAD, Body

# slack-sdk sends these as JSON strings inside form bodies; tests want lists and dicts.
_JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata", "files"})
DROP = 0  # as a status: close the connection without answering, as a network fault does


@dataclass(frozen=True)
class Answer:
    status: int
    body: Body
    retry_after: int | None = None
    delay: float = 0.0


# Answers one call: its method ("response_url" for a response_url post), body and token.
Answerer = Callable[[str, Body, str | None], Answer]


class SlackServer(ThreadingHTTPServer):
    # Slack takes many connections at once; the default backlog of 5 would make a burst of
    # calls wait for TCP's one-second retry instead.
    request_queue_size = 256

    def __init__(self, answer: Answerer) -> None:
        super().__init__(("127.0.0.1", 0), _handler_for(answer))


def slack_error(code: str) -> Body:
    return {"ok": False, "error": code}


def _decode(raw: bytes, content_type: str, query: str) -> Body:
    body: Body = dict(parse_qsl(query, keep_blank_values=True))
    if content_type == "application/json":
        body |= json.loads(raw or b"{}")
    elif content_type == "application/x-www-form-urlencoded":
        body |= dict(parse_qsl(raw.decode(), keep_blank_values=True))
    for key in _JSON_FIELDS & body.keys():
        if isinstance(body[key], str) and body[key][:1] in ("[", "{"):
            body[key] = json.loads(body[key])
    return body


def _api_call(
    request: BaseHTTPRequestHandler, url: SplitResult, raw: bytes
) -> tuple[str, Body, str | None]:
    """Method, decoded body and token of a Web API call or of a post to a response_url."""
    body = _decode(raw, request.headers.get_content_type(), url.query)
    auth = request.headers.get("Authorization") or ""
    body_token = body.pop("token", None)
    token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else body_token
    is_response = url.path.startswith("/response/")
    return ("response_url" if is_response else url.path.removeprefix("/api/")), body, token


def _handler_for(answer_call: Answerer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            url = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                if url.path.startswith("/upload/"):
                    # Raw file bytes, sent without a token (the URL is the credential).
                    upload = {"file_id": url.path.removeprefix("/upload/"), "data": raw}
                    answer = answer_call(FILE_UPLOAD, upload, None)
                else:
                    answer = answer_call(*_api_call(self, url, raw))
            except Exception as crash:  # a crash here (bad predicate, bad JSON) must reach the test
                answer = Answer(500, slack_error(f"fake_slack_crashed: {crash!r}"))
            if answer.delay:
                time.sleep(answer.delay)
            if answer.status == DROP:
                self.close_connection = True
                return
            data = json.dumps(answer.body).encode()
            with contextlib.suppress(OSError):  # a client that timed out is gone
                self._send(answer, data)

        def _send(self, answer: Answer, data: bytes) -> None:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if answer.retry_after is not None:
                self.send_header("Retry-After", str(answer.retry_after))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST  # noqa: N815 -- async clients send some read methods (users.info) as GET

        def log_message(self, format: str, *args: Any) -> None:
            """Silence per-request logging; the recorded calls say more."""

    return Handler
