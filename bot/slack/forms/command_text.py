"""The words of a slash command: Slack's mentions, `O-`/`KR-` references and plain words."""

import re
from dataclasses import dataclass

from bot.domain.refs import Ref, parse_ref

# With should_escape, Slack sends a picked @person as <@U…|name> and a #channel as
# <#C…|name>; any &, < or > the person typed arrives as &amp;, &lt; or &gt;.
_USER = re.compile(r"<@([UW][A-Z0-9]{1,31})(?:\|[^<>]*)?>")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]{1,31})(?:\|([^<>]*))?>")
_SPECIAL = re.compile(r"<[^<>]*>")


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class UserMention:
    user_id: str


@dataclass(frozen=True)
class ChannelMention:
    channel_id: str
    name: str | None = None


Token = Word | UserMention | ChannelMention | Ref


def unescape(text: str) -> str:
    """Undo Slack's escaping once: `&amp;lt;` becomes `&lt;`, never `<`."""
    return re.sub(r"&(amp|lt|gt);", lambda m: {"amp": "&", "lt": "<", "gt": ">"}[m[1]], text)


def tokenize(raw: str) -> list[Token]:
    """Split the command text as Slack sent it; never raises, whatever the text."""
    tokens: list[Token] = []
    position = 0
    for found in _SPECIAL.finditer(raw):
        tokens.extend(_words(raw[position : found.start()]))
        special = _special(found.group(0))
        if special is not None:
            tokens.append(special)
        position = found.end()
    tokens.extend(_words(raw[position:]))
    return tokens


def _special(text: str) -> Token | None:
    if user := _USER.fullmatch(text):
        return UserMention(user.group(1))
    if channel := _CHANNEL.fullmatch(text):
        return ChannelMention(channel.group(1), channel.group(2) or None)
    # <!here>, <!subteam^…>, links: keep the label as a plain word.
    label = unescape(text[1:-1].rpartition("|")[2]).strip()
    return Word(label) if label else None


def _words(chunk: str) -> list[Token]:
    tokens: list[Token] = []
    for word in chunk.split():
        text = unescape(word)
        ref = parse_ref(text)
        tokens.append(ref if ref is not None else Word(text))
    return tokens


def token_text(token: Token) -> str:
    """A token as a person would write it again, for messages and free-text names."""
    match token:
        case Word(text=text):
            return text
        case UserMention(user_id=user_id):
            return f"<@{user_id}>"
        case ChannelMention(channel_id=channel_id):
            return f"<#{channel_id}>"
        case Ref():
            return str(token)
