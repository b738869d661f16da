"""Retro rules: what starts one, the reasons people pick, and how long each step waits."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot.domain.progress import ConfidenceBands, Status

DROP_POINTS = 3  # a fall of this many confidence points in one check-in asks for a mini-retro
REMIND_AFTER = timedelta(days=3)
REMIND_UNTIL = timedelta(days=7)  # a reminder any later than this would only be noise
DIGEST_AFTER_CLOSE = timedelta(days=7)  # the retro digest goes out by then, answers in or not
LOOK_BACK = timedelta(days=60)  # closed cycles and retros older than this are left alone
MAX_ATTEMPTS = 5
MAX_TEXT = 2000


class RetroTrigger(StrEnum):
    CYCLE_CLOSE = "cycle_close"
    OFF_TRACK = "off_track"
    CONFIDENCE_DROP = "confidence_drop"
    ON_DEMAND = "on_demand"


class RetroReason(StrEnum):
    TOO_AMBITIOUS = "too_ambitious"
    WRONG_HYPOTHESIS = "wrong_hypothesis"
    DEPENDENCY = "dependency"
    PRIORITIES = "priorities"
    CAPACITY = "capacity"
    MEASUREMENT = "measurement"
    EXTERNAL = "external"
    OTHER = "other"


REASON_LABEL = {
    RetroReason.TOO_AMBITIOUS: "Target too ambitious",
    RetroReason.WRONG_HYPOTHESIS: "Wrong hypothesis",
    RetroReason.DEPENDENCY: "Dependency or blocker",
    RetroReason.PRIORITIES: "Priorities changed",
    RetroReason.CAPACITY: "Capacity",
    RetroReason.MEASUREMENT: "Measurement problem",
    RetroReason.EXTERNAL: "External factors",
    RetroReason.OTHER: "Other",
}


class RequestStatus(StrEnum):
    CLAIMED = "claimed"
    SENT = "sent"
    REMINDED = "reminded"
    ANSWERED = "answered"
    FAILED = "failed"


@dataclass(frozen=True)
class CheckinPoint:
    period: str
    confidence: int


@dataclass(frozen=True)
class Trigger:
    kind: RetroTrigger
    key: str  # unique per key result: the same trigger never asks twice


def close_trigger(cycle_id: int) -> Trigger:
    return Trigger(RetroTrigger.CYCLE_CLOSE, f"close:{cycle_id}")


def ask_trigger(period: str) -> Trigger:
    return Trigger(RetroTrigger.ON_DEMAND, f"ask:{period}")


def checkin_triggers(latest_first: Sequence[CheckinPoint], bands: ConfidenceBands) -> list[Trigger]:
    """Triggers of a KR's latest check-in: off track twice in a row, or a fall of 3+ points."""
    if len(latest_first) < 2:
        return []
    latest, before = latest_first[0], latest_first[1]
    found = []
    if before.confidence - latest.confidence >= DROP_POINTS:
        found.append(Trigger(RetroTrigger.CONFIDENCE_DROP, f"drop:{latest.period}"))
    if all(bands.status_of(p.confidence) is Status.OFF_TRACK for p in (latest, before)):
        found.append(Trigger(RetroTrigger.OFF_TRACK, f"offtrack:{latest.period}"))
    return found


def trigger_period(key: str) -> str:
    """The period or cycle id after the colon: `drop:2026-W47` → `2026-W47`."""
    return key.partition(":")[2]
