"""What every Web API method works on: the workspace, trigger ids, response URLs, uploads."""

import secrets
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.model import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID, Json, Message
from bot.sandbox.webapi.errors import SlackRefusal
from bot.sandbox.webapi.tokens import ResponseUrls, TriggerIds
from bot.sandbox.workspace import Workspace


@dataclass
class PendingUpload:
    filename: str
    length: int
    alt_txt: str | None
    data: bytes | None = None


@dataclass
class ApiContext:
    workspace: Workspace
    triggers: TriggerIds
    responses: ResponseUrls
    upload_base_url: str
    file_bytes: dict[str, bytes] = field(default_factory=dict)
    pending_uploads: dict[str, PendingUpload] = field(default_factory=dict)


def with_block_ids(blocks: Any) -> Any:
    """A copy in which every block has a block_id and every element an action_id, as Slack
    fills them in when an app leaves them out."""
    if not isinstance(blocks, list):
        return blocks
    filled = []
    for block in blocks:
        if not isinstance(block, dict):
            filled.append(block)
            continue
        block = dict(block)
        block.setdefault("block_id", secrets.token_urlsafe(4))
        for key in ("element", "accessory"):
            if isinstance(block.get(key), dict) and "action_id" not in block[key]:
                block[key] = block[key] | {"action_id": secrets.token_urlsafe(4)}
        if isinstance(block.get("elements"), list) and block.get("type") == "actions":
            block["elements"] = [
                e | {"action_id": secrets.token_urlsafe(4)}
                if isinstance(e, dict) and "action_id" not in e
                else e
                for e in block["elements"]
            ]
        filled.append(block)
    return filled


def message_json(message: Message) -> Json:
    shown: Json = {"type": "message", "user": message.user, "ts": message.ts, "team": TEAM_ID}
    if message.user == BOT_USER_ID:
        shown |= {"bot_id": BOT_ID, "app_id": APP_ID}
    shown |= {"text": message.text, "blocks": message.blocks}
    if message.thread_ts:
        shown["thread_ts"] = message.thread_ts
    return shown


def require_user(workspace: Workspace, user_id: object, error: str = "user_not_found") -> str:
    if not isinstance(user_id, str) or user_id not in workspace.users:
        raise SlackRefusal(error, [f"no member {user_id!r} in this workspace"])
    if workspace.users[user_id].deleted:
        raise SlackRefusal("user_disabled" if error == "user_not_found" else error)
    return user_id
