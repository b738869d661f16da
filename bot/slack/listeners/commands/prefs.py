"""`/okr prefs`: my own check-in day and time, reminder and public holidays."""

from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.listeners.prefs import open_prefs


def _prefs(call: Invocation) -> None:
    open_prefs(call.services, call.client, call.user_id, str(call.body["trigger_id"]))


SUBCOMMAND = Subcommand(
    "prefs",
    "/okr prefs",
    "choose your own check-in day and time, reminder and holidays",
    _prefs,
    opens_modal=True,
)
