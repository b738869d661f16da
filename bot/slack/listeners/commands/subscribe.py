"""`/okr subscribe #channel team NAME` and `unsubscribe`: more channels for a team's digest."""

import re

from bot.domain.errors import DomainError
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.render.blocks import section
from bot.slack.render.text import escape

# Slack sends a picked #channel as <#C0123|name> (escaped, so un-escaped once at the edge).
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]{2,31})(?:\|[^>]*)?>")


def _parse(call: Invocation, verb: str) -> tuple[str, str]:
    words = call.args
    found = _CHANNEL.fullmatch(words[0]) if words else None
    if found is None or len(words) < 3 or words[1].lower() != "team":
        raise DomainError(
            f"Try `/okr {verb} #channel team NAME`, e.g. `/okr {verb} #okrs team Growth`."
        )
    return found.group(1), " ".join(words[2:])


def _subscribe(call: Invocation) -> None:
    channel, team = _parse(call, "subscribe")
    added = call.services.subscriptions.subscribe(call.user_id, channel, team)
    state = "will get" if added else "already gets"
    text = f"<#{channel}> {state} the weekly {escape(team)} digest. I need to be in that channel."
    call.reply(text, [section(text)])


def _unsubscribe(call: Invocation) -> None:
    channel, team = _parse(call, "unsubscribe")
    call.services.subscriptions.unsubscribe(call.user_id, channel, team)
    text = f"<#{channel}> no longer gets the {escape(team)} digest."
    call.reply(text, [section(text)])


SUBSCRIBE = Subcommand(
    "subscribe",
    "/okr subscribe #channel team NAME",
    "send a team's weekly digest to another channel too",
    _subscribe,
)
UNSUBSCRIBE = Subcommand(
    "unsubscribe",
    "/okr unsubscribe #channel team NAME",
    "stop sending a team's digest to that channel",
    _unsubscribe,
)
