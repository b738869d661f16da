"""Hypotheses under key results: ICE ranking and how a bet ends."""

from enum import StrEnum

MIN_RATING, MAX_RATING = 1, 10
MAX_STATEMENT = 1000
STATEMENT_PLACEHOLDER = "If we …, then … will … by … within …"


class HypothesisStatus(StrEnum):
    OPEN = "open"
    VALIDATED = "validated"
    INVALIDATED = "invalidated"


STATUS_EMOJI = {
    HypothesisStatus.OPEN: "🧪",
    HypothesisStatus.VALIDATED: "✅",
    HypothesisStatus.INVALIDATED: "❌",
}


def ice_score(impact: int, confidence: int, ease: int) -> float:
    """The mean of the three 1–10 ratings, one decimal: 10 is a sure, big, cheap bet."""
    return round((impact + confidence + ease) / 3, 1)
