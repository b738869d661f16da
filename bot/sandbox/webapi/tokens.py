"""Trigger ids (good once, for 3 seconds) and response URLs (5 uses in 30 minutes)."""

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.sandbox.webapi import limits
from bot.sandbox.webapi.errors import SlackRefusal


@dataclass
class _Trigger:
    user: str
    issued: float  # monotonic seconds: the bot's real latency is what Slack measures
    used: bool = False


class TriggerIds:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._triggers: dict[str, _Trigger] = {}

    def issue(self, user: str) -> str:
        trigger_id = f"{int(time.time())}.{secrets.randbelow(10**9)}.{secrets.token_hex(16)}"
        with self._lock:
            self._triggers[trigger_id] = _Trigger(user, time.monotonic())
        return trigger_id

    def use(self, trigger_id: object) -> str:
        """The person whose click issued it; refused when unknown, stale or used before."""
        if not isinstance(trigger_id, str) or not trigger_id:
            raise SlackRefusal("invalid_arguments", ["trigger_id is required"])
        with self._lock:
            trigger = self._triggers.get(trigger_id)
            if trigger is None:
                raise SlackRefusal("invalid_trigger_id")
            if trigger.used:
                raise SlackRefusal("exchanged_trigger_id", ["a trigger_id opens one view, once"])
            waited = time.monotonic() - trigger.issued
            if waited > limits.TRIGGER_SECONDS:
                raise SlackRefusal(
                    "expired_trigger_id",
                    [f"used after {waited:.1f} s; Slack allows {limits.TRIGGER_SECONDS:.0f} s"],
                )
            trigger.used = True
            return trigger.user


@dataclass
class ResponseTarget:
    """Where a response URL's posts land: the person and conversation it was issued for."""

    user: str
    channel: str
    message_ts: str | None  # the message clicked on, which replace_original replaces
    issued: datetime
    uses: int = 0


class ResponseUrls:
    def __init__(self, base_url: str, now: Callable[[], datetime]) -> None:
        self._base_url = base_url
        self._now = now
        self._lock = threading.Lock()
        self._targets: dict[str, ResponseTarget] = {}

    def issue(self, user: str, channel: str, message_ts: str | None = None) -> str:
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._targets[token] = ResponseTarget(user, channel, message_ts, self._now())
        return f"{self._base_url}{token}"

    def use(self, token: str) -> ResponseTarget:
        with self._lock:
            target = self._targets.get(token)
            if target is None:
                raise SlackRefusal("no_such_url", status=404)
            if self._now() - target.issued > timedelta(minutes=limits.RESPONSE_URL_MINUTES):
                raise SlackRefusal(
                    "expired_url",
                    [f"a response_url lives {limits.RESPONSE_URL_MINUTES} minutes"],
                    status=404,
                )
            if target.uses >= limits.RESPONSE_URL_USES:
                raise SlackRefusal(
                    "used_url",
                    [f"a response_url takes {limits.RESPONSE_URL_USES} posts"],
                    status=404,
                )
            target.uses += 1
            return target
