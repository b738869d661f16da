"""A token bucket kept as one "next free" time (GCRA): steady spacing with a bounded burst."""

import math


class TokenBucket:
    """`per_second` calls with bursts of up to `burst`; not thread-safe (the sender locks)."""

    def __init__(self, per_second: float, burst: int = 1) -> None:
        if per_second <= 0 or burst < 1:
            raise ValueError("a bucket needs a positive rate and a burst of at least 1")
        self.interval = 1 / per_second
        self._tolerance = (burst - 1) * self.interval
        self._next = -math.inf  # when the bucket would be empty again if nothing more came

    def ready_at(self) -> float:
        """The earliest monotonic time the next call conforms."""
        return self._next - self._tolerance

    def take(self, now: float) -> None:
        self._next = max(self._next, now) + self.interval

    def hold_until(self, moment: float) -> None:
        """Nothing before `moment`, and no burst right after it (Slack said to wait)."""
        self._next = max(self._next, moment + self._tolerance)

    def idle(self, now: float) -> bool:
        """Full again: forgetting this bucket changes nothing."""
        return self._next <= now
