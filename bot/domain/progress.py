"""Key-result progress, pace and status, as PRODUCT.md "Numbers and rules" defines them."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class KRType(StrEnum):
    INCREASE_TO = "increase_to"
    DECREASE_TO = "decrease_to"
    STAY_ABOVE = "stay_above"
    STAY_BELOW = "stay_below"
    MILESTONE = "milestone"


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_CHECKIN = "no_checkin"


BEHIND_PACE_MARGIN = 0.25
_SEVERITY = {Status.ON_TRACK: 0, Status.AT_RISK: 1, Status.OFF_TRACK: 2}


@dataclass(frozen=True)
class ConfidenceBands:
    """Upper bounds (inclusive) of the red and yellow bands on the 0–10 scale."""

    off_track_max: int = 3
    at_risk_max: int = 6

    def status_of(self, confidence: int) -> Status:
        if confidence <= self.off_track_max:
            return Status.OFF_TRACK
        if confidence <= self.at_risk_max:
            return Status.AT_RISK
        return Status.ON_TRACK


def progress(kr_type: KRType, start: float, target: float, current: float) -> float:
    """Fraction 0..1 of the way from start to target."""
    if kr_type is KRType.STAY_ABOVE:
        return 1.0 if current >= target else 0.0
    if kr_type is KRType.STAY_BELOW:
        return 1.0 if current <= target else 0.0
    if kr_type is KRType.MILESTONE:
        # A milestone is done (1) or not (0); a value between counts as a percentage.
        return _clamp(current if current <= 1 else current / 100)
    if target == start:
        return 1.0 if current == target else 0.0
    return _clamp((current - start) / (target - start))


def pace(cycle_start: date, cycle_end: date, today: date) -> float:
    """Expected progress today: the elapsed fraction of the cycle."""
    total = (cycle_end - cycle_start).days + 1
    elapsed = (today - cycle_start).days + 1
    return _clamp(elapsed / total)


def is_behind_pace(progress_now: float, expected: float) -> bool:
    return progress_now < expected - BEHIND_PACE_MARGIN


def status(
    confidence: int | None, progress_now: float, expected: float, bands: ConfidenceBands
) -> Status:
    """The worse of the confidence band and the pace; no confidence means no check-in yet."""
    if confidence is None:
        return Status.NO_CHECKIN
    by_confidence = bands.status_of(confidence)
    by_pace = Status.AT_RISK if is_behind_pace(progress_now, expected) else Status.ON_TRACK
    return max(by_confidence, by_pace, key=_SEVERITY.__getitem__)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))
