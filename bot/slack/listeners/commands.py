"""The `/okr` slash command: the first word picks a subcommand; anything else gets the help."""

import difflib
import html
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack.listeners.subcommands import (
    Invocation,
    Subcommand,
    away,
    checkin,
    digest,
    subscribe,
)
from bot.slack.render.help import help_message

COMMANDS = ("/okr",)


def _help(call: Invocation) -> None:
    call.reply(*help_message(_USAGE))


SUBCOMMANDS: tuple[Subcommand, ...] = (
    checkin.SUBCOMMAND,
    away.AWAY,
    away.BACK,
    digest.SUBCOMMAND,
    subscribe.SUBSCRIBE,
    subscribe.UNSUBSCRIBE,
    Subcommand("help", "/okr help", "show this list", _help),
)
_BY_VERB = {subcommand.verb: subcommand for subcommand in SUBCOMMANDS}
_USAGE = tuple((subcommand.usage, subcommand.summary) for subcommand in SUBCOMMANDS)


def register(app: App, services: Services) -> None:
    @app.command("/okr")
    def okr_command(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        # Slack HTML-escapes &, < and > in command text: undo it once, here at the edge.
        words = html.unescape(body.get("text") or "").split()
        verb = words[0].lower() if words else "help"
        call = Invocation(ack, body, client, services, words[1:])
        subcommand = _BY_VERB.get(verb)
        if subcommand is not None:
            subcommand.run(call)
            return
        close = difflib.get_close_matches(verb, _BY_VERB, n=1, cutoff=0.6)
        suggestion = f"/okr {close[0]}" if close else None
        call.reply(*help_message(_USAGE, unknown=words[0], suggestion=suggestion))
