"""`/okr settings`: the settings modal, with what the caller may change."""

from bot.domain.errors import NotAllowed
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.listeners.surfaces import open_modal
from bot.slack.render.help import error_message
from bot.slack.render.settings import settings_menu


def _settings(call: Invocation) -> None:
    # Acknowledged already: asking Slack for the caller's role must not cost the 3 seconds.
    try:
        menu = call.services.settings.menu(call.user_id)
    except NotAllowed as refused:
        call.follow_up(*error_message(refused.message))
        return
    open_modal(call.client, call.body["trigger_id"], settings_menu(menu))


SUBCOMMAND = Subcommand(
    "settings",
    "/okr settings",
    "change cadence, digests, teams and cycles (admins, leads)",
    _settings,
    opens_modal=True,
)
