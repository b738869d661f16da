"""A conversation as HTML: its messages (and the viewer's ephemerals), files and threads."""

import html
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.sandbox.model import BOT_USER_ID, Channel, Message
from bot.sandbox.render.blocks import blocks_html
from bot.sandbox.render.mrkdwn import Names, mrkdwn_html
from bot.sandbox.render.surface import Surface, attr
from bot.sandbox.workspace import Workspace


def names_of(workspace: Workspace) -> Names:
    users = {u.id: u.real_name for u in workspace.users.values()}
    channels = {c.id: c.name for c in workspace.channels.values() if not c.is_im}
    return Names(users, channels)


def visible(workspace: Workspace, channel: str, viewer: str) -> list[Message]:
    return [
        m for m in workspace.messages if m.channel == channel and m.ephemeral_to in (None, viewer)
    ]


def messages_html(workspace: Workspace, channel: Channel, viewer: str, tz: ZoneInfo) -> str:
    shown = [m for m in visible(workspace, channel.id, viewer) if not m.is_reply]
    replies = _reply_counts(visible(workspace, channel.id, viewer))
    if not shown:
        return '<p class="empty">No messages yet.</p>'
    return "".join(message_html(workspace, m, tz, replies.get(m.ts, 0)) for m in shown)


def thread_html(
    workspace: Workspace, channel: Channel, thread_ts: str, viewer: str, tz: ZoneInfo
) -> str:
    messages = [
        m
        for m in visible(workspace, channel.id, viewer)
        if m.ts == thread_ts or m.thread_ts == thread_ts
    ]
    if not messages:
        return ""
    body = "".join(message_html(workspace, m, tz, 0, in_thread=True) for m in messages)
    return (
        f'<div class="thread-head"><b>Thread</b> in {attr(_title(channel))}'
        f'<a class="close-thread" href="#" data-close-thread>×</a></div>{body}'
    )


def message_html(
    workspace: Workspace, message: Message, tz: ZoneInfo, replies: int, *, in_thread: bool = False
) -> str:
    names = names_of(workspace)
    author = workspace.users.get(message.user)
    name = author.real_name if author else message.user
    is_bot = message.user == BOT_USER_ID
    badge = '<span class="app-badge">APP</span>' if is_bot else ""
    when = datetime.fromtimestamp(float(message.ts), UTC).astimezone(tz)
    stamp = f'<time title="{when:%Y-%m-%d %H:%M %Z}">{when:%a %d %b %H:%M}</time>'
    edited = ' <span class="edited">(edited)</span>' if message.edited else ""
    if message.blocks:
        body = blocks_html(message.blocks, Surface(names))
    else:
        body = f'<div class="bk-text-body">{mrkdwn_html(message.text, names)}</div>'
    files = "".join(_file_html(workspace, f) for f in message.files)
    ephemeral = message.ephemeral_to is not None
    note = '<div class="ephemeral-note">👁 Only visible to you</div>' if ephemeral else ""
    link = ""
    if replies and not in_thread:
        words = f"{replies} repl{'y' if replies == 1 else 'ies'}"
        link = f'<a class="replies" href="#" data-thread="{attr(message.ts)}">{words}</a>'
    classes = "message" + (" ephemeral" if ephemeral else "")
    initials = "".join(part[:1] for part in name.split()[:2]).upper() or "?"
    return (
        f'<article class="{classes}" data-channel="{attr(message.channel)}"'
        f' data-ts="{attr(message.ts)}">'
        f'<div class="avatar{" bot" if is_bot else ""}">{html.escape(initials)}</div>'
        '<div class="message-main">'
        f'<div class="message-meta"><b>{html.escape(name)}</b>{badge} {stamp}{edited}</div>'
        f"{note}{body}{files}{link}</div></article>"
    )


def _file_html(workspace: Workspace, file_id: str) -> str:
    shared = workspace.files.get(file_id)
    if shared is None:
        return '<div class="file missing">(file not found)</div>'
    url = f"/files/{attr(shared.id)}"
    title = html.escape(shared.title)
    if shared.mimetype.startswith("image/"):
        alt = attr(shared.alt_txt or shared.title)
        image = f'<a href="{url}" target="_blank"><img src="{url}" alt="{alt}"></a>'
        return f'<figure class="file image"><figcaption>{title}</figcaption>{image}</figure>'
    size = f"{shared.size / 1024:.1f} KB"
    link = f'<a href="{url}?download=1" download="{attr(shared.name)}">📄 {title}</a>'
    return f'<div class="file">{link} <small>{size}</small></div>'


def _reply_counts(messages: list[Message]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in messages:
        if message.is_reply and message.thread_ts:
            counts[message.thread_ts] = counts.get(message.thread_ts, 0) + 1
    return counts


def _title(channel: Channel) -> str:
    return channel.name if channel.is_im else f"#{channel.name}"
