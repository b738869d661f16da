"""Follow-ups shared by several listeners: open the check-in modal, refresh the Home tab."""

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.registry import Services
from bot.services.snapshots import CheckinForm
from bot.slack.render.checkin_modal import checkin_modal
from bot.slack.render.home import home_view

log = logging.getLogger(__name__)


def open_checkin_modal(client: WebClient, trigger_id: str, form: CheckinForm) -> None:
    client.views_open(trigger_id=trigger_id, view=checkin_modal(form))


def refresh_home(client: WebClient, services: Services, slack_user_id: str) -> None:
    """Publish the member's Home; a failure here must not undo what they just saved."""
    try:
        client.views_publish(
            user_id=slack_user_id, view=home_view(services.home.home_for(slack_user_id))
        )
    except SlackApiError as error:
        log.warning("views.publish for %s failed: %s", slack_user_id, error.response.get("error"))
