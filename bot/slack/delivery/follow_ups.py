"""Slack calls that follow a saved answer: a failure is logged and retried later, never shown."""

import heapq
import itertools
import logging
import random
import threading
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from bot.slack.delivery.sender import retry_after_of

log = logging.getLogger(__name__)

# Seconds before each retry, some 9 minutes in all; Slack's Retry-After wins when it asks for
# longer. A burst of check-ins can meet chat.update's limit (Tier 3, about 50 a minute).
RETRY_DELAYS_S = (2.0, 10.0, 30.0, 60.0, 120.0, 300.0)


class FollowUps:
    """Runs a follow-up (a receipt's chat.update, a Home publish) at once on the caller's thread;
    if it fails, one background thread tries it again later, so no listener ever waits."""

    def __init__(self, delays: tuple[float, ...] = RETRY_DELAYS_S) -> None:
        self._delays = delays
        self._due: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._busy = False

    def run(self, what: str, call: Callable[[], object]) -> None:
        """Call now; `what` names it in the log (never the person or what they wrote)."""
        self._attempt(what, call, 0)

    def wait_until_idle(self, timeout: float) -> bool:
        """Whether every retry was made (or given up) within `timeout` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._due and not self._busy, timeout)

    def close(self) -> None:
        """Stop retrying; retries still waiting are given up (and logged)."""
        with self._changed:
            self._closed = True
            if self._due:
                log.warning("%d follow-up retr(ies) given up at shutdown", len(self._due))
            self._due.clear()
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _attempt(self, what: str, call: Callable[[], object], failures: int) -> None:
        try:
            call()
        except Exception as error:
            reason = _reason(error)
            if failures >= len(self._delays):
                log.error("%s failed %d times (%s); given up", what, failures + 1, reason)
                return
            # Spread out, so that calls refused together are not all tried again together.
            spread = random.uniform(1.0, 1.5)  # noqa: S311 -- timing, not secrecy
            delay = max(self._delays[failures] * spread, _asked_delay(error))
            # Slack's refusals are expected now and then; anything else deserves its traceback.
            trace = None if isinstance(error, SlackApiError) else error
            log.warning(
                "%s failed (%s); trying again in %.1f s", what, reason, delay, exc_info=trace
            )
            self._later(delay, lambda: self._attempt(what, call, failures + 1))

    def _later(self, delay: float, job: Callable[[], None]) -> None:
        with self._changed:
            if self._closed:
                return
            heapq.heappush(self._due, (time.monotonic() + delay, next(self._order), job))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._serve, name="follow-up-retries", daemon=True
                )
                self._thread.start()
            self._changed.notify_all()

    def _serve(self) -> None:
        while True:
            with self._changed:
                while not self._closed and (not self._due or self._due[0][0] > time.monotonic()):
                    wait = self._due[0][0] - time.monotonic() if self._due else None
                    self._changed.wait(wait)
                if self._closed:
                    return
                _, _, job = heapq.heappop(self._due)
                self._busy = True
            try:
                job()
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()


def _reason(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or f"HTTP {error.response.status_code}")
    return type(error).__name__


def _asked_delay(error: Exception) -> float:
    if isinstance(error, SlackApiError) and error.response.status_code == 429:
        return retry_after_of(error.response)
    return 0.0
