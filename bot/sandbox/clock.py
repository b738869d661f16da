"""The sandbox's clock: real time plus an offset that the clock panel moves forward."""

import threading
from datetime import UTC, datetime, timedelta


class SandboxClock:
    """The bot's Clock: it runs at the speed of real time, from wherever it was last set."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self._offset = offset
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    @property
    def offset(self) -> timedelta:
        with self._lock:
            return self._offset

    def set(self, instant: datetime) -> None:
        """From now on the clock reads `instant` and goes on from there."""
        with self._lock:
            self._offset = instant.astimezone(UTC) - datetime.now(UTC)
