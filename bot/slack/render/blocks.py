"""Tiny Block Kit constructors so renderers read like the surface they build."""

from typing import Any

from bot.domain.text import truncate
from bot.slack import limits

Block = dict[str, Any]


def plain(text: str, *, emoji: bool = True) -> Block:
    return {"type": "plain_text", "text": text, "emoji": emoji}


def mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(truncate(text, limits.HEADER_TEXT))}


def section(text: str, *, accessory: Block | None = None, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(truncate(text, limits.SECTION_TEXT))}
    if accessory is not None:
        block["accessory"] = accessory
    if block_id is not None:
        block["block_id"] = block_id
    return block


def context(*texts: str) -> Block:
    return {
        "type": "context",
        "elements": [
            mrkdwn(truncate(text, limits.SECTION_TEXT)) for text in texts[: limits.CONTEXT_ELEMENTS]
        ],
    }


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str = "", *, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": plain(truncate(text, limits.BUTTON_TEXT)),
        "action_id": action_id,
    }
    if value:
        element["value"] = value[: limits.BUTTON_VALUE]
    if style:
        element["style"] = style
    return element


def option(value: str, text: str) -> Block:
    return {"text": plain(truncate(text, limits.OPTION_TEXT)), "value": value}


def static_select(action_id: str, options: list[Block], chosen: object) -> Block:
    """A select of these options, showing the one whose value is `chosen`, if any."""
    element: Block = {"type": "static_select", "action_id": action_id, "options": options}
    picked = next((o for o in options if o["value"] == chosen), None)
    if picked is not None:
        element["initial_option"] = picked
    return element


def actions(*elements: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements)}
    if block_id is not None:
        block["block_id"] = block_id
    return block


def input_block(
    block_id: str, label: str, element: Block, *, optional: bool = False, hint: str | None = None
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(truncate(label, limits.LABEL_TEXT)),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(truncate(hint, limits.HINT_TEXT))
    return block
