"""What a person entered, as Slack sends it: `state.values` entries and `actions` items."""

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from bot.sandbox.model import Json

# What the page sends for one element: text, one chosen value, several, or nothing.
Raw = str | list[str] | None
RawValues = Mapping[str, Mapping[str, Raw]]  # block_id → action_id → raw

TEXT_INPUTS = ("plain_text_input", "number_input", "email_text_input", "url_text_input")
SINGLE_OPTION = ("static_select", "external_select", "radio_buttons", "overflow")
MULTI_OPTION = ("multi_static_select", "multi_external_select", "checkboxes")
PICKED = {
    "users_select": "selected_user",
    "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation",
    "multi_conversations_select": "selected_conversations",
    "channels_select": "selected_channel",
    "multi_channels_select": "selected_channels",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
}


def stateful_elements(blocks: list[Json]) -> Iterator[tuple[str, Json]]:
    """(block_id, element) for every element Slack keeps state for."""
    for block in blocks:
        block_id = str(block.get("block_id") or "")
        if block.get("type") == "input" and isinstance(block.get("element"), Mapping):
            yield block_id, block["element"]
        elif block.get("type") == "actions":
            for element in block.get("elements") or []:
                if element.get("type") != "button":
                    yield block_id, element
        elif isinstance(block.get("accessory"), Mapping):
            accessory = block["accessory"]
            if accessory.get("type") not in ("button", "image", "overflow"):
                yield block_id, accessory


def suggestion_key(block_id: str, action_id: str) -> str:
    return f"{block_id}/{action_id}"


def with_suggestions(blocks: list[Json], suggested: Mapping[str, list[Json]]) -> list[Json]:
    """The blocks with each external select holding the options it offered, for state."""
    if not suggested:
        return blocks
    filled = copy.deepcopy(blocks)
    for block_id, element in stateful_elements(filled):
        if str(element.get("type")).endswith("external_select"):
            offered = suggested.get(suggestion_key(block_id, str(element.get("action_id"))))
            element["options"] = [*initial_options(element), *(offered or [])]
    return filled


def initial_options(element: Mapping[str, Any]) -> list[Json]:
    initial = [element.get("initial_option"), *(element.get("initial_options") or [])]
    return [dict(option) for option in initial if isinstance(option, Mapping)]


def state_values(blocks: list[Json], raw: RawValues) -> dict[str, dict[str, Json]]:
    """The view's `state.values`: what was entered, else what the view started with."""
    values: dict[str, dict[str, Json]] = {}
    for block_id, element in stateful_elements(blocks):
        action_id = str(element.get("action_id") or "")
        given = raw.get(block_id, {})
        entered = given[action_id] if action_id in given else initial_raw(element)
        values.setdefault(block_id, {})[action_id] = state_entry(element, entered)
    return values


def state_entry(element: Json, raw: Raw) -> Json:
    kind = str(element.get("type"))
    entry: Json = {"type": kind}
    if kind in TEXT_INPUTS:
        entry["value"] = raw if isinstance(raw, str) and raw != "" else None
    elif kind in SINGLE_OPTION:
        chosen = option_for(element, raw if isinstance(raw, str) else None)
        entry["selected_option"] = chosen
    elif kind in MULTI_OPTION:
        wanted = raw if isinstance(raw, list) else ([raw] if raw else [])
        entry["selected_options"] = [o for v in wanted if (o := option_for(element, v))]
    elif kind in PICKED:
        key = PICKED[kind]
        if key.endswith("s"):
            entry[key] = raw if isinstance(raw, list) else ([raw] if raw else [])
        else:
            entry[key] = raw if isinstance(raw, str) and raw else None
    return entry


def action_item(element: Json, block_id: str, raw: Raw, action_ts: str) -> Json:
    """One item of a block_actions payload's `actions`: the element that was used."""
    item: Json = {
        "type": element.get("type"),
        "action_id": element.get("action_id"),
        "block_id": block_id,
        "action_ts": action_ts,
    }
    if element.get("type") == "button":
        item["text"] = element.get("text")
        item |= {k: element[k] for k in ("value", "style") if k in element}
        return item
    entry = state_entry(element, raw)
    entry.pop("type")
    if element.get("type") in ("overflow",):
        entry = {"selected_option": entry.get("selected_option")}
    return item | entry


def option_for(element: Json, value: str | None) -> Json | None:
    if value is None:
        return None
    for option in all_options(element):
        if option.get("value") == value:
            return {k: option[k] for k in ("text", "value", "description") if k in option}
    return None


def all_options(element: Mapping[str, Any]) -> Iterator[Json]:
    yield from element.get("options") or []
    for group in element.get("option_groups") or []:
        yield from group.get("options") or []


def initial_raw(element: Json) -> Raw:
    """What an element holds before anyone touches it."""
    for key in ("initial_value", "initial_date", "initial_time", "initial_user"):
        if key in element:
            return str(element[key])
    for key in ("initial_conversation", "initial_channel"):
        if key in element:
            return str(element[key])
    for key in ("initial_users", "initial_conversations", "initial_channels"):
        if key in element:
            return [str(v) for v in element[key]]
    if isinstance(element.get("initial_option"), Mapping):
        return str(element["initial_option"].get("value"))
    if isinstance(element.get("initial_options"), list):
        return [str(o.get("value")) for o in element["initial_options"]]
    return None
