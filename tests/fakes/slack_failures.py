"""What the fake Slack is told to fail: a method always, some times, or chosen call by call."""

from collections.abc import Callable
from dataclasses import dataclass

from tests.fakes.slack_files import Body
from tests.fakes.slack_http import Answer, slack_error

Predicate = Callable[[Body], bool]
# Chooses how to answer a call: an HTTP status to fail with, DROP, or None to answer normally.
Chooser = Callable[[Body], int | None]


@dataclass
class _Failure:
    method: str
    error: str
    status: int
    retry_after: int | None
    when: Predicate | None
    remaining: int | None  # None: forever
    delay: float = 0.0


class Failures:
    """Choosers first, then failures in the order they were set; not thread-safe on its own."""

    def __init__(self) -> None:
        self._failures: list[_Failure] = []
        self._choosers: list[tuple[str, Chooser]] = []

    def add(
        self,
        method: str,
        error: str,
        status: int,
        *,
        retry_after: int | None = None,
        when: Predicate | None = None,
        times: int | None = None,
        delay: float = 0.0,
    ) -> None:
        self._failures.append(_Failure(method, error, status, retry_after, when, times, delay))

    def choose(self, method: str, chooser: Chooser) -> None:
        self._choosers.append((method, chooser))

    def answer(self, method: str, body: Body) -> Answer | None:
        """The failure this call meets, counting it down; None when it is answered normally."""
        for chosen_for, choose in self._choosers:
            if chosen_for == method and (status := choose(body)) is not None:
                code = "ratelimited" if status == 429 else "internal_error"
                return Answer(status, slack_error(code), 1 if status == 429 else None)
        for failure in self._failures:
            if failure.method != method or failure.remaining == 0:
                continue
            if failure.when is None or failure.when(body):
                if failure.remaining is not None:
                    failure.remaining -= 1
                return Answer(
                    failure.status, slack_error(failure.error), failure.retry_after, failure.delay
                )
        return None
