"""A fake Slack Web API on a real loopback HTTP server: records every call, answers like Slack."""

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.services.ports import SystemTimer, Timer
from tests.fakes.slack_failures import Chooser, Failures, Predicate
from tests.fakes.slack_files import FILE_UPLOAD, Body, FakeFiles, SharedFile
from tests.fakes.slack_http import DROP as DROP
from tests.fakes.slack_http import Answer, SlackServer, slack_error
from tests.fakes.slack_limits import EnforcedLimits, RateLimiter
from tests.fakes.slack_replies import auth_test, conversations_open, message_reply, view_reply
from tests.fakes.slack_users import TEAM_ID, im_channel, users_page


@dataclass(frozen=True)
class Call:
    method: str  # "chat.postMessage"; "response_url" for posts to a response_url()
    body: dict[str, Any]  # without the token field, JSON fields decoded
    token: str | None
    ok: bool = True  # False when answered with an error (the call changed nothing)
    # What the fake answered, such as a post's "ts". Left out of ==, so a test can spell out a
    # call without knowing the ts it will get.
    answer: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def channel(self) -> str:
        """Where a message landed: a post to a user id lands in the DM with them (`D…`)."""
        return im_channel(str(self.body.get("channel") or ""))


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
        self._failures = Failures()
        self._users: dict[str, Body] = {}
        self._serial = itertools.count(1)
        self._server = SlackServer(self._answer)
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
            self._failures.add(method, error, 200, when=when, times=times)

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
            self._failures.add(
                method, error, status, retry_after=retry_after, when=when, times=times, delay=delay
            )

    def misbehave(self, method: str, choose: Chooser) -> None:
        """Let `choose` decide, call by call, whether `method` fails and how (see Chooser);
        consulted before the failures set by fail() and fail_http()."""
        with self._cond:
            self._failures.choose(method, choose)

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

    def _answer(self, method: str, body: Body, token: str | None) -> Answer:
        with self._cond:
            answer = self._decide(method, body)
            call = Call(method, body, token, ok=bool(answer.body.get("ok")), answer=answer.body)
            self._calls.append(call)
            self._history.append(call)
            self._cond.notify_all()
            return answer

    def _decide(self, method: str, body: Body) -> Answer:
        if (failed := self._failures.answer(method, body)) is not None:
            return failed
        # A post to a user id and one to their DM's id share the one DM's per-channel limit.
        channel = im_channel(str(body.get("channel") or "")) or None
        if self.limiter and (wait := self.limiter.retry_after(method, channel)) is not None:
            return Answer(429, slack_error("ratelimited"), wait)
        reply = self._reply(method, body)
        # The upload URL is not the Web API: it answers a bad upload with an HTTP error.
        return Answer(400 if method == FILE_UPLOAD and not reply["ok"] else 200, reply)

    def _next_ts(self) -> str:
        n = next(self._serial)
        return f"{1700000000 + n // 10000}.{n % 10000 * 100:06d}"

    def _reply(self, method: str, body: Body) -> Body:
        match method:
            case "response_url":
                return {"ok": True}
            case "auth.test":
                return auth_test()
            case "conversations.open":
                return conversations_open(body)
            case "chat.postMessage" | "chat.update" | "chat.postEphemeral":
                return message_reply(
                    method, body, self._next_ts, validate_blocks=self.validate_blocks
                )
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
        return slack_error("unknown_method")

    def _view(self, body: Body, needs: str) -> Body:
        new_id = lambda: next(self._serial)  # noqa: E731
        return view_reply(body, needs, new_id, self._next_ts, validate_blocks=self.validate_blocks)

    def _users_info(self, user_id: str) -> Body:
        if user_id not in self._users:
            if self.strict_users or not user_id:
                return slack_error("user_not_found")
            self.set_user(user_id)  # any id not configured is an ordinary Berlin human
        return {"ok": True, "user": self._users[user_id]}


def _status(status: tuple[str, str, int]) -> Body:
    emoji, text, expiration = status
    return {"status_emoji": emoji, "status_text": text, "status_expiration": expiration}
