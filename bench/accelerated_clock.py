"""A clock and timer that run `speed` times faster than the wall clock, for benchmarks."""

import time
from datetime import datetime, timedelta


class AcceleratedClock:
    """Satisfies both Clock and Timer: seconds here are wall seconds times `speed`.

    Processes that share one origin (a `time.monotonic()` reading: the same on one host)
    share one accelerated time."""

    def __init__(self, start: datetime, speed: float, origin: float | None = None) -> None:
        self.start, self.speed = start, speed
        self._origin = time.monotonic() if origin is None else origin

    def restart(self, origin: float) -> None:
        """Count from `origin` on: time zero is when the benchmark's processes set off."""
        self._origin = origin

    def monotonic(self) -> float:
        return (time.monotonic() - self._origin) * self.speed

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds / self.speed)

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.monotonic())
