"""`next_change` is never late: until the instant it names, `next_step` answers as it did."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.prompting import PromptState, PromptStatus, PromptTiming, next_change, next_step
from bot.domain.working_hours import WorkingHours

NEW_YORK = ZoneInfo("America/New_York")
HOLIDAY = WorkingHours(closed=frozenset({date(2026, 11, 26)}))  # Thanksgiving, a Thursday
DUE = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday 10:00 in New York, 2026-W48
ENDS = datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
EARLIER = DUE - timedelta(hours=2)

TIMINGS = [
    PromptTiming(DUE, ENDS, NEW_YORK, WorkingHours()),
    PromptTiming(DUE, ENDS, NEW_YORK, HOLIDAY, remind_after=timedelta(hours=24)),
    PromptTiming(DUE, ENDS, NEW_YORK, WorkingHours(), remind_after=None),
    PromptTiming(DUE, ENDS, NEW_YORK, WorkingHours(), owner_since=DUE + timedelta(days=2, hours=9)),
]
STATES = [
    None,
    PromptState(PromptStatus.CLAIMED, DUE),
    PromptState(PromptStatus.SENT, DUE, 1, sent_at=DUE),
    PromptState(PromptStatus.SENT, DUE, 1, sent_at=DUE, reminded_at=DUE + timedelta(days=1)),
    PromptState(PromptStatus.FAILED, DUE, 2),
    PromptState(PromptStatus.FAILED, DUE, 4),
    PromptState(PromptStatus.SNOOZED, DUE, 1, DUE, snoozed_until=DUE + timedelta(days=3)),
    PromptState(PromptStatus.REMINDED, DUE, 1, DUE, DUE + timedelta(days=1)),
    PromptState(PromptStatus.ANSWERED, DUE),
    PromptState(PromptStatus.MISSED, DUE),
]


@pytest.mark.parametrize("timing", TIMINGS)
@pytest.mark.parametrize("state", STATES)
def test_the_step_holds_until_the_next_change(
    timing: PromptTiming, state: PromptState | None
) -> None:
    now = EARLIER
    while now < ENDS + timedelta(hours=1):
        step, wake = next_step(now, state, timing), next_change(now, state, timing)
        assert wake > now
        moment = now + timedelta(minutes=7)
        while moment < wake and moment < ENDS + timedelta(hours=1):
            assert next_step(moment, state, timing) is step, (now, moment, wake)
            moment += timedelta(minutes=7)
        now = max(wake, now + timedelta(minutes=53))
