"""auth.test, users.info, users.list and conversations.open."""

import base64
import binascii
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.sandbox.model import BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, TEAM_NAME, Json, User
from bot.sandbox.webapi import limits
from bot.sandbox.webapi.args import Args, optional_text, text
from bot.sandbox.webapi.context import ApiContext, require_user
from bot.sandbox.webapi.errors import SlackRefusal


def auth_test(_api: ApiContext, _args: Args) -> Json:
    return {
        "ok": True,
        "url": f"https://{TEAM_DOMAIN}.slack.com/",
        "team": TEAM_NAME,
        "user": "okr-bot",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def users_info(api: ApiContext, args: Args) -> Json:
    user_id = text(args, "user", error="user_not_found")
    workspace = api.workspace
    if user_id not in workspace.users:
        raise SlackRefusal("user_not_found", [f"no member {user_id!r} in this workspace"])
    return {"ok": True, "user": user_json(workspace.users[user_id], workspace.now())}


def users_list(api: ApiContext, args: Args) -> Json:
    """Pages of at most 200 members, ordered by id, with Slack's opaque cursor."""
    try:
        limit = int(args.get("limit") or limits.USERS_PAGE)
    except ValueError:
        raise SlackRefusal("invalid_limit") from None
    limit = min(max(limit, 1), limits.USERS_PAGE)
    users = sorted(api.workspace.users.values(), key=lambda u: u.id)
    start = _cursor_start(optional_text(args, "cursor"), users)
    page = users[start : start + limit]
    following = users[start + limit] if start + limit < len(users) else None
    now = api.workspace.now()
    next_cursor = _cursor(following.id) if following else ""
    return {
        "ok": True,
        "members": [user_json(u, now) for u in page],
        "cache_ts": int(now.timestamp()),
        "response_metadata": {"next_cursor": next_cursor},
    }


def conversations_open(api: ApiContext, args: Args) -> Json:
    channel = optional_text(args, "channel")
    workspace = api.workspace
    if channel:
        if channel not in workspace.channels:
            raise SlackRefusal("channel_not_found")
        return {"ok": True, "channel": {"id": channel}}
    users = [u.strip() for u in text(args, "users", error="users_list_not_supplied").split(",")]
    if len(users) != 1:
        raise SlackRefusal(
            "not_supported",
            ["the sandbox opens direct messages with one person at a time"],
        )
    if users[0] == BOT_USER_ID:
        raise SlackRefusal("cannot_dm_bot")
    dm = workspace.dm_with(require_user(workspace, users[0]))
    return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": dm.id}}


def user_json(user: User, now: datetime) -> Json:
    offset = now.astimezone(ZoneInfo(user.tz)).utcoffset()
    return {
        "id": user.id,
        "team_id": TEAM_ID,
        "name": user.name,
        "deleted": user.deleted,
        "real_name": user.real_name,
        "tz": user.tz,
        "tz_label": user.tz,
        "tz_offset": int(offset.total_seconds()) if offset else 0,
        "is_admin": user.is_admin,
        "is_owner": user.is_owner,
        "is_bot": user.is_bot,
        "is_app_user": False,
        "profile": {
            "display_name": user.real_name.split(" ")[0],
            "real_name": user.real_name,
            "title": user.title,
            "status_text": "",
            "status_emoji": "",
            "status_expiration": 0,
            "team": TEAM_ID,
        },
    }


def _cursor(user_id: str) -> str:
    return base64.b64encode(f"user:{user_id}".encode()).decode()


def _cursor_start(cursor: str | None, users: list[User]) -> int:
    if not cursor:
        return 0
    try:
        decoded = base64.b64decode(cursor, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise SlackRefusal("invalid_cursor") from None
    user_id = decoded.removeprefix("user:")
    index = next((i for i, u in enumerate(users) if u.id == user_id), None)
    if not decoded.startswith("user:") or index is None:
        raise SlackRefusal("invalid_cursor")
    return index
