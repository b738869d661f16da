"""Slack's rate limits as the simulated Web API applies them: per method, and per channel for
chat.postMessage, over a sliding minute of real time (the sandbox's clock jumps; Slack's
counters do not)."""

import threading
import time
from collections import deque
from collections.abc import Callable

from bot.sandbox.webapi.errors import SlackRefusal

WINDOW_S = 60.0
PER_MINUTE = {  # the floor of each method's tier (SLACK.md); Slack tolerates short bursts
    "users.list": 20,
    "conversations.open": 50,
    "chat.update": 50,
    "users.info": 100,
    "views.open": 100,
    "views.update": 100,
    "views.push": 100,
    "views.publish": 100,
    "chat.postEphemeral": 100,
    "files.getUploadURLExternal": 20,
    "files.completeUploadExternal": 20,
    "auth.test": 600,
    "chat.postMessage": 300,  # "several hundred per minute" across the workspace
}
CHANNEL_WINDOW_S = 5.0
CHANNEL_MESSAGES = 5  # about one a second in each channel, with a short burst


class RateLimits:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._calls: dict[str, deque[float]] = {}

    def check(self, method: str, channel: str | None = None) -> None:
        """Count the call, or refuse it with `ratelimited` and the seconds to wait."""
        with self._lock:
            now = self._now()
            self._take(method, PER_MINUTE.get(method), WINDOW_S, now)
            if method == "chat.postMessage" and channel:
                self._take(f"{method} {channel}", CHANNEL_MESSAGES, CHANNEL_WINDOW_S, now)

    def _take(self, key: str, limit: int | None, window: float, now: float) -> None:
        if limit is None:
            return
        calls = self._calls.setdefault(key, deque())
        while calls and calls[0] <= now - window:
            calls.popleft()
        if len(calls) >= limit:
            wait = max(1, round(calls[0] + window - now + 0.5))
            raise SlackRefusal(
                "ratelimited",
                [f"more than {limit} calls to {key} in {window:.0f} s; retry after {wait} s"],
                status=429,
                retry_after=wait,
            )
        calls.append(now)
