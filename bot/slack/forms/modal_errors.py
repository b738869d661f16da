"""A message on a submitted modal's first field: the modal, and what was typed, stay open."""

import json
from typing import Any

from slack_bolt import BoltResponse


def first_field_errors(view: dict[str, Any], message: str) -> dict[str, str] | None:
    """`response_action: errors` for the view's first input, or None when it has none."""
    for block in view.get("blocks") or []:
        if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id"):
            return {str(block["block_id"]): message}
    return None


def modal_kept_open(body: dict[str, Any], message: str) -> BoltResponse | None:
    """The HTTP answer that keeps a submitted modal open with `message` on it, if possible."""
    if body.get("type") != "view_submission":
        return None
    errors = first_field_errors(body.get("view") or {}, message)
    if errors is None:
        return None
    answer = {"response_action": "errors", "errors": errors}
    return BoltResponse(
        status=200,
        body=json.dumps(answer),
        headers={"content-type": "application/json;charset=utf-8"},
    )
