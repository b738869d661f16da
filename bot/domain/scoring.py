"""End-of-cycle scores: 0.0–1.0 per key result, the mean per objective, read by band."""

from collections.abc import Sequence
from enum import StrEnum

SUCCESS_AT = 0.7  # an aspirational OKR scoring this or more is a success
PARTIAL_AT = 0.4
RETRO_BELOW = 0.7  # default: a KR scored below this gets a retro when the cycle closes


class ScoreBand(StrEnum):
    SUCCESS = "success"
    PARTIAL = "partial"
    MISSED = "missed"


BAND_EMOJI = {ScoreBand.SUCCESS: "🟢", ScoreBand.PARTIAL: "🟡", ScoreBand.MISSED: "🔴"}


def score_band(score: float) -> ScoreBand:
    if score >= SUCCESS_AT:
        return ScoreBand.SUCCESS
    if score >= PARTIAL_AT:
        return ScoreBand.PARTIAL
    return ScoreBand.MISSED


def rounded_score(value: float) -> float:
    """Scores keep two decimals: enough to grade by, no false precision (0.68, not 0.6833)."""
    return round(min(1.0, max(0.0, value)), 2)


def objective_score(kr_scores: Sequence[float | None]) -> float | None:
    """The mean of the key results' scores; None until every one has a score."""
    if not kr_scores or any(score is None for score in kr_scores):
        return None
    return rounded_score(sum(score for score in kr_scores if score is not None) / len(kr_scores))


def looks_sandbagged(kr_scores: Sequence[float | None]) -> bool:
    """Every key result at 1.0 (and at least three of them) hints the targets were safe bets."""
    return len(kr_scores) >= 3 and all(score == 1.0 for score in kr_scores)


def format_score(score: float) -> str:
    """`🟢 0.7`, `🟡 0.65`, `🔴 0.0`: the band's colour and the score as people write it."""
    text = f"{score:.2f}"
    return f"{BAND_EMOJI[score_band(score)]} {text[:-1] if text.endswith('0') else text}"
