"""Paces Web API calls to Slack's limits and hands a 429 back as DeliveryError(retry_after)."""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

from bot.services.ports import DeliveryError, Timer
from bot.slack import limits
from bot.slack.delivery.token_bucket import TokenBucket

TIER_2 = frozenset({"users.list"})
TIER_3 = frozenset({"conversations.open", "conversations.info", "chat.update"})
TIER_4 = frozenset({"users.info"})
POST_MESSAGE = "chat.postMessage"
# Slack's error codes for "too many": HTTP 429 says `ratelimited`, a 200 may say `rate_limited`.
RATE_LIMITED = frozenset({"ratelimited", "rate_limited"})
DEFAULT_RETRY_AFTER_S = 1.0
_FORGET_IDLE_CHANNELS_EVERY = 1000


@dataclass(frozen=True)
class SlackLimits:
    """Slack's documented limits per workspace and app (SLACK.md); all calls stay under them."""

    messages_per_minute: float = limits.MESSAGES_PER_MINUTE  # chat.postMessage, whole workspace
    channel_messages_per_second: float = limits.CHANNEL_MESSAGES_PER_SECOND  # one channel
    tier2_per_minute: float = limits.TIER2_PER_MINUTE
    tier3_per_minute: float = limits.TIER3_PER_MINUTE
    tier4_per_minute: float = limits.TIER4_PER_MINUTE
    # One spare call absorbs our own hiccups; Slack tolerates short bursts.
    burst: int = 2


class PacedSender:
    """Thread-safe; one per process, shared by the notifier for every call it makes.

    `call` may sleep until the call's turn comes, on the calling thread. Only the fan-out (the
    scheduler's tick or `okr-bot jobs run`) calls it. Listeners must not: a sleeping listener
    starves Bolt's pool and misses Slack's 3-second deadline; their calls (chat.update after a
    click, views.open) go through `call_now`, which counts them and never waits.
    """

    def __init__(self, timer: Timer, limits: SlackLimits | None = None) -> None:
        self._timer = timer
        self.limits = limits = limits or SlackLimits()
        self._lock = threading.Lock()
        self._methods = {POST_MESSAGE: TokenBucket(limits.messages_per_minute / 60, limits.burst)}
        self._methods |= {
            m: TokenBucket(limits.tier2_per_minute / 60, limits.burst) for m in TIER_2
        }
        self._methods |= {
            m: TokenBucket(limits.tier3_per_minute / 60, limits.burst) for m in TIER_3
        }
        self._methods |= {
            m: TokenBucket(limits.tier4_per_minute / 60, limits.burst) for m in TIER_4
        }
        self._channels: dict[str, TokenBucket] = {}
        self._new_channels = 0

    def call(
        self, method: str, request: Callable[[], SlackResponse], *, channel: str | None = None
    ) -> SlackResponse:
        """Wait for the method's (and channel's) turn, then call; every failure is DeliveryError."""
        self._wait_turn(method, channel)
        try:
            response = request()
        except SlackApiError as error:
            answer = error.response
            code = str(answer.get("error") or "unknown_error")
            if answer.status_code == 429 or code in RATE_LIMITED:
                retry_after = retry_after_of(answer)
                self._hold(method, channel, retry_after)
                raise DeliveryError("ratelimited", retry_after=retry_after) from error
            if answer.status_code != 200:
                code = f"http_{answer.status_code}"
            raise DeliveryError(code) from error
        except (SlackClientError, OSError) as error:
            # A timeout is ambiguous: Slack may have posted. Retrying later risks a rare
            # duplicate; not retrying would lose the member's prompt for the week.
            raise DeliveryError(type(error).__name__) from error
        return response

    def call_now(
        self, method: str, request: Callable[[], SlackResponse], *, channel: str | None = None
    ) -> SlackResponse:
        """For listeners: count the call against the limits without ever waiting, so the
        fan-out leaves room for it. Errors stay Slack's own; a 429 holds the method for all."""
        with self._lock:
            now = self._timer.monotonic()
            for bucket in self._buckets(method, channel):
                bucket.take(now)
        try:
            return request()
        except SlackApiError as error:
            answer = error.response
            if answer.status_code == 429 or answer.get("error") in RATE_LIMITED:
                self._hold(method, channel, retry_after_of(answer))
            raise

    def _buckets(self, method: str, channel: str | None) -> list[TokenBucket]:
        buckets = [bucket] if (bucket := self._methods.get(method)) else []
        if method == POST_MESSAGE and channel:
            if channel not in self._channels:
                self._forget_idle_channels()
                per_second = self.limits.channel_messages_per_second
                self._channels[channel] = TokenBucket(per_second)
            buckets.append(self._channels[channel])
        return buckets

    def _wait_turn(self, method: str, channel: str | None) -> None:
        while True:
            with self._lock:
                now = self._timer.monotonic()
                buckets = self._buckets(method, channel)
                ready = max((bucket.ready_at() for bucket in buckets), default=now)
                if ready <= now:
                    for bucket in buckets:
                        bucket.take(now)
                    return
            # Outside the lock: another thread may take the turn first; then wait again.
            self._timer.sleep(ready - now)

    def _hold(self, method: str, channel: str | None, seconds: float) -> None:
        # Slack does not say whether the channel or the workspace was over: hold both.
        with self._lock:
            moment = self._timer.monotonic() + seconds
            for bucket in self._buckets(method, channel):
                bucket.hold_until(moment)

    def _forget_idle_channels(self) -> None:
        self._new_channels += 1
        if self._new_channels % _FORGET_IDLE_CHANNELS_EVERY == 0:
            now = self._timer.monotonic()
            self._channels = {c: b for c, b in self._channels.items() if not b.idle(now)}


def retry_after_of(answer: SlackResponse) -> float:
    """Seconds Slack asked us to wait (its Retry-After header), or a default when it did not say."""
    headers = {str(key).lower(): value for key, value in (answer.headers or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return max(float(value), 0.0) if value is not None else DEFAULT_RETRY_AFTER_S
    except ValueError:
        return DEFAULT_RETRY_AFTER_S
