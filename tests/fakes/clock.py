"""A clock that stands still until a test moves it; always aware UTC, like the real one."""

import threading
from datetime import UTC, datetime, timedelta

# A Monday morning, so cadence tests start from an unsurprising week start.
DEFAULT_START = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


class FrozenClock:
    """Satisfies bot.services.ports.Clock; safe to move while listeners read it on other threads."""

    def __init__(self, start: datetime = DEFAULT_START) -> None:
        self._lock = threading.Lock()
        self._now = _utc(start)

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, dt: datetime) -> None:
        with self._lock:
            self._now = _utc(dt)

    def advance(self, **delta: float) -> datetime:
        """Move forward by timedelta(**delta), e.g. advance(days=7); returns the new now."""
        step = timedelta(**delta)
        if step < timedelta(0):
            raise ValueError("a clock does not run backwards; use set() for that")
        with self._lock:
            self._now += step
            return self._now


def _utc(dt: datetime) -> datetime:
    # Naive datetimes are the bug this project guards against; refuse them loudly.
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"FrozenClock needs an aware datetime, got {dt!r}")
    return dt.astimezone(UTC)
