"""How the fake Slack answers the calls that post messages, open views or name the bot."""

from collections.abc import Callable

from tests.fakes.blockkit import message_problems, view_problems
from tests.fakes.slack_files import Body
from tests.fakes.slack_http import slack_error
from tests.fakes.slack_users import BOT_ID, BOT_USER_ID, TEAM_ID, im_channel


def auth_test() -> Body:
    reply = {"ok": True, "team": "Test", "team_id": TEAM_ID, "user": "okrbot"}
    return reply | {"user_id": BOT_USER_ID, "bot_id": BOT_ID}


def conversations_open(body: Body) -> Body:
    users = str(body.get("users") or "").split(",")
    if not (channel := body.get("channel") or (users[0] and "D" + users[0])):
        return slack_error("users_list_not_supplied")
    return {"ok": True, "channel": {"id": channel}}


def message_reply(
    method: str, body: Body, next_ts: Callable[[], str], *, validate_blocks: bool
) -> Body:
    """chat.postMessage, chat.update or chat.postEphemeral; `next_ts` stamps a new message."""
    if not body.get("channel"):
        return slack_error("channel_not_found")
    if not any(body.get(key) for key in ("text", "blocks", "attachments")):
        return slack_error("no_text")
    problems = message_problems(body.get("blocks"), body.get("text"), require_text=False)
    if validate_blocks and problems:
        return slack_error("invalid_blocks") | {"errors": problems}
    if method == "chat.postEphemeral":
        reply = {"ok": True, "message_ts": next_ts()}
        return reply if body.get("user") else slack_error("user_not_in_channel")
    if method == "chat.update" and not body.get("ts"):
        return slack_error("cant_update_message")
    ts = str(body["ts"]) if method == "chat.update" else next_ts()
    channel = str(body["channel"])
    # Posting to a user id lands in the DM with that user, and Slack answers with the DM id.
    if method == "chat.postMessage":
        channel = im_channel(channel)
    message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}
    message |= {key: body[key] for key in ("text", "blocks", "attachments") if key in body}
    return {"ok": True, "channel": channel, "ts": ts, "message": message}


def view_reply(
    body: Body,
    needs: str,
    new_id: Callable[[], int],
    next_ts: Callable[[], str],
    *,
    validate_blocks: bool,
) -> Body:
    """views.open, push, update or publish: each `needs` its own field (or an external id)."""
    view = body.get("view")
    if not isinstance(view, dict) or not (body.get(needs) or body.get("external_id")):
        return slack_error("invalid_arguments")
    problems = view_problems(view)
    if validate_blocks and problems:
        messages = [f"[ERROR] {problem}" for problem in problems]
        return slack_error("invalid_arguments") | {"response_metadata": {"messages": messages}}
    view_id = str(body.get("view_id") or f"V{new_id():09d}")
    shown: Body = {"id": view_id, "team_id": TEAM_ID, "app_id": "A0APP00001", "bot_id": BOT_ID}
    shown |= {"callback_id": "", "private_metadata": "", "external_id": ""} | view
    shown |= {"state": {"values": {}}, "hash": f"{next_ts()}.fakehash"}
    shown |= {"root_view_id": view_id}
    return {"ok": True, "view": shown}
