"""The `/okr` slash command: a word picks the subcommand; anything else gets the help."""

import difflib
import html
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack.listeners.surfaces import open_checkin_modal
from bot.slack.render.help import help_message

COMMANDS = ("/okr",)
SUBCOMMANDS = ("checkin", "help")


def register(app: App, services: Services) -> None:
    @app.command("/okr")
    def okr_command(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        # Slack HTML-escapes &, < and > in command text: undo it once, here at the edge.
        words = html.unescape(body.get("text") or "").split()
        verb = words[0].lower() if words else "help"
        if verb == "checkin":
            ack()
            form = services.checkins.checkin_form(body["user_id"])
            open_checkin_modal(client, body["trigger_id"], form)
            return
        if verb == "help":
            text, blocks = help_message()
        else:
            close = difflib.get_close_matches(verb, SUBCOMMANDS, n=1, cutoff=0.6)
            text, blocks = help_message(
                unknown=words[0], suggestion=f"/okr {close[0]}" if close else None
            )
        ack(text=text, blocks=blocks, response_type="ephemeral")
