"""Why a key result needs attention in a digest: off track, behind pace, confidence falling."""

from enum import StrEnum

from bot.domain.progress import ConfidenceBands, is_behind_pace

CONFIDENCE_DROP = 3


class Concern(StrEnum):
    INTO_RED = "into_red"
    CONFIDENCE_DROP = "confidence_drop"
    OFF_TRACK = "off_track"
    BEHIND_PACE = "behind_pace"
    SOURCE_FAILING = "source_failing"  # its data source has failed long enough to say so


def concerns(
    confidence: int | None,
    previous_confidence: int | None,
    progress_now: float,
    expected: float,
    bands: ConfidenceBands,
) -> tuple[Concern, ...]:
    """Every reason to look at this KR, gravest first; none before its first check-in."""
    if confidence is None:
        return ()
    red = confidence <= bands.off_track_max
    found: list[Concern] = []
    if previous_confidence is not None:
        if red and previous_confidence > bands.off_track_max:
            found.append(Concern.INTO_RED)
        if previous_confidence - confidence >= CONFIDENCE_DROP:
            found.append(Concern.CONFIDENCE_DROP)
    # A fall into red already says the KR is off track; saying it twice adds nothing.
    if red and Concern.INTO_RED not in found:
        found.append(Concern.OFF_TRACK)
    if is_behind_pace(progress_now, expected):
        found.append(Concern.BEHIND_PACE)
    return tuple(found)
