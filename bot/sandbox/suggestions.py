"""External selects: Slack asks the app for options as a person types, and checks the answer."""

from collections.abc import Mapping
from typing import Any

from bot.sandbox.model import Json
from bot.sandbox.webapi import limits

Offered = tuple[list[Json], list[str]]  # the options, flattened; what Slack would refuse


def offered_options(answer: Mapping[str, Any] | None) -> Offered:
    """The options in an app's answer to block_suggestion, and what Slack would refuse in it."""
    if answer is None:
        return [], ["the app answered without a JSON object of options"]
    groups = answer.get("option_groups")
    if isinstance(groups, list):
        options = [o for g in groups if isinstance(g, Mapping) for o in g.get("options") or []]
    else:
        options = answer.get("options") or []
    if not isinstance(options, list):
        return [], ["options must be a JSON array"]
    problems = [p for option in options for p in _option_problems(option)]
    if len(options) > limits.SELECT_OPTIONS:
        problems.append(f"{len(options)} options, more than {limits.SELECT_OPTIONS}")
    return ([] if problems else options), problems


def for_page(options: list[Json]) -> list[dict[str, str]]:
    """Value and label of each option, for the page's script to list."""
    return [{"value": str(o["value"]), "text": str(o["text"]["text"])} for o in options]


def _option_problems(option: object) -> list[str]:
    if not isinstance(option, Mapping):
        return ["an option must be a JSON object"]
    text, value = option.get("text"), option.get("value")
    if not isinstance(text, Mapping) or text.get("type") != "plain_text":
        return [f"option {value!r}: text must be a plain_text object"]
    if not isinstance(value, str) or not value:
        return [f"option {text.get('text')!r}: value must be a non-empty string"]
    problems = []
    if len(str(text.get("text") or "")) > limits.OPTION_TEXT_CHARS:
        problems.append(f"option text longer than {limits.OPTION_TEXT_CHARS} characters")
    if len(value) > limits.OPTION_VALUE_CHARS:
        problems.append(f"option value longer than {limits.OPTION_VALUE_CHARS} characters")
    return problems
