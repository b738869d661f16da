"""Needs attention: off track, behind pace, a fall of three points or into red."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.attention import Concern, concerns
from bot.domain.cadence import current_period
from bot.domain.digest_schedule import (
    DEFAULT_DIGEST_CADENCE,
    digest_time,
    previous_period,
    week_of_cycle,
)
from bot.domain.progress import ConfidenceBands

BANDS = ConfidenceBands()


@pytest.mark.parametrize(
    ("confidence", "previous", "progress", "expected", "found"),
    [
        (8, 8, 0.5, 0.5, ()),
        (None, 8, 0.0, 0.9, ()),
        (3, None, 0.5, 0.5, (Concern.OFF_TRACK,)),
        (3, 4, 0.5, 0.5, (Concern.INTO_RED,)),
        (2, 8, 0.5, 0.5, (Concern.INTO_RED, Concern.CONFIDENCE_DROP)),
        (5, 8, 0.5, 0.5, (Concern.CONFIDENCE_DROP,)),
        (6, 8, 0.5, 0.5, ()),
        (2, 3, 0.5, 0.5, (Concern.OFF_TRACK,)),
        (7, 7, 0.2, 0.5, (Concern.BEHIND_PACE,)),
        (7, 7, 0.25, 0.5, ()),
        (1, 9, 0.0, 1.0, (Concern.INTO_RED, Concern.CONFIDENCE_DROP, Concern.BEHIND_PACE)),
    ],
)
def test_concerns(
    confidence: int | None,
    previous: int | None,
    progress: float,
    expected: float,
    found: tuple[Concern, ...],
) -> None:
    assert concerns(confidence, previous, progress, expected, BANDS) == found


def test_the_digest_is_due_on_friday_at_three_in_the_teams_zone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert digest_time("2026-W47", DEFAULT_DIGEST_CADENCE, berlin) == datetime(
        2026, 11, 20, 14, 0, tzinfo=UTC
    )
    # Sunday night in Berlin is still that week; Monday has begun a new one, due next Friday.
    assert current_period(datetime(2026, 11, 22, 22, 0, tzinfo=UTC), berlin) == "2026-W47"
    assert current_period(datetime(2026, 11, 22, 23, 30, tzinfo=UTC), berlin) == "2026-W48"


def test_previous_period_crosses_years() -> None:
    assert previous_period("2026-W47") == "2026-W46"
    assert previous_period("2027-W01") == "2026-W53"


def test_week_of_cycle() -> None:
    q4 = (date(2026, 10, 1), date(2026, 12, 31))
    assert week_of_cycle(*q4, "2026-W40") == (1, 14)
    assert week_of_cycle(*q4, "2026-W47") == (8, 14)
    assert week_of_cycle(*q4, "2026-W53") == (14, 14)
    assert week_of_cycle(*q4, "2027-W02") == (14, 14)
    assert week_of_cycle(*q4, "2026-W30") == (1, 14)
