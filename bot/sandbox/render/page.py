"""The sandbox page: a shell with regions that the script refreshes when the workspace changes."""

import html
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.sandbox.model import BOT_NAME, BOT_USER_ID, Channel
from bot.sandbox.render.blocks import blocks_html
from bot.sandbox.render.conversation import messages_html, names_of, thread_html
from bot.sandbox.render.surface import Surface, attr, text_html
from bot.sandbox.workspace import Workspace

HOME = "home"
JUMPS = (
    ("prompt", "Next check-in prompt"),
    ("reminder", "Next reminder"),
    ("digest", "Next digest"),
    ("cycle_end", "Cycle end"),
    ("hour", "+1 hour"),
    ("day", "+1 day"),
)


@dataclass(frozen=True)
class Where:
    """Who is looking, at which conversation (a channel id or Home), and which thread."""

    viewer: str
    conversation: str
    thread: str | None = None


def regions(workspace: Workspace, where: Where) -> dict[str, str]:
    return workspace.read(
        lambda: {
            "people": _people(workspace, where),
            "clock": _clock(workspace, where),
            "sidebar": _sidebar(workspace, where),
            "main": _main(workspace, where),
            "thread": _thread(workspace, where),
            "modal": _modal(workspace, where),
            "problems": _problems(workspace),
        }
    )


def page_html(
    parts: dict[str, str], where: Where, version: int, push: tuple[str, str] | None = None
) -> str:
    """The page; `push` is the (reference, title) of a key result the page may push values to."""
    state = attr(
        json.dumps({"as": where.viewer, "c": where.conversation, "t": where.thread, "v": version})
    )

    def region(name: str, tag: str = "div") -> str:
        return f'<{tag} id="{name}" class="region">{parts[name]}</{tag}>'

    brand = "OKR Bot sandbox <small>a simulated Slack workspace</small>"
    layout = region("sidebar", "nav") + region("main", "main") + region("thread", "aside")
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>OKR Bot sandbox</title>"
        '<link rel="stylesheet" href="/static/sandbox.css">'
        f'</head><body data-state="{state}">'
        f'<header class="topbar"><div class="brand">{brand}</div>'
        f"{region('people')}{region('clock')}{push_form(push)}</header>"
        f'<div class="layout">{layout}</div>'
        f"{region('modal')}{region('problems')}"
        '<div id="toast" role="status"></div>'
        '<script src="/static/sandbox.js"></script></body></html>'
    )


def push_form(push: tuple[str, str] | None) -> str:
    """A value sent to the bot's webhook, as a metrics system would send it."""
    if push is None:
        return ""
    reference, title = push
    return (
        f'<form class="push" id="push" autocomplete="off" title="{attr(title)}">'
        f"<label>Push a value to <b>{html.escape(reference)}</b> "
        '<input name="value" id="push-value" inputmode="decimal" size="8"'
        f' aria-label="Value to push to {attr(reference)}"></label>'
        '<button type="submit">Push</button>'
        '<output id="push-answer" for="push-value"></output></form>'
    )


def viewer_zone(workspace: Workspace, viewer: str) -> ZoneInfo:
    user = workspace.users.get(viewer)
    return ZoneInfo(user.tz if user else "UTC")


def _people(workspace: Workspace, where: Where) -> str:
    options = "".join(
        f'<option value="{attr(u.id)}"{" selected" if u.id == where.viewer else ""}>'
        f"{html.escape(u.real_name)} · {html.escape(u.title)}</option>"
        for u in workspace.users.values()
        if not u.is_bot
    )
    return f'<label class="act-as">Act as <select id="act-as">{options}</select></label>'


def _clock(workspace: Workspace, where: Where) -> str:
    now = workspace.now().astimezone(viewer_zone(workspace, where.viewer))
    buttons = "".join(
        f'<button type="button" class="jump" data-jump="{kind}">{label}</button>'
        for kind, label in JUMPS
    )
    return (
        f'<div class="clock-now" title="the sandbox clock, in your time zone">🕒 '
        f"<b>{now:%a %d %b %Y, %H:%M}</b> <small>{attr(now.tzname())}</small></div>"
        f'<div class="jumps">{buttons}</div>'
    )


def _sidebar(workspace: Workspace, where: Where) -> str:
    def link(target: str, label: str) -> str:
        current = " current" if where.conversation == target else ""
        return (
            f'<a class="nav{current}" href="?as={attr(where.viewer)}&c={attr(target)}">{label}</a>'
        )

    dm = "D" + where.viewer[1:]
    channels = [c for c in workspace.channels.values() if not c.is_im and where.viewer in c.members]
    channel_links = "".join(
        link(c.id, f"# {html.escape(c.name)}") for c in sorted(channels, key=lambda c: c.name)
    )
    return (
        f'<div class="nav-title">Apps</div>{link(HOME, f"🏠 {BOT_NAME} · Home")}'
        f"{link(dm, f'💬 {BOT_NAME} · Messages')}"
        f'<div class="nav-title">Channels</div>{channel_links or "<p class=empty>none</p>"}'
    )


def _main(workspace: Workspace, where: Where) -> str:
    if where.conversation == HOME:
        home = workspace.views.get(workspace.homes.get(where.viewer, ""))
        body = (
            blocks_html(
                home.body.get("blocks") or [],
                Surface(names_of(workspace), in_modal=True, suggested=home.suggested),
            )
            if home
            else '<p class="empty">Opening the Home tab…</p>'
        )
        view = f' data-view="{attr(home.id)}"' if home else ""
        head = f'<div class="conversation-head"><h2>🏠 {BOT_NAME} · Home</h2></div>'
        return f'{head}<div class="home surface"{view}>{body}</div>'
    channel = workspace.channels.get(where.conversation)
    if channel is None or where.viewer not in channel.members:
        return '<p class="empty">Pick a conversation on the left.</p>'
    title = f"💬 {BOT_NAME} · Messages" if channel.is_im else f"# {html.escape(channel.name)}"
    topic = f"<small>{html.escape(channel.topic)}</small>" if channel.topic else ""
    body = messages_html(workspace, channel, where.viewer, viewer_zone(workspace, where.viewer))
    return (
        f'<div class="conversation-head"><h2>{title}</h2>{topic}</div>'
        f'<div class="messages" id="messages">{body}</div>{_composer(channel)}'
    )


def _composer(channel: Channel) -> str:
    hint = "/okr help" if channel.is_im else f"Message #{channel.name}, or /okr …"
    return (
        '<form class="composer" id="composer" autocomplete="off">'
        f'<input name="text" id="composer-text" placeholder="{attr(hint)}"'
        ' aria-label="Message or /okr command">'
        '<button type="submit">Send</button></form>'
    )


def _thread(workspace: Workspace, where: Where) -> str:
    channel = workspace.channels.get(where.conversation)
    if not where.thread or channel is None:
        return ""
    return thread_html(
        workspace, channel, where.thread, where.viewer, viewer_zone(workspace, where.viewer)
    )


def _modal(workspace: Workspace, where: Where) -> str:
    stack = workspace.modals.get(where.viewer) or []
    view = workspace.views.get(stack[-1]) if stack else None
    if view is None:
        return ""
    names = names_of(workspace)
    body = view.body
    title = text_html(body.get("title"), names)
    submit = body.get("submit")
    close = text_html(body.get("close"), names) if body.get("close") else "Cancel"
    submit_button = (
        '<button type="button" class="bk-button primary" data-submit>'
        f"{text_html(submit, names)}</button>"
        if submit
        else ""
    )
    surface = Surface(names, view.errors, in_modal=True, suggested=view.suggested)
    blocks = blocks_html(body.get("blocks") or [], surface)
    back = ' <span class="stack">(' + str(len(stack)) + " views)</span>" if len(stack) > 1 else ""
    return (
        '<div class="modal-backdrop">'
        f'<div class="modal surface" role="dialog" data-view="{attr(view.id)}">'
        f'<div class="modal-head"><h2>{title}{back}</h2>'
        '<button type="button" class="modal-x" data-close-all title="Close">×</button></div>'
        f'<div class="modal-body">{blocks}</div>'
        '<div class="modal-foot">'
        f'<button type="button" class="bk-button" data-close>{close}</button>{submit_button}</div>'
        "</div></div>"
    )


def _problems(workspace: Workspace) -> str:
    if not workspace.problems:
        return ""
    items = "".join(
        f"<li><b>{html.escape(p.source)}</b> → <code>{html.escape(p.error)}</code>"
        f" <small>{html.escape(p.at)}</small>"
        + "".join(f"<div class=detail>{html.escape(d)}</div>" for d in p.details[:8])
        + "</li>"
        for p in reversed(workspace.problems[-10:])
    )
    dismiss = '<button type="button" class="bk-button" data-dismiss>Dismiss</button>'
    head = "<h3>⚠ Slack refused or something failed</h3>"
    return f'<div class="problems-box">{head}<ul>{items}</ul>{dismiss}</div>'


__all__ = ["BOT_USER_ID", "HOME", "Where", "page_html", "regions"]
