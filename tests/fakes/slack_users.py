"""Who the fake Slack knows: the bot, users.list as Slack pages it, the DM a user id stands for."""

import base64
import binascii

from tests.fakes.slack_files import Body

TEAM_ID = "T0TEAM0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
# Slack recommends pages of at most 200 members and refuses limits over 1000.
MAX_LIMIT = 1000


def im_channel(channel: str) -> str:
    """chat.postMessage to a user id (`U…`, `W…`) lands in the app's DM with them: `D…`."""
    return "D" + channel if channel.startswith(("U", "W")) else channel


def users_page(users: dict[str, Body], body: Body) -> Body:
    """One page of members ordered by id, with an opaque cursor to the next (empty at the end)."""
    try:
        limit = int(body.get("limit") or 0)
    except ValueError:
        return {"ok": False, "error": "invalid_limit"}
    if limit < 0 or limit > MAX_LIMIT:
        return {"ok": False, "error": "invalid_limit"}
    ordered = sorted(users)
    cursor = str(body.get("cursor") or "")
    start = _start_of(cursor, ordered) if cursor else 0
    if start is None:
        return {"ok": False, "error": "invalid_cursor"}
    end = start + limit if limit else len(ordered)  # no limit: everyone at once, as Slack tries
    following = _cursor(ordered[end]) if end < len(ordered) else ""
    return {
        "ok": True,
        "members": [users[user_id] for user_id in ordered[start:end]],
        "cache_ts": 1700000000,
        "response_metadata": {"next_cursor": following},
    }


def _cursor(user_id: str) -> str:
    return base64.b64encode(f"user:{user_id}".encode()).decode()


def _start_of(cursor: str, ordered: list[str]) -> int | None:
    try:
        decoded = base64.b64decode(cursor, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    if not decoded.startswith("user:"):
        return None
    user_id = decoded.removeprefix("user:")
    # A cursor names the first member of its page; one who has left since still sorts in place.
    return next((i for i, known in enumerate(ordered) if known >= user_id), len(ordered))
