"""Slack's rate limits, enforced by the fake Web API: over a limit, the answer is 429."""

import math
from dataclasses import dataclass

from bot.services.ports import Timer
from bot.slack import limits

TIER_2 = frozenset({"users.list"})
TIER_3 = frozenset({"conversations.open", "conversations.info", "chat.update"})
TIER_4 = frozenset({"users.info"})


@dataclass(frozen=True)
class EnforcedLimits:
    """Token buckets that start full; `burst` also absorbs loopback jitter on a sped-up clock."""

    messages_per_minute: float = limits.MESSAGES_PER_MINUTE  # chat.postMessage, whole workspace
    channel_messages_per_second: float = limits.CHANNEL_MESSAGES_PER_SECOND  # one channel
    tier2_per_minute: float = limits.TIER2_PER_MINUTE  # each Tier 2 method on its own
    tier3_per_minute: float = limits.TIER3_PER_MINUTE  # each Tier 3 method on its own
    tier4_per_minute: float = limits.TIER4_PER_MINUTE  # each Tier 4 method on its own
    burst: int = 5

    def floor_seconds(self, messages: int, opens: int = 0) -> float:
        """The least time `messages` DMs to distinct channels (and `opens` DM opens) can take."""
        posts = max(messages - self.burst, 0) * 60 / self.messages_per_minute
        tier3 = max(opens - self.burst, 0) * 60 / self.tier3_per_minute
        return max(posts, tier3)


class _Bucket:
    def __init__(self, per_second: float, capacity: int, now: float) -> None:
        self.per_second, self.capacity = per_second, capacity
        self.tokens, self.stamp = float(capacity), now

    def refill(self, now: float) -> None:
        elapsed = max(now - self.stamp, 0.0)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.per_second)
        self.stamp = now

    def wait(self) -> float:
        return max(1 - self.tokens, 0.0) / self.per_second


class RateLimiter:
    """Decides each call's fate on the given timer; the caller serialises calls (not locked)."""

    def __init__(self, limits: EnforcedLimits, timer: Timer) -> None:
        self.limits, self._timer = limits, timer
        self._buckets: dict[str, _Bucket] = {}
        self.rejected = 0

    def retry_after(self, method: str, channel: str | None) -> int | None:
        """None: the call goes through and is counted; else whole seconds to wait, like Slack."""
        now = self._timer.monotonic()
        buckets = [self._bucket(key, rate, now) for key, rate in self._keys(method, channel)]
        for bucket in buckets:
            bucket.refill(now)
        wait = max((bucket.wait() for bucket in buckets), default=0.0)
        if wait > 0:
            self.rejected += 1
            return max(math.ceil(wait), 1)
        for bucket in buckets:
            bucket.tokens -= 1
        return None

    def _keys(self, method: str, channel: str | None) -> list[tuple[str, float]]:
        limits = self.limits
        if method == "chat.postMessage":
            keys = [(method, limits.messages_per_minute / 60)]
            if channel:
                keys.append((f"channel:{channel}", limits.channel_messages_per_second))
            return keys
        tiers = [
            (TIER_2, limits.tier2_per_minute),
            (TIER_3, limits.tier3_per_minute),
            (TIER_4, limits.tier4_per_minute),
        ]
        return [(method, per_minute / 60) for tier, per_minute in tiers if method in tier]

    def _bucket(self, key: str, per_second: float, now: float) -> _Bucket:
        if key not in self._buckets:
            capacity = self.limits.burst if not key.startswith("channel:") else 1
            self._buckets[key] = _Bucket(per_second, capacity, now)
        return self._buckets[key]
