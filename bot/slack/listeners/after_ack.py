"""Work that follows a listener's acknowledgement, done off Bolt's listener threads."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import partial
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.slack.delivery.follow_ups import RETRY_DELAYS_S, FollowUps
from bot.slack.listeners.errors import tell_about

Work = Callable[[dict[str, Any], WebClient], None]
Listener = Callable[[Ack, dict[str, Any], WebClient], None]

# Few threads on purpose: Python runs one at a time, and every busy one slows the next ack.
MODAL_THREADS = 4
ANSWER_THREADS = 4
# An answer waits for urgent work at most this long, so a stream of clicks cannot starve it.
URGENT_FIRST_FOR_AT_MOST_S = 2.0


# Once a modal has closed, nobody waits on its save: it may wait this long for a write lock.
SAVE_WAIT = timedelta(seconds=10)


class AfterAck:
    """Listeners acknowledge, then hand their work here, so a burst of slow answers never keeps
    a listener thread (and the acks waiting for one) busy. Opening a modal and saving a
    submission have threads of their own: a trigger_id dies 3 s after the click, and a person
    waits for their receipt, while an answer may take its time."""

    def __init__(
        self,
        retry_delays: tuple[float, ...] = RETRY_DELAYS_S,
        modal_threads: int = MODAL_THREADS,
        answer_threads: int = ANSWER_THREADS,
        save_wait: timedelta | None = None,
    ) -> None:
        self.follow_ups = FollowUps(retry_delays)
        # How long a save after the ack waits for a write lock.
        self.save_wait = save_wait or SAVE_WAIT
        self._modals = ThreadPoolExecutor(modal_threads, thread_name_prefix="after-ack-modal")
        self._answers = ThreadPoolExecutor(answer_threads, thread_name_prefix="after-ack-answer")
        self._idle = threading.Condition()
        self._pending = 0
        self._urgent = 0  # modals to open and submissions to save, queued or running

    def open_modal(self, work: Callable[[], None], body: dict[str, Any], client: WebClient) -> None:
        """Soon, ahead of any answer: work that ends in views.open."""
        with self._idle:
            self._pending += 1
            self._urgent += 1
        self._modals.submit(self._run, work, body, client, modal=True)

    def save(self, work: Callable[[], None], body: dict[str, Any], client: WebClient) -> None:
        """Soon, ahead of any answer: a save someone just submitted (its receipt comes later)."""
        self.open_modal(work, body, client)

    def answer(self, work: Callable[[], None], body: dict[str, Any], client: WebClient) -> None:
        """In turn: answers through response_url, receipts, Home."""
        with self._idle:
            self._pending += 1
        self._answers.submit(self._run_after_urgent, work, body, client)

    def then_open_modal(self, work: Work) -> Listener:
        """A Bolt listener that acknowledges, then has `work(body, client)` open a modal soon."""

        def listener(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
            ack()
            self.open_modal(partial(work, body, client), body, client)

        return listener

    def then_answer(self, work: Work) -> Listener:
        """A Bolt listener that acknowledges, then has `work(body, client)` done in turn."""

        def listener(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
            ack()
            self.answer(partial(work, body, client), body, client)

        return listener

    def wait_until_idle(self, timeout: float) -> bool:
        """Whether all handed work, retries included, was done within `timeout` seconds."""
        with self._idle:
            if not self._idle.wait_for(lambda: self._pending == 0, timeout):
                return False
        return self.follow_ups.wait_until_idle(timeout)

    def close(self) -> None:
        """Finish the work handed over so far; give up retries still waiting."""
        self._modals.shutdown(wait=True)
        self._answers.shutdown(wait=True)
        self.follow_ups.close()

    def _run_after_urgent(
        self, work: Callable[[], None], body: dict[str, Any], client: WebClient
    ) -> None:
        # Threads have no priorities: an answer lets modals and saves have the interpreter first.
        with self._idle:
            self._idle.wait_for(lambda: self._urgent == 0, URGENT_FIRST_FOR_AT_MOST_S)
        self._run(work, body, client)

    def _run(
        self, work: Callable[[], None], body: dict[str, Any], client: WebClient, modal: bool = False
    ) -> None:
        try:
            work()
        except Exception as error:
            # What Bolt's error handler does for a listener, done here for work it never sees.
            tell_about(error, body, client)
        finally:
            with self._idle:
                self._pending -= 1
                self._urgent -= modal
                self._idle.notify_all()
