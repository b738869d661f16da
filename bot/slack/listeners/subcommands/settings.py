"""`/okr settings`: the settings modal, with what the caller may change."""

from bot.domain.errors import NotAllowed
from bot.slack.listeners.subcommands import Invocation, Subcommand
from bot.slack.render.help import error_message
from bot.slack.render.settings import settings_menu


def _settings(call: Invocation) -> None:
    # Acknowledge before anything else: asking Slack for the caller's role must not cost the
    # 3 seconds, and the trigger_id lives as long.
    call.ack()
    try:
        menu = call.services.settings.menu(call.user_id)
    except NotAllowed as refused:
        call.follow_up(*error_message(refused.message))
        return
    call.client.views_open(trigger_id=call.body["trigger_id"], view=settings_menu(menu))


SUBCOMMAND = Subcommand(
    "settings",
    "/okr settings",
    "change cadence, digests, teams and cycles (admins, leads)",
    _settings,
)
