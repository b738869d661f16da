"""When a team's weekly digest is due, whether it is still owed, and which week of its cycle
a period is."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.cadence import (
    Cadence,
    period_bounds,
    period_key,
    period_on,
    prompt_instant,
)

FRIDAY = 4
DEFAULT_DIGEST_CADENCE = Cadence(weekday=FRIDAY, at=time(15, 0))
# A digest more than a day late would report a week everyone has moved on from.
CATCH_UP_LIMIT = timedelta(hours=24)
# A claim this old was left by a process that stopped between claim and post.
STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=10)


class DigestStatus(StrEnum):
    CLAIMED = "claimed"
    POSTED = "posted"
    FAILED = "failed"
    SKIPPED = "skipped"


class DigestStep(StrEnum):
    WAIT = "wait"
    POST = "post"
    SKIP = "skip"


@dataclass(frozen=True)
class DigestClaim:
    status: DigestStatus
    claimed_at: datetime
    attempts: int = 0


def digest_time(period: str, cadence: Cadence, tz: ZoneInfo) -> datetime:
    """The aware instant at which a team in `tz` gets this period's digest."""
    return prompt_instant(cadence, period_on(cadence, period_bounds(period)[0]), tz)


def previous_period(period: str) -> str:
    monday, _ = period_bounds(period)
    return period_key(monday - timedelta(days=7))


def week_of_cycle(start: date, end: date, period: str) -> tuple[int, int]:
    """(N, M): the period is week N of the M ISO weeks the cycle touches, N kept within 1..M."""
    first_monday = start - timedelta(days=start.weekday())
    total = (end - first_monday).days // 7 + 1
    monday, _ = period_bounds(period)
    return min(total, max(1, (monday - first_monday).days // 7 + 1)), total


def first_step(now: datetime, due_at: datetime, content_since: datetime | None) -> DigestStep:
    """What to do about a digest nobody has claimed yet, on the scheduler's tick.

    `content_since` is when the team's first key result of the running cycle was there (made,
    or its cycle began); None when it has none. A digest is owed only if they were there when
    it fell due, so a team's first digest is never a stale one posted before anyone could
    check in; and it goes out at most a day late (after downtime), else it is skipped.
    """
    if now < due_at or content_since is None:
        return DigestStep.WAIT
    if content_since > due_at or now - due_at > CATCH_UP_LIMIT:
        return DigestStep.SKIP
    return DigestStep.POST


def may_retake(now: datetime, claim: DigestClaim, *, force: bool) -> bool:
    """Whether to take over an existing claim and post: a failure once its backoff has passed
    (at once when `force`d by a person or an operator), a skipped digest only when forced, and
    a claim left by a process that stopped. Never a posted digest."""
    if claim.status is DigestStatus.FAILED:
        backoff = RETRY_AFTER * (1 << max(0, claim.attempts - 1))
        return force or (claim.attempts < MAX_ATTEMPTS and now - claim.claimed_at >= backoff)
    if claim.status is DigestStatus.SKIPPED:
        return force
    if claim.status is DigestStatus.CLAIMED:
        return now - claim.claimed_at >= STALE_CLAIM
    return False
