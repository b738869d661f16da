"""`/okr settings`: refresh the caller's Slack role, then open the settings modal."""

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.errors import NotAllowed
from bot.services.ports import SlackProfile
from bot.slack.listeners.subcommands import Invocation, Subcommand
from bot.slack.listeners.surfaces import open_modal
from bot.slack.notifier import profile_of
from bot.slack.render.help import error_message
from bot.slack.render.settings import settings_menu

log = logging.getLogger(__name__)


def current_profile(client: WebClient, slack_user_id: str) -> SlackProfile | None:
    """The caller as Slack sees them now (is_admin: an admin or owner); None if it won't say.

    users.info is Tier 4 and quick, so it fits in the 3 s the trigger_id lives."""
    try:
        return profile_of(client.users_info(user=slack_user_id)["user"])
    except SlackApiError as failure:
        log.warning("users.info for %s failed: %s", slack_user_id, failure.response.get("error"))
        return None


def _settings(call: Invocation) -> None:
    profile = current_profile(call.client, call.user_id)
    try:
        menu = call.services.settings.menu(call.user_id, profile)
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
