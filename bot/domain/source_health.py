"""A source's health, when its owner hears about it, and when a pulled source is fetched next."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

FAILURES_BEFORE_FAILING = 3
FAILING_AFTER = timedelta(hours=24)
# Spreads sources that fall due together (say, all imported at once) over a few ticks.
MAX_JITTER = timedelta(minutes=5)
MAX_ERROR = 300


class HealthNotice(StrEnum):
    """What the owner is told: once when a source starts failing, once when it recovers."""

    FAILING = "failing"
    RECOVERED = "recovered"


@dataclass(frozen=True)
class SourceHealth:
    last_success_at: datetime | None = None
    last_value: float | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    failures_in_a_row: int = 0
    failing_since: datetime | None = None  # the first failure of the current run of failures
    owner_told_failing: bool = False

    @property
    def failing(self) -> bool:
        """3 failures in a row, or failures for 24 h: a blip is not worth anyone's attention."""
        if self.failures_in_a_row >= FAILURES_BEFORE_FAILING:
            return True
        if self.failing_since is None or self.last_error_at is None:
            return False
        return self.last_error_at - self.failing_since >= FAILING_AFTER

    def succeeded(self, value: float, at: datetime) -> tuple["SourceHealth", HealthNotice | None]:
        """The health after a good value; RECOVERED when the owner had been told it failed."""
        notice = HealthNotice.RECOVERED if self.owner_told_failing else None
        healthy = replace(
            self,
            last_success_at=at,
            last_value=value,
            failures_in_a_row=0,
            failing_since=None,
            owner_told_failing=False,
        )
        return healthy, notice

    def failed(self, error: str, at: datetime) -> tuple["SourceHealth", HealthNotice | None]:
        """The health after a failure; FAILING the first time a run of failures counts as one."""
        sick = replace(
            self,
            last_error=error[:MAX_ERROR],
            last_error_at=at,
            failures_in_a_row=self.failures_in_a_row + 1,
            failing_since=self.failing_since or at,
        )
        if sick.failing and not self.owner_told_failing:
            return replace(sick, owner_told_failing=True), HealthNotice.FAILING
        return sick, None


def first_due(now: datetime, every: timedelta, fraction: float) -> datetime:
    """When a new or changed source is first fetched: soon, spread by `fraction` in [0, 1)."""
    return now + min(every, MAX_JITTER) * _checked(fraction)


def next_due(now: datetime, every: timedelta, fraction: float) -> datetime:
    """When a source fetched at `now` is fetched again: `every` later, plus a little jitter.

    The jitter only ever adds time, so a source is never fetched more often than `every`."""
    return now + every + min(every / 10, MAX_JITTER) * _checked(fraction)


def _checked(fraction: float) -> float:
    if not 0 <= fraction < 1:
        raise ValueError(f"a jitter fraction is in [0, 1), not {fraction}")
    return fraction
