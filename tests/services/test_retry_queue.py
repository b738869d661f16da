"""The retry queue hands items back in not-before order and sleeps only for what is left."""

import pytest

from bot.services.retry_queue import RetryQueue
from tests.fakes.timer import FakeTimer


def test_items_come_back_in_not_before_order_first_in_first_out_among_equals() -> None:
    timer = FakeTimer()
    queue: RetryQueue[str] = RetryQueue(timer)
    for name in ("a", "b", "c"):
        queue.push(name)
    queue.push("late", delay=5)

    seen = []
    for item in queue:
        seen.append(item)
        if item == "a":
            queue.push("a again", delay=2)
            queue.push("a too", delay=2)
    assert seen == ["a", "b", "c", "a again", "a too", "late"]
    assert timer.sleeps == pytest.approx([2.0, 3.0])


def test_time_spent_elsewhere_shortens_the_wait() -> None:
    timer = FakeTimer()
    queue: RetryQueue[str] = RetryQueue(timer)
    queue.push("later", delay=10)
    timer.advance(4)
    assert list(queue) == ["later"]
    assert timer.sleeps == pytest.approx([6.0])
    assert len(queue) == 0
