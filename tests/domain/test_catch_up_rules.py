"""Who is owed a prompt or a digest after a late start, and what an operator's run resends."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.cadence import zone
from bot.domain.digest_schedule import (
    DigestClaim,
    DigestStatus,
    DigestStep,
    first_step,
    may_retake,
)
from bot.domain.prompting import (
    Ownership,
    PromptState,
    PromptStatus,
    PromptTiming,
    Step,
    next_step,
    owned_since,
)
from bot.domain.working_hours import WorkingHours

BERLIN = zone("Europe/Berlin", "UTC")
DUE = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # Monday 10:00 in Berlin, 2026-W47
ENDS = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # the Sunday midnight after


def _timing(owner_since: datetime | None = None) -> PromptTiming:
    return PromptTiming(DUE, ENDS, BERLIN, WorkingHours(), owner_since=owner_since)


def _at(day: int, hour: int) -> datetime:
    """That day of 2026-W47 (0 = Monday) at that hour in Berlin."""
    return DUE + timedelta(days=day, hours=hour - 10)


def test_an_owner_since_before_the_prompt_time_is_asked_then_and_missed_a_day_after() -> None:
    timing = _timing(DUE - timedelta(days=30))
    assert next_step(_at(0, 9), None, timing) is Step.WAIT
    assert next_step(_at(1, 10), None, timing) is Step.SEND
    assert next_step(_at(1, 11), None, timing) is Step.MISS


@pytest.mark.parametrize(
    ("got_it", "asked"),
    [
        (_at(2, 14), _at(2, 14)),  # Wednesday afternoon: at once
        (_at(3, 20), _at(4, 9)),  # Thursday evening: Friday 09:00
        (_at(4, 19), None),  # Friday evening: next Monday is next week's, so never
        (_at(5, 12), None),  # Saturday
    ],
)
def test_someone_who_got_a_key_result_later_is_asked_at_the_next_working_moment(
    got_it: datetime, asked: datetime | None
) -> None:
    timing = _timing(got_it)
    assert next_step(got_it - timedelta(minutes=1), None, timing) is Step.WAIT
    if asked is None:
        assert next_step(ENDS - timedelta(minutes=1), None, timing) is Step.WAIT
        return
    assert next_step(asked - timedelta(minutes=1), None, timing) is Step.WAIT
    assert next_step(asked, None, timing) is Step.SEND
    # A day after that moment, as after downtime, it is too late: missed.
    assert next_step(asked + timedelta(hours=25), None, timing) is Step.MISS


def test_owned_since_is_the_earliest_active_key_result_or_its_cycle_start() -> None:
    legacy = Ownership(date(2026, 10, 1), date(2026, 12, 31), None)
    new = Ownership(date(2026, 10, 1), date(2026, 12, 31), _at(2, 14))
    later_cycle = Ownership(date(2027, 1, 1), date(2027, 3, 31), _at(0, 8))
    today = date(2026, 11, 18)

    assert owned_since([new, later_cycle], today, BERLIN) == _at(2, 14)
    assert owned_since([new, legacy], today, BERLIN) == datetime(2026, 9, 30, 22, tzinfo=UTC)
    assert owned_since([later_cycle], today, BERLIN) is None


SENT = PromptState(PromptStatus.SENT, DUE, 1, sent_at=DUE)
UNREACHED = {
    "none": None,
    "failed, backing off": PromptState(PromptStatus.FAILED, _at(2, 11), 4),
    "missed unsent": PromptState(PromptStatus.MISSED, _at(2, 11)),
    "left by a crash": PromptState(PromptStatus.CLAIMED, _at(2, 11)),
}
REACHED = {
    "sent": SENT,
    "answered": PromptState(PromptStatus.ANSWERED, DUE),
    "away": PromptState(PromptStatus.SKIPPED, DUE),
    "missed after sending": PromptState(PromptStatus.MISSED, DUE, 1, sent_at=DUE),
    "being sent": PromptState(PromptStatus.CLAIMED, _at(2, 11) + timedelta(minutes=55)),
}


@pytest.mark.parametrize("state", UNREACHED.values(), ids=UNREACHED.keys())
def test_an_operators_run_sends_to_whoever_the_prompt_has_not_reached(
    state: PromptState | None,
) -> None:
    assert next_step(_at(2, 12), state, _timing(), force=True) is Step.SEND


@pytest.mark.parametrize("state", REACHED.values(), ids=REACHED.keys())
def test_an_operators_run_sends_nothing_twice(state: PromptState) -> None:
    assert next_step(_at(2, 12), state, _timing(), force=True) is not Step.SEND


FRIDAY_15 = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "since", "step"),
    [
        (FRIDAY_15 - timedelta(minutes=1), FRIDAY_15 - timedelta(days=9), DigestStep.WAIT),
        (FRIDAY_15, FRIDAY_15 - timedelta(days=9), DigestStep.POST),
        (FRIDAY_15 + timedelta(hours=24), FRIDAY_15 - timedelta(days=9), DigestStep.POST),
        (FRIDAY_15 + timedelta(hours=25), FRIDAY_15 - timedelta(days=9), DigestStep.SKIP),
        (FRIDAY_15 + timedelta(hours=3), FRIDAY_15 + timedelta(hours=2), DigestStep.SKIP),
        (FRIDAY_15 + timedelta(hours=3), None, DigestStep.WAIT),
    ],
    ids=["before", "on time", "a day late", "over a day late", "nothing then", "nothing"],
)
def test_a_digest_is_owed_if_the_key_results_were_there_and_at_most_a_day_late(
    now: datetime, since: datetime | None, step: DigestStep
) -> None:
    assert first_step(now, FRIDAY_15, since) is step


def test_which_digest_claims_may_be_taken_over() -> None:
    now = FRIDAY_15 + timedelta(hours=1)
    failed = DigestClaim(DigestStatus.FAILED, now - timedelta(minutes=5), 1)
    assert not may_retake(now, failed, force=False)  # backing off
    assert may_retake(now + timedelta(minutes=5), failed, force=False)
    assert may_retake(now, failed, force=True)
    skipped = DigestClaim(DigestStatus.SKIPPED, now)
    assert (may_retake(now, skipped, force=False), may_retake(now, skipped, force=True)) == (
        False,
        True,
    )
    crashed = DigestClaim(DigestStatus.CLAIMED, now - timedelta(minutes=10))
    assert may_retake(now, crashed, force=False)
    assert not may_retake(now, DigestClaim(DigestStatus.CLAIMED, now), force=True)
    assert not may_retake(now, DigestClaim(DigestStatus.POSTED, now), force=True)
