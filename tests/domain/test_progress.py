"""Progress, pace and status follow PRODUCT.md's numbers and rules."""

from datetime import date

import pytest

from bot.domain.progress import ConfidenceBands, KRType, Status, pace, progress, status

BANDS = ConfidenceBands()


@pytest.mark.parametrize(
    ("kr_type", "start", "target", "current", "expected"),
    [
        (KRType.INCREASE_TO, 2, 3, 2.5, 0.5),
        (KRType.INCREASE_TO, 2, 3, 1, 0.0),
        (KRType.INCREASE_TO, 2, 3, 4, 1.0),
        (KRType.DECREASE_TO, 8, 5, 7, 1 / 3),
        (KRType.DECREASE_TO, 8, 5, 9, 0.0),
        (KRType.STAY_ABOVE, 0, 99.9, 99.95, 1.0),
        (KRType.STAY_ABOVE, 0, 99.9, 99.8, 0.0),
        (KRType.STAY_BELOW, 0, 200, 180, 1.0),
        (KRType.STAY_BELOW, 0, 200, 201, 0.0),
        (KRType.MILESTONE, 0, 1, 1, 1.0),
        (KRType.MILESTONE, 0, 1, 0, 0.0),
        (KRType.MILESTONE, 0, 1, 40, 0.4),
    ],
)
def test_progress(
    kr_type: KRType, start: float, target: float, current: float, expected: float
) -> None:
    assert progress(kr_type, start, target, current) == pytest.approx(expected)


def test_pace_is_the_elapsed_fraction_of_the_cycle() -> None:
    start, end = date(2026, 10, 1), date(2026, 12, 31)
    assert pace(start, end, date(2026, 9, 1)) == 0.0
    assert pace(start, end, date(2026, 11, 15)) == pytest.approx(46 / 92)
    assert pace(start, end, date(2027, 1, 5)) == 1.0


@pytest.mark.parametrize(
    ("confidence", "done", "expected_pace", "expected"),
    [
        (8, 0.5, 0.5, Status.ON_TRACK),
        (3, 0.9, 0.5, Status.OFF_TRACK),
        (5, 0.9, 0.5, Status.AT_RISK),
        (9, 0.2, 0.5, Status.AT_RISK),  # behind pace: progress < pace − 0.25
        (9, 0.26, 0.5, Status.ON_TRACK),
        (2, 0.0, 0.9, Status.OFF_TRACK),  # the worse of the two
        (None, 0.0, 0.5, Status.NO_CHECKIN),
    ],
)
def test_status_is_the_worse_of_confidence_band_and_pace(
    confidence: int | None, done: float, expected_pace: float, expected: Status
) -> None:
    assert status(confidence, done, expected_pace, BANDS) is expected


def test_confidence_bands_are_configurable() -> None:
    strict = ConfidenceBands(off_track_max=4, at_risk_max=7)
    assert [strict.status_of(c) for c in (4, 5, 7, 8)] == [
        Status.OFF_TRACK,
        Status.AT_RISK,
        Status.AT_RISK,
        Status.ON_TRACK,
    ]
