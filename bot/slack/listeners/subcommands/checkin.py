"""`/okr checkin`: the check-in modal, from any channel."""

from bot.slack.listeners.subcommands import Invocation, Subcommand
from bot.slack.listeners.surfaces import open_checkin_modal


def _checkin(call: Invocation) -> None:
    call.ack()
    form = call.services.checkins.checkin_form(call.user_id)
    open_checkin_modal(call.client, call.body["trigger_id"], form)


SUBCOMMAND = Subcommand("checkin", "/okr checkin", "check in on your key results now", _checkin)
