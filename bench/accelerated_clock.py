"""A clock and timer that run `speed` times faster than the wall clock, for benchmarks."""

import time
from datetime import datetime, timedelta


class AcceleratedClock:
    """Satisfies both Clock and Timer: seconds here are wall seconds times `speed`."""

    def __init__(self, start: datetime, speed: float) -> None:
        self.start, self.speed = start, speed
        self._origin = time.monotonic()

    def monotonic(self) -> float:
        return (time.monotonic() - self._origin) * self.speed

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds / self.speed)

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.monotonic())
