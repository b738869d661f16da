"""Retro, hypothesis and result modals: view state in, typed answers or field errors out."""

from typing import Any

from bot.domain.errors import DomainError, FieldErrors
from bot.domain.hypotheses import MAX_RATING, MAX_STATEMENT, MIN_RATING
from bot.domain.retros import MAX_TEXT, RetroReason
from bot.services.okrs.hypotheses import HypothesisDraft
from bot.services.retros.answers import RetroSubmission
from bot.slack import payload
from bot.slack.ids import RetroField, input_action_id, retro_block_id

STALE = "This form is out of date. Please open it again."


def parse_retro(view: dict[str, Any]) -> tuple[int, RetroSubmission]:
    """The retro id from private_metadata (re-checked by the service) and the answer."""
    retro_id = metadata_id(view, "retro_id")
    state = _state(view)
    errors: dict[str, str] = {}
    reason_value = payload.picked(_element(state, RetroField.REASON))
    try:
        reason = RetroReason(reason_value or "")
    except ValueError:
        errors[retro_block_id(RetroField.REASON)] = "Choose the reason that fits best."
        reason = RetroReason.OTHER
    happened = _text(state, RetroField.HAPPENED, errors, MAX_TEXT, "Say briefly what happened.")
    learned = _text(state, RetroField.LEARNED, errors, MAX_TEXT, "Share one thing we learned.")
    next_try = _text(state, RetroField.NEXT_TRY, errors, MAX_TEXT, None)
    chosen = payload.picked_all(_element(state, RetroField.ANONYMOUS))
    if errors:
        raise FieldErrors(errors)
    return retro_id, RetroSubmission(reason, happened or "", learned or "", next_try, bool(chosen))


def parse_hypothesis(view: dict[str, Any]) -> tuple[int, HypothesisDraft]:
    kr_id = metadata_id(view, "kr_id")
    state = _state(view)
    errors: dict[str, str] = {}
    statement = _text(
        state, RetroField.STATEMENT, errors, MAX_STATEMENT, "Write the hypothesis: If we …, then …"
    )
    ratings = [
        _rating(state, field, errors)
        for field in (RetroField.IMPACT, RetroField.CONFIDENCE, RetroField.EASE)
    ]
    if errors:
        raise FieldErrors(errors)
    impact, confidence, ease = (rating or 0 for rating in ratings)
    return kr_id, HypothesisDraft(statement or "", impact, confidence, ease)


def parse_result(view: dict[str, Any]) -> tuple[int, str, str]:
    """The hypothesis id, the decision (validated/invalidated) and what was found."""
    hypothesis_id = metadata_id(view, "hypothesis_id")
    status = payload.metadata(view, STALE).get("status")
    if not isinstance(status, str):
        raise DomainError(STALE)
    errors: dict[str, str] = {}
    result = _text(_state(view), RetroField.RESULT, errors, MAX_TEXT, "Say what you found.")
    if errors:
        raise FieldErrors(errors)
    return hypothesis_id, status, result or ""


def metadata_id(view: dict[str, Any], key: str) -> int:
    value = payload.metadata(view, STALE).get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DomainError(STALE)
    return value


def _state(view: dict[str, Any]) -> payload.State:
    return payload.state_values(view)


def _element(state: payload.State, field: RetroField) -> dict[str, Any]:
    return state.get(retro_block_id(field), {}).get(input_action_id(field), {})


def _text(
    state: payload.State,
    field: RetroField,
    errors: dict[str, str],
    limit: int,
    required: str | None,
) -> str | None:
    text = payload.typed(_element(state, field)).strip()
    if not text and required:
        errors[retro_block_id(field)] = required
    elif len(text) > limit:
        errors[retro_block_id(field)] = f"Please keep this under {limit} characters."
    return text or None


def _rating(state: payload.State, field: RetroField, errors: dict[str, str]) -> int | None:
    raw = payload.typed(_element(state, field)).strip()
    try:
        number = float(raw)
    except ValueError:
        number = -1.0
    if not number.is_integer() or not MIN_RATING <= number <= MAX_RATING:
        errors[retro_block_id(field)] = f"A whole number from {MIN_RATING} to {MAX_RATING}."
        return None
    return int(number)
