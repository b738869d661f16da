"""The `/okr` slash command: the first word picks a subcommand; anything else gets the help."""

import difflib
from functools import partial
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack.forms.command_text import Word, tokenize
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.commands import (
    authoring,
    away,
    checkin,
    digest,
    export,
    hypothesis,
    learnings,
    prefs,
    retro,
    settings,
    subscribe,
)
from bot.slack.listeners.commands import list as listing
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.render.help import help_message

COMMANDS = ("/okr",)


def _help(call: Invocation) -> None:
    call.reply(*help_message(_USAGE))


SUBCOMMANDS: tuple[Subcommand, ...] = (
    checkin.SUBCOMMAND,
    listing.SUBCOMMAND,
    authoring.NEW,
    authoring.EDIT,
    hypothesis.SUBCOMMAND,
    learnings.TREE,
    retro.RETRO,
    retro.SCORE,
    learnings.LEARNINGS,
    digest.SUBCOMMAND,
    subscribe.SUBSCRIBE,
    subscribe.UNSUBSCRIBE,
    away.AWAY,
    away.BACK,
    prefs.SUBCOMMAND,
    settings.SUBCOMMAND,
    export.SUBCOMMAND,
    Subcommand("help", "/okr help", "show this list", _help, in_memory=True),
)
_BY_VERB = {subcommand.verb: subcommand for subcommand in SUBCOMMANDS}
_USAGE = tuple((subcommand.usage, subcommand.summary) for subcommand in SUBCOMMANDS)


class Router:
    def __init__(self, services: Services, after_ack: AfterAck) -> None:
        self._services = services
        self._after_ack = after_ack

    def okr_command(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        tokens = tokenize(str(body.get("text") or ""))
        first = tokens[0] if tokens else Word("help")
        verb = first.text.lower() if isinstance(first, Word) else ""
        call = Invocation(ack, body, client, self._services, tokens[1:])
        subcommand = _BY_VERB.get(verb)
        if subcommand is None:
            close = difflib.get_close_matches(verb, _BY_VERB, n=1, cutoff=0.6)
            suggestion = f"/okr {close[0]}" if close else None
            call.reply(*help_message(_USAGE, unknown=call.text_of(first), suggestion=suggestion))
        elif subcommand.in_memory:
            subcommand.run(call)
        else:
            # Slack waits at most 3 s; a busy database or Slack must not cost the ack.
            ack()
            after_ack = self._after_ack
            hand_over = after_ack.open_modal if subcommand.opens_modal else after_ack.answer
            hand_over(partial(subcommand.run, call), body, client)


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    app.command("/okr")(Router(services, after_ack).okr_command)
