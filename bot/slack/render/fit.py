"""Keeping a message within Slack's size limits, measured as Slack receives it (JSON)."""

import json

from bot.slack.limits import MAX_BLOCKS, MAX_JSON_CHARS
from bot.slack.render.blocks import Block


def json_size(value: object) -> int:
    # Non-ASCII is escaped in the JSON Slack receives: an emoji or accent counts up to six.
    return len(json.dumps(value))


def fitting(head: list[Block], items: list[Block], reserve: int = 600) -> list[Block]:
    """As many of `items` after `head` as fit, leaving `reserve` characters for a footer."""
    kept = list(head)
    for item in items:
        if len(kept) + 2 > MAX_BLOCKS or json_size([*kept, item]) + reserve > MAX_JSON_CHARS:
            break
        kept.append(item)
    return kept
