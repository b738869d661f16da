"""Work in not-before order: a rate-limited item goes back in line while the rest go on."""

import heapq
import itertools
from collections.abc import Iterator
from typing import Generic, TypeVar

from bot.services.ports import Timer

T = TypeVar("T")


class RetryQueue(Generic[T]):
    """Iterating pops the earliest item, sleeping on the timer until it may go (same thread)."""

    def __init__(self, timer: Timer) -> None:
        self._timer = timer
        self._heap: list[tuple[float, int, T]] = []
        self._order = itertools.count()  # first in, first out among equal times

    def push(self, item: T, delay: float = 0.0) -> None:
        not_before = self._timer.monotonic() + max(delay, 0.0)
        heapq.heappush(self._heap, (not_before, next(self._order), item))

    def __len__(self) -> int:
        return len(self._heap)

    def __iter__(self) -> Iterator[T]:
        while self._heap:
            not_before, _, item = heapq.heappop(self._heap)
            wait = not_before - self._timer.monotonic()
            if wait > 0:
                self._timer.sleep(wait)
            yield item
