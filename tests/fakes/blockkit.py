"""Block Kit checks for rendered surfaces: slack_sdk's validators plus the limits it leaves out."""

import json
from collections.abc import Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.sandbox.webapi.blockkit import lost_keys
from bot.slack import limits

MAX_MESSAGE_BLOCKS = limits.MESSAGE_BLOCKS
MAX_MESSAGE_BLOCKS_CHARS = limits.MESSAGE_BLOCKS_CHARS
MAX_ID_LENGTH = limits.ID_CHARS

Surface = str | Mapping[str, Any] | Sequence[Any]


def message_problems(
    blocks: Sequence[Mapping[str, Any]] | None, text: str | None, *, require_text: bool = True
) -> list[str]:
    """Everything Slack (or a screen reader) would object to in a message, as readable lines."""
    problems: list[str] = []
    if require_text and not (text or "").strip():
        problems.append("message has no top-level `text` fallback")
    blocks = blocks or []
    if len(blocks) > MAX_MESSAGE_BLOCKS:
        problems.append(f"message has {len(blocks)} blocks, more than {MAX_MESSAGE_BLOCKS}")
    size = len(json.dumps(list(blocks)))
    if size >= MAX_MESSAGE_BLOCKS_CHARS:
        problems.append(
            f"message blocks are {size} JSON chars, not under {MAX_MESSAGE_BLOCKS_CHARS}"
        )
    return problems + _blocks_problems(blocks)


def view_problems(view: Mapping[str, Any]) -> list[str]:
    """Everything Slack would object to in a modal or Home tab, as readable lines."""
    problems: list[str] = []
    blocks: Sequence[Mapping[str, Any]] = view.get("blocks") or []
    kind = view.get("type")
    if kind not in ("modal", "home"):
        problems.append(f"view type must be 'modal' or 'home', not {kind!r}")
    if kind == "modal" and not view.get("title"):
        problems.append("modal has no title")
    # Slack rejects a modal with input blocks but no submit button (views.open: invalid_arguments).
    if kind == "modal" and not view.get("submit") and any(b.get("type") == "input" for b in blocks):
        problems.append("modal has input blocks but no submit button")
    try:
        # 1-100 blocks, title/submit/close ≤ 24, private_metadata ≤ 3000; blocks come below.
        View(**view).validate_json()
    except Exception as error:  # any failure to build is a finding, whatever its class
        problems.append(f"view: {error}")
    return problems + _blocks_problems(blocks)


def assert_valid_message(blocks: Sequence[Mapping[str, Any]] | None, text: str | None) -> None:
    problems = message_problems(blocks, text)
    assert not problems, "invalid message:\n  " + "\n  ".join(problems)


def assert_valid_view(view: Mapping[str, Any]) -> None:
    problems = view_problems(view)
    assert not problems, "invalid view:\n  " + "\n  ".join(problems)


def mrkdwn_texts(surface: Surface) -> list[str]:
    """Every string Slack parses as mrkdwn: mrkdwn text objects and a message's top-level text."""
    if isinstance(surface, str):
        return [surface]
    found: list[str] = []
    _collect_mrkdwn(surface, found)
    return found


def assert_no_live_mentions(surface: Surface, hostile_inputs: Sequence[str]) -> None:
    """Fail if user-typed text reached mrkdwn unescaped, where `<!channel>` or links come alive."""
    texts = mrkdwn_texts(surface)
    live = [(hostile, text) for hostile in hostile_inputs for text in texts if hostile in text]
    assert not live, "unescaped user text in mrkdwn:\n  " + "\n  ".join(
        f"{hostile!r} in {text!r}" for hostile, text in live
    )


def _blocks_problems(blocks: Sequence[Mapping[str, Any]]) -> list[str]:
    problems: list[str] = []
    block_ids: set[str] = set()
    for index, raw in enumerate(blocks):
        where = f"block {index} ({raw.get('type')})"
        try:
            parsed = Block.parse(dict(raw))
            if parsed is None:
                problems.append(f"{where}: unknown block type")
                continue
            # to_dict() runs the validators of every nested element, validate_json() only the top.
            rendered = parsed.to_dict()
        except Exception as error:  # any failure to build is a finding, whatever its class
            problems.append(f"{where}: {error}")
            continue
        problems += [f"{where}: unknown key {path}" for path in lost_keys(raw, rendered, "")]
        block_id = raw.get("block_id")
        if isinstance(block_id, str):
            if block_id in block_ids:
                problems.append(f"{where}: duplicate block_id {block_id!r}")
            block_ids.add(block_id)
        problems += [f"{where}: {p}" for p in _action_id_problems(raw)]
        if isinstance(block_id, str) and len(block_id) > MAX_ID_LENGTH:
            problems.append(f"{where}: block_id longer than {MAX_ID_LENGTH}")
    return problems


def _action_id_problems(block: Mapping[str, Any]) -> list[str]:
    # Slack requires action_id to be unique within its block, not across the surface:
    # a list of rows may share one action_id and tell rows apart by block_id or value.
    action_ids: list[str] = []
    _collect_key(block, "action_id", action_ids)
    problems = [
        f"action_id longer than {MAX_ID_LENGTH}" for a in action_ids if len(a) > MAX_ID_LENGTH
    ]
    duplicates = sorted({a for a in action_ids if action_ids.count(a) > 1})
    return problems + [f"duplicate action_id {a!r}" for a in duplicates]


def _collect_key(node: object, key: str, found: list[str]) -> None:
    if isinstance(node, Mapping):
        for name, value in node.items():
            if name == key and isinstance(value, str):
                found.append(value)
            else:
                _collect_key(value, key, found)
    elif isinstance(node, list | tuple):
        for item in node:
            _collect_key(item, key, found)


def _collect_mrkdwn(node: object, found: list[str]) -> None:
    if isinstance(node, Mapping):
        kind = node.get("type")
        text = node.get("text")
        # Untyped dicts with a string `text` are message bodies: Slack renders that text as
        # mrkdwn (and notifies from it) unless the body says mrkdwn=false.
        untyped_message = kind is None and node.get("mrkdwn", True) is not False
        if isinstance(text, str) and (kind == "mrkdwn" or untyped_message):
            found.append(text)
        for value in node.values():
            _collect_mrkdwn(value, found)
    elif isinstance(node, list | tuple):
        for item in node:
            _collect_mrkdwn(item, found)
