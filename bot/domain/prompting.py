"""What to do next about one member's prompt for one period: wait, send, remind or give up."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo

from bot.domain.cadence import local_instant
from bot.domain.working_hours import WorkingHours

CATCH_UP_LIMIT = timedelta(hours=24)
REMIND_AFTER = timedelta(hours=24)
STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 4
RETRY_BACKOFF = timedelta(minutes=5)
_LONG_AGO = datetime.min.replace(tzinfo=UTC)
_INSTANT = timedelta(microseconds=1)
NEVER = datetime.max.replace(tzinfo=UTC)


class PromptStatus(StrEnum):
    CLAIMED = "claimed"
    SENT = "sent"
    REMINDED = "reminded"
    FAILED = "failed"
    SNOOZED = "snoozed"
    ANSWERED = "answered"
    SKIPPED = "skipped"
    MISSED = "missed"


# Prompts still waiting for an answer; they become missed when their period ends.
OPEN_STATUSES = (
    PromptStatus.CLAIMED,
    PromptStatus.SENT,
    PromptStatus.REMINDED,
    PromptStatus.FAILED,
    PromptStatus.SNOOZED,
)


class Step(StrEnum):
    WAIT = "wait"
    SEND = "send"
    REMIND = "remind"
    MISS = "miss"
    # Every key result was updated just before the prompt: the period counts as answered.
    ANSWER = "answer"


@dataclass(frozen=True, slots=True)
class PromptState:
    status: PromptStatus
    claimed_at: datetime
    attempts: int = 0
    sent_at: datetime | None = None
    reminded_at: datetime | None = None
    snoozed_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class Ownership:
    """One unarchived key result of a member: its cycle's days, and since when they own it."""

    cycle_start: date
    cycle_end: date
    since: datetime | None  # None: since before this was recorded


def owned_since(owned: list[Ownership], today: date, tz: ZoneInfo) -> datetime | None:
    """Since when the member has had a key result active on their `today`: the earliest of
    when each reached them or its cycle began (local midnight). None when none is active."""
    since = [
        max(local_instant(kr.cycle_start, time(0), tz), kr.since or _LONG_AGO)
        for kr in owned
        if kr.cycle_start <= today <= kr.cycle_end
    ]
    return min(since, default=None)


@dataclass(frozen=True)
class PromptTiming:
    """When this period's prompt is due and when the period ends, for one member."""

    due_at: datetime
    ends_at: datetime
    tz: ZoneInfo
    hours: WorkingHours
    remind_after: timedelta | None = REMIND_AFTER  # None: no reminder
    # Since when the member has had an active key result; None: since before the period.
    owner_since: datetime | None = None

    @cached_property  # shared by the owners planned alike, asked for several times each
    def ask_at(self) -> datetime:
        """When to ask: the period's prompt time (the next working day's when it falls on a
        public holiday) or, for someone who got their first active key result after it
        (imported, handed over, a cycle starting mid-week), the first working moment after
        that. Nobody is owed a prompt for a time they had nothing to answer for."""
        if self.owner_since is None or self.owner_since <= self.due_at:
            return self.hours.past_holidays(self.due_at, self.tz)
        return self.hours.earliest_from(self.owner_since, self.tz)


def next_step(
    now: datetime, state: PromptState | None, timing: PromptTiming, *, force: bool = False
) -> Step:
    """The one thing to do now; `force` (an operator's run) sends the period's prompt to
    anyone it has not reached, whatever the time."""
    if now >= timing.ends_at:
        return Step.WAIT
    if force and not reached(now, state):
        return Step.SEND
    if state is None:
        if now < timing.ask_at:
            return Step.WAIT
        # Down for longer than a day: a prompt that late would confuse more than help.
        return Step.MISS if now - timing.ask_at > CATCH_UP_LIMIT else Step.SEND
    return _for_existing(now, state, timing)


def reached(now: datetime, state: PromptState | None) -> bool:
    """Whether this period's prompt reached the member or is on its way: not when there is
    none, it failed, a crashed process left its claim, or it was recorded missed unsent."""
    if state is None or state.status is PromptStatus.FAILED:
        return False
    if state.status is PromptStatus.MISSED:
        return state.sent_at is not None
    if state.status is PromptStatus.CLAIMED:
        return now - state.claimed_at < STALE_CLAIM
    return True


def _for_existing(now: datetime, state: PromptState, timing: PromptTiming) -> Step:
    if state.status is PromptStatus.CLAIMED:
        # A claim this old was left by a process that stopped between claim and send.
        return Step.SEND if now - state.claimed_at >= STALE_CLAIM else Step.WAIT
    if state.status is PromptStatus.FAILED:
        wait = RETRY_BACKOFF * 2 ** max(0, state.attempts - 1)
        retry = state.attempts < MAX_ATTEMPTS and now - state.claimed_at >= wait
        return Step.SEND if retry else Step.WAIT
    if state.status is PromptStatus.SNOOZED:
        until = state.snoozed_until
        due = until is not None and timing.hours.past_holidays(until, timing.tz) <= now
        return Step.SEND if due else Step.WAIT
    if timing.remind_after is None:
        return Step.WAIT
    if state.status is PromptStatus.SENT and state.reminded_at is None and state.sent_at:
        remind_at = timing.hours.earliest_from(state.sent_at + timing.remind_after, timing.tz)
        return Step.REMIND if remind_at <= now < timing.ends_at else Step.WAIT
    return Step.WAIT


def next_change(now: datetime, state: PromptState | None, timing: PromptTiming) -> datetime:
    """The earliest instant after `now` at which `next_step` (unforced) may answer otherwise,
    the prompt and the member's settings staying as they are: a scheduler may skip planning
    until then. Early is harmless (it plans again and finds nothing); late would be a bug."""
    moments = [timing.ends_at, *_moments(state, timing)]
    # After the period's end: never for this timing (the next period comes with its own).
    return min((moment for moment in moments if moment > now), default=NEVER)


def _moments(state: PromptState | None, timing: PromptTiming) -> list[datetime]:
    """Where `next_step`'s answer turns, as `_for_existing` and `next_step` decide it."""
    if state is None:
        # Missed once strictly more than CATCH_UP_LIMIT late: just after that instant.
        return [timing.ask_at, timing.ask_at + CATCH_UP_LIMIT + _INSTANT]
    if state.status is PromptStatus.CLAIMED:
        return [state.claimed_at + STALE_CLAIM]
    if state.status is PromptStatus.FAILED:
        return [state.claimed_at + RETRY_BACKOFF * 2 ** max(0, state.attempts - 1)]
    if state.status is PromptStatus.SNOOZED and state.snoozed_until is not None:
        return [timing.hours.past_holidays(state.snoozed_until, timing.tz)]
    if state.status is PromptStatus.SENT and state.sent_at and timing.remind_after is not None:
        return [timing.hours.earliest_from(state.sent_at + timing.remind_after, timing.tz)]
    return []
