"""chat.postMessage, chat.update, chat.postEphemeral and posts to a response_url."""

from typing import Any

from bot.sandbox.model import BOT_USER_ID, Channel, Json, Message
from bot.sandbox.webapi import limits
from bot.sandbox.webapi.args import Args, flag, optional_text, text
from bot.sandbox.webapi.blockkit import message_problems
from bot.sandbox.webapi.context import ApiContext, message_json, require_user, with_block_ids
from bot.sandbox.webapi.errors import SlackRefusal
from bot.sandbox.webapi.tokens import ResponseTarget


def post_message(api: ApiContext, args: Args) -> Json:
    channel = _postable(api, text(args, "channel", error="channel_not_found"))
    body, blocks = _checked_content(args)
    thread_ts = _thread(api, channel, optional_text(args, "thread_ts"))
    workspace = api.workspace
    with workspace.change():
        message = Message(channel.id, workspace.next_ts(), BOT_USER_ID, body, blocks)
        message.thread_ts = thread_ts
        workspace.messages.append(message)
    return {"ok": True, "channel": channel.id, "ts": message.ts, "message": message_json(message)}


def update(api: ApiContext, args: Args) -> Json:
    channel_id = text(args, "channel", error="channel_not_found")
    if channel_id not in api.workspace.channels:
        raise SlackRefusal(
            "channel_not_found", ["chat.update takes a conversation id, not a user id"]
        )
    ts = text(args, "ts", error="message_not_found")
    body, blocks = _checked_content(args)
    workspace = api.workspace
    with workspace.change():
        message = workspace.find_message(channel_id, ts)
        if message is None or message.ephemeral_to is not None:
            raise SlackRefusal("message_not_found")
        if message.user != BOT_USER_ID:
            raise SlackRefusal("cant_update_message", ["only the bot's own messages"])
        message.text, message.blocks, message.edited = body, blocks, True
    return {
        "ok": True,
        "channel": channel_id,
        "ts": ts,
        "text": body,
        "message": message_json(message),
    }


def post_ephemeral(api: ApiContext, args: Args) -> Json:
    channel = _postable(api, text(args, "channel", error="channel_not_found"))
    user = require_user(api.workspace, args.get("user"))
    if user not in channel.members:
        raise SlackRefusal("user_not_in_channel")
    body, blocks = _checked_content(args)
    ts = _add_ephemeral(api, channel.id, user, body, blocks, optional_text(args, "thread_ts"))
    return {"ok": True, "message_ts": ts}


def respond(api: ApiContext, target: ResponseTarget, args: Args) -> None:
    """A post to a response_url: a private reply, a message in the channel, or an edit."""
    workspace = api.workspace
    original = (
        workspace.find_message(target.channel, target.message_ts) if target.message_ts else None
    )
    if flag(args, "delete_original"):
        if original is not None:
            with workspace.change():
                workspace.messages.remove(original)
        return
    body, blocks = _checked_content(args)
    if flag(args, "replace_original") and original is not None:
        with workspace.change():
            original.text, original.blocks, original.edited = body, blocks, True
        return
    if args.get("response_type") == "in_channel":
        channel = workspace.channels[target.channel]
        if BOT_USER_ID not in channel.members:
            raise SlackRefusal("not_in_channel")
        with workspace.change():
            workspace.messages.append(
                Message(channel.id, workspace.next_ts(), BOT_USER_ID, body, blocks)
            )
        return
    _add_ephemeral(api, target.channel, target.user, body, blocks, optional_text(args, "thread_ts"))


def _add_ephemeral(
    api: ApiContext, channel: str, user: str, body: str, blocks: list[Any], thread_ts: str | None
) -> str:
    workspace = api.workspace
    with workspace.change():
        message = Message(channel, workspace.next_ts(), BOT_USER_ID, body, blocks)
        message.ephemeral_to, message.thread_ts = user, thread_ts
        workspace.messages.append(message)
    return message.ts


def _postable(api: ApiContext, channel_id: str) -> Channel:
    """The conversation a post lands in; a user id means the bot's DM with that person."""
    workspace = api.workspace
    if channel_id.startswith(("U", "W")):
        if channel_id not in workspace.users or workspace.users[channel_id].deleted:
            raise SlackRefusal("channel_not_found", [f"no member {channel_id!r} to message"])
        return workspace.dm_with(channel_id)
    channel = workspace.channels.get(channel_id)
    if channel is None:
        raise SlackRefusal("channel_not_found", [f"no conversation {channel_id!r}"])
    if BOT_USER_ID not in channel.members:
        raise SlackRefusal("not_in_channel", [f"invite the bot to #{channel.name} first"])
    return channel


def _checked_content(args: Args) -> tuple[str, list[Any]]:
    body, blocks = args.get("text"), args.get("blocks")
    if body is not None and not isinstance(body, str):
        raise SlackRefusal("invalid_arguments", ["text must be a string"])
    if not body and not blocks and not args.get("attachments"):
        raise SlackRefusal("no_text")
    if body and len(body) > limits.MESSAGE_TEXT_CHARS:
        raise SlackRefusal("msg_too_long", [f"text is {len(body)} characters"])
    problems = message_problems(blocks)
    if problems:
        too_long = any("msg_blocks_too_long" in p for p in problems)
        raise SlackRefusal("msg_blocks_too_long" if too_long else "invalid_blocks", problems)
    return body or "", with_block_ids(blocks) or []


def _thread(api: ApiContext, channel: Channel, thread_ts: str | None) -> str | None:
    if thread_ts is None:
        return None
    parent = api.workspace.find_message(channel.id, thread_ts)
    if parent is None or parent.ephemeral_to is not None:
        raise SlackRefusal("thread_not_found", [f"no message {thread_ts} in this conversation"])
    # A reply to a reply joins the parent's thread.
    return parent.thread_ts or parent.ts
