"""Slack's mrkdwn as HTML: Slack's rules are applied first, then everything is HTML-escaped."""

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

EMOJI = {
    "white_check_mark": "✅",
    "warning": "⚠️",
    "tada": "🎉",
    "wave": "👋",
    "bulb": "💡",
    "memo": "📝",
    "calendar": "📅",
    "zzz": "💤",
    "hourglass": "⏳",
    "bar_chart": "📊",
    "dart": "🎯",
    "rocket": "🚀",
    "thumbsup": "👍",
    "+1": "👍",
    "x": "❌",
    "question": "❓",
    "red_circle": "🔴",
    "large_green_circle": "🟢",
    "large_yellow_circle": "🟡",
    "chart_with_upwards_trend": "📈",
    "chart_with_downwards_trend": "📉",
    "eyes": "👀",
}
BROADCASTS = {"here": "@here", "channel": "@channel", "everyone": "@everyone"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")

_CONTROL = re.compile(r"<([^<>\n]*)>")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_FENCE = re.compile(r"```(.*?)```", re.DOTALL)
_EMOJI = re.compile(r":([a-z0-9_+-]+):")
_LIST_ITEM = re.compile(r"^(\s*)(•|◦|▪|-|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^(>|&gt;) ?")
# Slack's emphasis: a marker after a start, space or punctuation, text that neither starts
# nor ends with a space, and a closing marker followed by an end, space or punctuation.
_EMPHASIS = {
    "*": ("b", re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")),
    "_": ("i", re.compile(r"(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])")),
    "~": ("s", re.compile(r"(?<![\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])")),
}


@dataclass(frozen=True)
class Names:
    """Who and what ids stand for, so mentions show names as Slack shows them."""

    users: Mapping[str, str] = field(default_factory=dict)
    channels: Mapping[str, str] = field(default_factory=dict)


def decode_entities(text: str) -> str:
    """Slack's three entities, and only those, back to characters."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def plain_html(text: str, *, emoji: bool = True) -> str:
    """A plain_text object: nothing is parsed but emoji codes."""
    escaped = html.escape(text, quote=True)
    return _emoji(escaped) if emoji else escaped


def mrkdwn_html(text: str, names: Names) -> str:
    text = text.replace("\x00", "")  # the placeholder mark below must not come from the text
    parts = []
    last = 0
    for fence in _FENCE.finditer(text):
        parts.append(_lines(text[last : fence.start()], names))
        code = html.escape(decode_entities(fence.group(1).strip("\n")))
        parts.append(f'<pre class="code-block">{code}</pre>')
        last = fence.end()
    parts.append(_lines(text[last:], names))
    return "".join(parts)


def _lines(text: str, names: Names) -> str:
    """Lines in groups: quotes and lists become blocks, other lines join with line breaks."""
    groups: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        quote = _QUOTE.match(line)
        kind = "quote" if quote else "list" if _LIST_ITEM.match(line) else "text"
        rendered = inline_html(line[quote.end() :] if quote else line, names)
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(rendered)
        else:
            groups.append((kind, [rendered]))
    return "".join(_group_html(kind, lines) for kind, lines in groups)


def _group_html(kind: str, lines: list[str]) -> str:
    if kind == "quote":
        return "<blockquote>" + "<br>".join(lines) + "</blockquote>"
    if kind == "list":
        return '<ul class="mrkdwn-list">' + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"
    return "<br>".join(lines)


def inline_html(text: str, names: Names) -> str:
    """One line: code spans and <…> sequences become placeholders, then escape and emphasis."""
    pieces: list[str] = []

    def hold(rendered: str) -> str:
        pieces.append(rendered)
        return f"\x00{len(pieces) - 1}\x00"

    text = _CODE_SPAN.sub(
        lambda m: hold(f"<code>{html.escape(decode_entities(m.group(1)))}</code>"), text
    )
    text = _CONTROL.sub(lambda m: hold(_control(m.group(1), names)), text)
    escaped = html.escape(decode_entities(text), quote=True)
    for tag, pattern in _EMPHASIS.values():
        escaped = _apply(pattern, tag, escaped)
    escaped = _emoji(escaped)
    return re.sub(r"\x00(\d+)\x00", lambda m: pieces[int(m.group(1))], escaped)


def _apply(pattern: re.Pattern[str], tag: str, text: str) -> str:
    replace: Callable[[re.Match[str]], str] = lambda m: f"<{tag}>{m.group(1)}</{tag}>"  # noqa: E731
    return pattern.sub(replace, text)


def _control(inner: str, names: Names) -> str:
    """A <…> sequence: a mention, a channel, a broadcast, a date or a link."""
    target, _, label = inner.partition("|")
    label_html = html.escape(decode_entities(label))
    if target.startswith("@") and target[1:2] in ("U", "W"):
        name = names.users.get(target[1:]) or (label and decode_entities(label)) or target[1:]
        user = html.escape(target[1:])
        return f'<span class="mention" data-user="{user}">@{html.escape(name)}</span>'
    if target.startswith("#C") or target.startswith("#G"):
        name = names.channels.get(target[1:]) or decode_entities(label) or target[1:]
        return f'<span class="channel-mention">#{html.escape(name)}</span>'
    if target.startswith("!"):
        return _special(target[1:], label_html)
    if target.startswith(SAFE_SCHEMES):
        url = html.escape(decode_entities(target), quote=True)
        shown = label_html or html.escape(decode_entities(target))
        return f'<a href="{url}" target="_blank" rel="noopener noreferrer nofollow">{shown}</a>'
    # Slack swallows what it cannot read: a sign that text reached mrkdwn unescaped.
    shown = html.escape(decode_entities(inner))
    why = "not escaped: Slack would read this as a link"
    return f'<span class="unparsed" title="{why}">{shown}</span>'


def _special(command: str, label_html: str) -> str:
    name = command.split("^")[0]
    if name in BROADCASTS:
        return f'<span class="mention broadcast">{BROADCASTS[name]}</span>'
    if name == "subteam":
        return f'<span class="mention">{label_html or "@group"}</span>'
    if name == "date":
        return f"<time>{label_html}</time>"
    return f'<span class="unparsed">{label_html or html.escape(command)}</span>'


def _emoji(escaped: str) -> str:
    return _EMOJI.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), escaped)
