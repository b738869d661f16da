"""What Slack's own client checks before it sends a modal: required fields, numbers, lengths."""

from collections.abc import Mapping
from typing import Any

from bot.sandbox.model import Json

REQUIRED = "Please complete this required field."


def client_errors(blocks: list[Json], values: Mapping[str, Mapping[str, Json]]) -> dict[str, str]:
    """Errors by block_id; Slack shows them on the fields and never sends the submission."""
    errors: dict[str, str] = {}
    for block in blocks:
        element = block.get("element")
        if block.get("type") != "input" or not isinstance(element, Mapping):
            continue
        block_id = str(block.get("block_id"))
        entry = values.get(block_id, {}).get(str(element.get("action_id")), {})
        problem = _problem(element, entry, optional=bool(block.get("optional")))
        if problem:
            errors[block_id] = problem
    return errors


def _problem(element: Mapping[str, Any], entry: Json, *, optional: bool) -> str | None:
    if _empty(entry):
        return None if optional else REQUIRED
    kind = element.get("type")
    value = entry.get("value")
    if kind == "number_input" and isinstance(value, str):
        return _number_problem(element, value)
    if kind == "plain_text_input" and isinstance(value, str):
        low, high = element.get("min_length"), element.get("max_length")
        if isinstance(low, int) and len(value) < low:
            return f"Please enter at least {low} characters."
        if isinstance(high, int) and len(value) > high:
            return f"Please enter no more than {high} characters."
    return None


def _number_problem(element: Mapping[str, Any], text: str) -> str | None:
    try:
        number = float(text.strip())
    except ValueError:
        return "Please enter a number."
    if not element.get("is_decimal_allowed") and not number.is_integer():
        return "Please enter a whole number."
    low, high = element.get("min_value"), element.get("max_value")
    if low is not None and number < float(low):
        return f"Please enter a number that is {low} or more."
    if high is not None and number > float(high):
        return f"Please enter a number that is {high} or less."
    return None


def _empty(entry: Json) -> bool:
    chosen = [v for k, v in entry.items() if k != "type"]
    return all(v is None or v == [] or v == "" for v in chosen)
