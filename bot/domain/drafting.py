"""What a drafted objective or key result may hold: limits, choices and value rules."""

from enum import StrEnum

from bot.domain.progress import KRType

MAX_KEY_RESULTS = 5
MAX_TITLE = 300
MAX_DESCRIPTION = 2000
MAX_UNIT = 40
MAX_ABS_VALUE = 1e12
# PRODUCT.md "Concepts": the tags an objective may carry.
TAGS = ("customer", "learning", "sustainability", "privacy", "experimentation", "localization")


class ObjectiveKind(StrEnum):
    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Indicator(StrEnum):
    LEADING = "leading"
    LAGGING = "lagging"


def values_problem(kr_type: KRType, start: float, target: float) -> str | None:
    """Why these start and target values cannot measure progress, or None when they can."""
    if kr_type in (KRType.INCREASE_TO, KRType.DECREASE_TO) and start == target:
        return "The target equals the start value, so there is no progress to make."
    if kr_type is KRType.INCREASE_TO and target < start:
        return "For “increase to”, the target is above the start value; or pick “decrease to”."
    if kr_type is KRType.DECREASE_TO and target > start:
        return "For “decrease to”, the target is below the start value; or pick “increase to”."
    return None


def text_problem(text: str, limit: int, *, required: bool) -> str | None:
    if required and not text.strip():
        return "Please fill this in."
    if len(text) > limit:
        return f"Please keep this under {limit} characters."
    return None


def tags_text(tags: list[str]) -> str | None:
    """Tags as stored: known ones only, lower case, comma-separated, in the list's order."""
    chosen = [tag for tag in TAGS if tag in {t.strip().lower() for t in tags}]
    return ",".join(chosen) or None


def tags_of(stored: str | None) -> list[str]:
    return [tag for tag in (stored or "").split(",") if tag in TAGS]
