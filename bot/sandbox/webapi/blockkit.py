"""Block Kit as Slack checks it: slack-sdk's models, plus the limits those models leave out."""

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.sandbox.webapi import limits

Node = Mapping[str, Any]
CHOICES = ("checkboxes", "radio_buttons")
SELECTS_WITH_OPTIONS = ("static_select", "multi_static_select", "overflow", *CHOICES)


def message_problems(blocks: object) -> list[str]:
    """What Slack would refuse in a message's blocks, one readable line each."""
    problems: list[str] = []
    if blocks is None:
        return problems
    if not isinstance(blocks, list):
        return ["blocks must be a JSON array of block objects"]
    if len(blocks) > limits.MESSAGE_BLOCKS:
        problems.append(f"{len(blocks)} blocks, more than {limits.MESSAGE_BLOCKS} in a message")
    size = len(json.dumps(blocks))
    if size > limits.MESSAGE_BLOCKS_CHARS:
        problems.append(f"blocks are {size} characters of JSON: msg_blocks_too_long")
    return problems + blocks_problems(blocks)


def view_problems(view: object) -> list[str]:
    """What Slack would refuse in a modal or Home tab."""
    if not isinstance(view, Mapping):
        return ["view must be a JSON object"]
    problems: list[str] = []
    blocks = view.get("blocks") or []
    kind = view.get("type")
    if kind not in ("modal", "home"):
        problems.append(f"view type must be 'modal' or 'home', not {kind!r}")
    if kind == "modal" and not view.get("title"):
        problems.append("a modal needs a title")
    has_inputs = isinstance(blocks, list) and any(
        isinstance(b, Mapping) and b.get("type") == "input" for b in blocks
    )
    if kind == "modal" and has_inputs and not view.get("submit"):
        problems.append("a modal with input blocks needs a submit button")
    try:
        # Titles, submit and close ≤ 24, 1-100 blocks, private_metadata ≤ 3000, callback_id.
        View(**view).validate_json()
    except Exception as error:  # whatever slack-sdk raises, Slack would refuse the view
        problems.append(f"view: {error}")
    if not isinstance(blocks, list):
        return [*problems, "blocks must be a JSON array of block objects"]
    return problems + blocks_problems(blocks)


def blocks_problems(blocks: Sequence[Any]) -> list[str]:
    problems: list[str] = []
    block_ids: set[str] = set()
    for index, raw in enumerate(blocks):
        where = f"block {index}"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: must be a JSON object")
            continue
        where = f"block {index} ({raw.get('type')})"
        problems += [f"{where}: {p}" for p in _block_problems(raw)]
        block_id = raw.get("block_id")
        if isinstance(block_id, str):
            if block_id in block_ids:
                problems.append(f"{where}: block_id {block_id!r} is used twice")
            block_ids.add(block_id)
    return problems


def _block_problems(raw: Node) -> list[str]:
    try:
        parsed = Block.parse(dict(raw))
        if parsed is None:
            return ["unknown block type"]
        # to_dict() runs the validators of every nested element, validate_json() only the top.
        rendered = parsed.to_dict()
    except Exception as error:  # whatever slack-sdk raises, Slack would refuse the block
        return [str(error)]
    problems = [f"unknown field {path}" for path in lost_keys(raw, rendered, "")]
    if raw.get("type") == "actions" and not raw.get("elements"):
        problems.append("an actions block needs at least one element")
    action_ids = [str(e["action_id"]) for e in _elements(raw) if e.get("action_id")]
    problems += [
        f"action_id {a!r} is used twice"
        for a in sorted({a for a in action_ids if action_ids.count(a) > 1})
    ]
    for element in _elements(raw):
        problems += [f"{element.get('type')}: {p}" for p in _element_problems(element)]
    return problems


def _elements(block: Node) -> Iterator[Node]:
    if isinstance(block.get("element"), Mapping):
        yield block["element"]
    if isinstance(block.get("accessory"), Mapping):
        yield block["accessory"]
    if block.get("type") == "actions":
        yield from (e for e in block.get("elements") or [] if isinstance(e, Mapping))


def _element_problems(element: Node) -> list[str]:
    problems: list[str] = []
    kind = element.get("type")
    for key in ("action_id",):
        if len(str(element.get(key) or "")) > limits.ID_CHARS:
            problems.append(f"{key} longer than {limits.ID_CHARS} characters")
    text = element.get("text")
    if kind == "button" and isinstance(text, Mapping) and text.get("type") != "plain_text":
        problems.append("a button's text must be plain_text")
    options = list(_options(element))
    if kind in CHOICES and len(options) > limits.CHOICE_OPTIONS:
        problems.append(f"{len(options)} options, more than {limits.CHOICE_OPTIONS}")
    for option in options:
        problems += _option_problems(option)
    problems += _initial_option_problems(element, options)
    if kind == "plain_text_input":
        problems += _text_input_problems(element)
    if kind == "number_input":
        problems += _number_input_problems(element)
    if kind == "datepicker" and element.get("initial_date"):
        problems += _date_problems(str(element["initial_date"]))
    return problems


def _options(element: Node) -> Iterator[Node]:
    yield from (o for o in element.get("options") or [] if isinstance(o, Mapping))
    for group in element.get("option_groups") or []:
        if isinstance(group, Mapping):
            yield from (o for o in group.get("options") or [] if isinstance(o, Mapping))


def _option_problems(option: Node) -> list[str]:
    problems = []
    label = option.get("text")
    label_text = str(label.get("text") or "") if isinstance(label, Mapping) else ""
    if len(label_text) > limits.OPTION_TEXT_CHARS:
        problems.append(f"option text longer than {limits.OPTION_TEXT_CHARS}: {label_text[:30]!r}…")
    if len(str(option.get("value") or "")) > limits.OPTION_VALUE_CHARS:
        problems.append(f"option value longer than {limits.OPTION_VALUE_CHARS} characters")
    return problems


def _initial_option_problems(element: Node, options: list[Node]) -> list[str]:
    if element.get("type") not in SELECTS_WITH_OPTIONS:
        return []
    values = {o.get("value") for o in options}
    chosen = list(element.get("initial_options") or [])
    if isinstance(element.get("initial_option"), Mapping):
        chosen.append(element["initial_option"])
    return [
        f"initial option {o.get('value')!r} is not one of the options"
        for o in chosen
        if isinstance(o, Mapping) and o.get("value") not in values
    ]


def _text_input_problems(element: Node) -> list[str]:
    problems = []
    max_length = element.get("max_length")
    if isinstance(max_length, int) and not 1 <= max_length <= limits.TEXT_INPUT_CHARS:
        problems.append(f"max_length must be 1..{limits.TEXT_INPUT_CHARS}")
    initial = element.get("initial_value")
    if isinstance(initial, str) and isinstance(max_length, int) and len(initial) > max_length:
        problems.append("initial_value is longer than max_length")
    return problems


def _number_input_problems(element: Node) -> list[str]:
    decimals = bool(element.get("is_decimal_allowed"))
    problems = []
    for key in ("initial_value", "min_value", "max_value"):
        value = element.get(key)
        if value is None:
            continue
        try:
            number = float(str(value))
        except ValueError:
            problems.append(f"{key} {value!r} is not a number")
            continue
        if not decimals and number != int(number):
            problems.append(f"{key} {value!r} is not a whole number (is_decimal_allowed is false)")
    return problems


def _date_problems(text: str) -> list[str]:
    try:
        date.fromisoformat(text)
    except ValueError:
        return [f"initial_date {text!r} is not a date"]
    return []


def lost_keys(raw: object, rendered: object, path: str) -> list[str]:
    """Fields slack-sdk dropped while parsing: typos such as `acton_id` that Slack refuses."""
    if isinstance(raw, Mapping) and isinstance(rendered, Mapping):
        lost: list[str] = []
        for name, value in raw.items():
            if value is None or value == [] or value == {}:
                continue  # slack-sdk leaves empty values out; Slack treats them as absent
            if name not in rendered:
                lost.append(f"{path}.{name}")
            else:
                lost += lost_keys(value, rendered[name], f"{path}.{name}")
        return lost
    if isinstance(raw, list) and isinstance(rendered, list):
        pairs = zip(raw, rendered, strict=False)
        return [p for i, (r, d) in enumerate(pairs) for p in lost_keys(r, d, f"{path}[{i}]")]
    return []
