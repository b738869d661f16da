"""A fake Slack Web API on a real loopback HTTP server: records every call, answers like Slack."""

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import SplitResult, parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.services.ports import SystemTimer, Timer
from tests.fakes.blockkit import message_problems, view_problems
from tests.fakes.slack_files import FILE_UPLOAD, Body, FakeFiles, SharedFile
from tests.fakes.slack_limits import EnforcedLimits, RateLimiter
from tests.fakes.slack_users import im_channel, users_page

TEAM_ID = "T0TEAM0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
# slack-sdk sends these as JSON strings inside form bodies; tests want lists and dicts.
_JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata", "files"})

Predicate = Callable[[Body], bool]
# Chooses how to answer a call: an HTTP status to fail with, DROP, or None to answer normally.
Chooser = Callable[[Body], int | None]
DROP = 0  # as a status: close the connection without answering, as a network fault does


@dataclass(frozen=True)
class Call:
    method: str  # "chat.postMessage"; "response_url" for posts to a response_url()
    body: dict[str, Any]  # without the token field, JSON fields decoded
    token: str | None
    ok: bool = True  # False when answered with an error (the call changed nothing)

    @property
    def channel(self) -> str:
        """Where a message landed: a post to a user id lands in the DM with them (`D…`)."""
        return im_channel(str(self.body.get("channel") or ""))


@dataclass
class _Failure:
    method: str
    error: str
    status: int
    retry_after: int | None
    when: Predicate | None
    remaining: int | None  # None: forever
    delay: float = 0.0


@dataclass(frozen=True)
class _Answer:
    status: int
    body: Body
    retry_after: int | None = None
    delay: float = 0.0


class FakeSlackApi:
    """Starts serving on a free port at once; use as a context manager or close() it."""

    def __init__(
        self,
        *,
        validate_blocks: bool = True,
        strict_users: bool = False,
        limits: EnforcedLimits | None = None,
        timer: Timer | None = None,
    ) -> None:
        self.validate_blocks = validate_blocks  # answer invalid_blocks like Slack does
        self.strict_users = strict_users  # unknown users.info ids → user_not_found
        # With limits, calls over them get 429 + Retry-After, measured on `timer`.
        self.limiter = RateLimiter(limits, timer or SystemTimer()) if limits else None
        # Re-entrant so handlers can call public setters (set_user) while _answer holds it.
        self._cond = threading.Condition(threading.RLock())
        self._calls: list[Call] = []
        self._history: list[Call] = []  # every call, kept through clear()
        self._failures: list[_Failure] = []
        self._choosers: list[tuple[str, Chooser]] = []
        self._users: dict[str, Body] = {}
        self._serial = itertools.count(1)
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._origin = f"http://127.0.0.1:{self._server.server_port}"
        self._files = FakeFiles(f"{self._origin}/upload/")
        # shutdown() waits out one poll; the default 0.5 s would add that much to every test.
        serve = {"poll_interval": 0.02}
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs=serve, daemon=True
        )
        self._thread.start()
        self.base_url = f"{self._origin}/api/"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def client(self, token: str = "xoxb-test-token", **kwargs: Any) -> WebClient:  # noqa: S107
        return WebClient(token=token, base_url=self.base_url, **kwargs)

    def response_url(self) -> str:
        """A fresh response_url served here; posts to it are recorded as method "response_url"."""
        return f"{self._origin}/response/{next(self._serial)}"

    def set_user(
        self,
        user_id: str,
        *,
        tz: str = "Europe/Berlin",
        deleted: bool = False,
        is_bot: bool = False,
        name: str | None = None,
        is_admin: bool = False,
        is_owner: bool = False,
        status: tuple[str, str, int] = ("", "", 0),
    ) -> None:
        """`status` is (emoji, text, expiration) as in the profile; ("", "", 0) is no status."""
        name = name or user_id.lower()
        offset = datetime.now(ZoneInfo(tz)).utcoffset() or timedelta(0)
        user: Body = {"id": user_id, "team_id": TEAM_ID, "name": name, "real_name": name.title()}
        user |= {"tz": tz, "tz_label": tz, "tz_offset": int(offset.total_seconds())}
        user |= {
            "deleted": deleted,
            "is_bot": is_bot,
            "profile": {"display_name": name} | _status(status),
        }
        user |= {"is_admin": is_admin, "is_owner": is_owner}
        with self._cond:
            self._users[user_id] = user

    def user(self, user_id: str) -> Body:
        """The user object as users.info answers it, and as a user_change event carries it."""
        with self._cond:
            copy: Body = json.loads(json.dumps(self._users[user_id]))  # the caller may alter it
            return copy

    def fail(
        self,
        method: str,
        error: str = "channel_not_found",
        *,
        when: Predicate | None = None,
        times: int | None = None,
    ) -> None:
        """Answer matching calls with HTTP 200 {"ok": false, "error": error}; times=None: always."""
        with self._cond:
            self._failures.append(_Failure(method, error, 200, None, when, times))

    def fail_http(
        self,
        method: str,
        status: int = 500,
        *,
        retry_after: int | None = None,
        when: Predicate | None = None,
        times: int | None = None,
        delay: float = 0.0,
    ) -> None:
        """Answer matching calls with an HTTP error; a 429 carries Retry-After (default 1 s);
        status DROP closes the connection unanswered.

        With `delay` (seconds) the answer comes that late: a client with a shorter timeout
        sees a timeout, and the call changed nothing.
        """
        if status == 429 and retry_after is None:
            retry_after = 1
        error = "ratelimited" if status == 429 else "internal_error"
        with self._cond:
            failure = _Failure(method, error, status, retry_after, when, times, delay)
            self._failures.append(failure)

    def misbehave(self, method: str, choose: Chooser) -> None:
        """Let `choose` decide, call by call, whether `method` fails and how (see Chooser);
        consulted before the failures set by fail() and fail_http()."""
        with self._cond:
            self._choosers.append((method, choose))

    @property
    def calls(self) -> list[Call]:
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [call for call in self._calls if call.method == method]

    @property
    def shared_files(self) -> list[SharedFile]:
        """Files shared by files.completeUploadExternal, in order."""
        with self._cond:
            return list(self._files.shared)

    def history(self) -> list[Call]:
        """Every call since the fake started, including those clear() forgot."""
        with self._cond:
            return list(self._history)

    def clear(self) -> None:
        """Forget recorded calls and shared files; failures and users stay configured."""
        with self._cond:
            self._calls.clear()
            self._files.shared.clear()

    def wait_until(self, predicate: Callable[[list[Call]], bool], timeout: float = 5.0) -> bool:
        """Whether `predicate(calls so far)` came true within `timeout`: woken by each call."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(list(self._calls)), timeout=timeout)

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until `count` calls to `method` were recorded (for work done on other threads)."""
        with self._cond:
            seen = lambda: sum(c.method == method for c in self._calls) >= count  # noqa: E731
            if not self._cond.wait_for(seen, timeout=timeout):
                methods = [call.method for call in self._calls]
                raise AssertionError(
                    f"expected {count} call(s) to {method} within {timeout}s, "
                    f"got {methods.count(method)}; calls so far: {methods}"
                )
            return [call for call in self._calls if call.method == method]

    def _answer(self, method: str, body: Body, token: str | None) -> _Answer:
        with self._cond:
            answer = self._decide(method, body)
            call = Call(method, body, token, ok=bool(answer.body.get("ok")))
            self._calls.append(call)
            self._history.append(call)
            self._cond.notify_all()
            return answer

    def _decide(self, method: str, body: Body) -> _Answer:
        for chosen_for, choose in self._choosers:
            if chosen_for == method and (status := choose(body)) is not None:
                code = "ratelimited" if status == 429 else "internal_error"
                return _Answer(status, _error(code), 1 if status == 429 else None)
        for failure in self._failures:
            if failure.method != method or failure.remaining == 0:
                continue
            if failure.when is None or failure.when(body):
                if failure.remaining is not None:
                    failure.remaining -= 1
                error = _error(failure.error)
                return _Answer(failure.status, error, failure.retry_after, failure.delay)
        # A post to a user id and one to their DM's id share the one DM's per-channel limit.
        channel = im_channel(str(body.get("channel") or "")) or None
        if self.limiter and (wait := self.limiter.retry_after(method, channel)) is not None:
            return _Answer(429, _error("ratelimited"), wait)
        reply = self._reply(method, body)
        # The upload URL is not the Web API: it answers a bad upload with an HTTP error.
        return _Answer(400 if method == FILE_UPLOAD and not reply["ok"] else 200, reply)

    def _next_ts(self) -> str:
        n = next(self._serial)
        return f"{1700000000 + n // 10000}.{n % 10000 * 100:06d}"

    def _reply(self, method: str, body: Body) -> Body:
        match method:
            case "response_url":
                return {"ok": True}
            case "auth.test":
                reply = {"ok": True, "team": "Test", "team_id": TEAM_ID, "user": "okrbot"}
                return reply | {"user_id": BOT_USER_ID, "bot_id": BOT_ID}
            case "conversations.open":
                users = str(body.get("users") or "").split(",")
                if not (channel := body.get("channel") or (users[0] and "D" + users[0])):
                    return _error("users_list_not_supplied")
                return {"ok": True, "channel": {"id": channel}}
            case "chat.postMessage" | "chat.update" | "chat.postEphemeral":
                return self._message_reply(method, body)
            case "views.open" | "views.push":
                return self._view(body, needs="trigger_id")
            case "views.update":
                return self._view(body, needs="view_id")
            case "views.publish":
                return self._view(body, needs="user_id")
            case "users.info":
                return self._users_info(str(body.get("user") or ""))
            case "users.list":
                return users_page(self._users, body)
            case "files.getUploadURLExternal":
                return self._files.upload_url(body, f"F{next(self._serial):09d}")
            case "file_upload":
                return self._files.receive(body)
            case "files.completeUploadExternal":
                return self._files.complete(body)
        return _error("unknown_method")

    def _message_reply(self, method: str, body: Body) -> Body:
        if not body.get("channel"):
            return _error("channel_not_found")
        if not any(body.get(key) for key in ("text", "blocks", "attachments")):
            return _error("no_text")
        problems = message_problems(body.get("blocks"), body.get("text"), require_text=False)
        if self.validate_blocks and problems:
            return _error("invalid_blocks") | {"errors": problems}
        if method == "chat.postEphemeral":
            reply = {"ok": True, "message_ts": self._next_ts()}
            return reply if body.get("user") else _error("user_not_in_channel")
        if method == "chat.update" and not body.get("ts"):
            return _error("cant_update_message")
        ts = str(body["ts"]) if method == "chat.update" else self._next_ts()
        channel = str(body["channel"])
        # Posting to a user id lands in the DM with that user, and Slack answers with the DM id.
        if method == "chat.postMessage":
            channel = im_channel(channel)
        message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}
        message |= {key: body[key] for key in ("text", "blocks", "attachments") if key in body}
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _view(self, body: Body, needs: str) -> Body:
        view = body.get("view")
        if not isinstance(view, dict) or not (body.get(needs) or body.get("external_id")):
            return _error("invalid_arguments")
        problems = view_problems(view)
        if self.validate_blocks and problems:
            messages = [f"[ERROR] {problem}" for problem in problems]
            return _error("invalid_arguments") | {"response_metadata": {"messages": messages}}
        view_id = str(body.get("view_id") or f"V{next(self._serial):09d}")
        shown: Body = {"id": view_id, "team_id": TEAM_ID, "app_id": "A0APP00001", "bot_id": BOT_ID}
        shown |= {"callback_id": "", "private_metadata": "", "external_id": ""} | view
        shown |= {"state": {"values": {}}, "hash": f"{self._next_ts()}.fakehash"}
        shown |= {"root_view_id": view_id}
        return {"ok": True, "view": shown}

    def _users_info(self, user_id: str) -> Body:
        if user_id not in self._users:
            if self.strict_users or not user_id:
                return _error("user_not_found")
            self.set_user(user_id)  # any id not configured is an ordinary Berlin human
        return {"ok": True, "user": self._users[user_id]}


class _Server(ThreadingHTTPServer):
    # Slack takes many connections at once; the default backlog of 5 would make a burst of
    # calls wait for TCP's one-second retry instead.
    request_queue_size = 256


def _error(code: str) -> Body:
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


def _handler_for(fake: FakeSlackApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            url = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                if url.path.startswith("/upload/"):
                    # Raw file bytes, sent without a token (the URL is the credential).
                    upload = {"file_id": url.path.removeprefix("/upload/"), "data": raw}
                    answer = fake._answer(FILE_UPLOAD, upload, None)
                else:
                    answer = fake._answer(*_api_call(self, url, raw))
            except Exception as error:  # a crash here (bad predicate, bad JSON) must reach the test
                answer = _Answer(500, _error(f"fake_slack_crashed: {error!r}"))
            if answer.delay:
                time.sleep(answer.delay)
            if answer.status == DROP:
                self.close_connection = True
                return
            data = json.dumps(answer.body).encode()
            with contextlib.suppress(OSError):  # a client that timed out is gone
                self._send(answer, data)

        def _send(self, answer: _Answer, data: bytes) -> None:
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


def _status(status: tuple[str, str, int]) -> Body:
    emoji, text, expiration = status
    return {"status_emoji": emoji, "status_text": text, "status_expiration": expiration}
