"""A Timer whose sleeps return at once and move its time on; it records every wait."""

import threading


class FakeTimer:
    """Satisfies bot.services.ports.Timer; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        with self._lock:
            return self._now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self._now += max(seconds, 0.0)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds
