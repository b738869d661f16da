"""View state in, typed answers out: a check-in or a day away, or an error for each bad field."""

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.cadence import is_period_key
from bot.domain.errors import DomainError, FieldErrors
from bot.domain.text import truncate
from bot.services.checkins.results import CheckinAnswer
from bot.slack import payload
from bot.slack.ids import (
    AWAY_DATE_ACTION,
    AWAY_DATE_BLOCK,
    DONE,
    Field,
    input_action_id,
    parse_kr_block_id,
)

MAX_TEXT = 2000
MAX_ABS_VALUE = 1e12
STALE_FORM = "This check-in form is out of date. Open a new one with `/okr checkin`."


@dataclass(frozen=True)
class CheckinSubmission:
    period: str
    answers: list[CheckinAnswer]


def parse_checkin(view: dict[str, Any]) -> CheckinSubmission:
    """Read the check-in modal; raise FieldErrors naming every bad field at once."""
    period = _period(view)
    fields: dict[int, dict[Field, tuple[str, dict[str, Any]]]] = {}
    for block_id, elements in payload.state_values(view).items():
        parsed = parse_kr_block_id(block_id)
        if parsed is None:
            continue
        kr_id, field = parsed
        fields.setdefault(kr_id, {})[field] = (block_id, elements.get(input_action_id(field), {}))
    errors: dict[str, str] = {}
    answers = []
    for kr_id, inputs in fields.items():
        answer = _answer(kr_id, inputs, errors)
        if answer is not None:
            answers.append(answer)
    if errors:
        raise FieldErrors(errors)
    if not answers:
        raise DomainError(STALE_FORM)
    return CheckinSubmission(period, answers)


def _answer(
    kr_id: int, inputs: dict[Field, tuple[str, dict[str, Any]]], errors: dict[str, str]
) -> CheckinAnswer | None:
    if Field.VALUE not in inputs or Field.CONFIDENCE not in inputs:
        return None
    value = _value(*inputs[Field.VALUE], errors)
    confidence = _confidence(*inputs[Field.CONFIDENCE], errors)
    note = _text(inputs.get(Field.NOTE), errors)
    blocker = _text(inputs.get(Field.BLOCKER), errors)
    if value is None or confidence is None:
        return None
    return CheckinAnswer(kr_id, value, confidence, note, blocker)


def _value(block_id: str, element: dict[str, Any], errors: dict[str, str]) -> float | None:
    if element.get("type") == "checkboxes":
        return 1.0 if DONE in payload.picked_all(element) else 0.0
    raw = payload.typed(element).strip()
    if not raw:
        errors[block_id] = "Enter the current value as a number."
        return None
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        errors[block_id] = f"“{truncate(raw, 40)}” is not a number. Use digits, like 12 or 3.5."
        return None
    if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
        errors[block_id] = "That number is out of range."
        return None
    return value


def _confidence(block_id: str, element: dict[str, Any], errors: dict[str, str]) -> int | None:
    raw = payload.typed(element).strip()
    try:
        number = float(raw)
    except ValueError:
        errors[block_id] = "Confidence is a whole number from 0 to 10."
        return None
    if not number.is_integer() or not 0 <= number <= 10:
        errors[block_id] = "Confidence is a whole number from 0 to 10."
        return None
    return int(number)


def _text(entry: tuple[str, dict[str, Any]] | None, errors: dict[str, str]) -> str | None:
    if entry is None:
        return None
    block_id, element = entry
    text = payload.typed(element).strip()
    if len(text) > MAX_TEXT:
        errors[block_id] = f"Please keep this under {MAX_TEXT} characters."
        return None
    return text or None


def _period(view: dict[str, Any]) -> str:
    period = payload.metadata(view, STALE_FORM).get("period")
    if not isinstance(period, str) or not is_period_key(period):
        raise DomainError(STALE_FORM)
    return period


def away_until(view: dict[str, Any]) -> date:
    """The *I'm away* modal's last day away."""
    picked = payload.state_values(view).get(AWAY_DATE_BLOCK, {}).get(AWAY_DATE_ACTION, {})
    raw = picked.get("selected_date")
    try:
        return date.fromisoformat(raw if isinstance(raw, str) else "")
    except ValueError:
        raise FieldErrors({AWAY_DATE_BLOCK: "Pick a date."}) from None
