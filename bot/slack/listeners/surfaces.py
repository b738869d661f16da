"""Follow-ups shared by several listeners: open a modal, show a check-in receipt, refresh Home."""

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.errors import DomainError
from bot.services.checkins.results import CheckinForm, SavedCheckin
from bot.services.registry import Services
from bot.slack.delivery.follow_ups import FollowUps
from bot.slack.delivery.sender import RATE_LIMITED
from bot.slack.render.checkin_modal import checkin_modal
from bot.slack.render.checkin_receipt import checkin_receipt
from bot.slack.render.home import home_view

log = logging.getLogger(__name__)

# A trigger_id works once, within 3 s of the click: after these the click has to be repeated.
_CLICK_AGAIN = RATE_LIMITED | {"expired_trigger_id", "exchanged_trigger_id"}


class ClickAgain(DomainError):
    """Slack did not open the modal, and only a new click can: the person is told so."""


def open_modal(client: WebClient, trigger_id: str, view: dict[str, Any]) -> None:
    """views.open; when Slack is too busy or the click too old, ClickAgain says what to do."""
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        code = str(error.response.get("error") or "")
        if error.response.status_code != 429 and code not in _CLICK_AGAIN:
            raise
        log.warning("views.open failed (%s): asking to click again", code or "HTTP 429")
        raise ClickAgain(
            "Slack is busy right now and did not open the form. "
            "Nothing was lost: please click again in a few seconds."
        ) from error


def open_checkin_modal(client: WebClient, trigger_id: str, form: CheckinForm) -> None:
    open_modal(client, trigger_id, checkin_modal(form))


def refresh_home(
    client: WebClient, services: Services, follow_ups: FollowUps, slack_user_id: str
) -> None:
    """Publish the member's Home; a failure is logged and retried, never shown to them."""

    def publish() -> None:
        view = home_view(services.home.home_for(slack_user_id))
        client.views_publish(user_id=slack_user_id, view=view)

    follow_ups.run("views.publish of App Home", publish)


def show_receipt(
    client: WebClient, services: Services, follow_ups: FollowUps, saved: SavedCheckin
) -> None:
    """Turn the prompt DM into the receipt, and refresh Home for someone who may be looking.

    The check-in is saved by now: a failure here is retried later, never shown as a failure."""
    message = saved.prompt_message
    if message is not None:

        def update() -> None:
            text, blocks = checkin_receipt(services.checkins.receipt(saved))
            client.chat_update(channel=message.channel_id, ts=message.ts, text=text, blocks=blocks)

        follow_ups.run("chat.update of a check-in receipt", update)
    if saved.home_in_view:
        refresh_home(client, services, follow_ups, saved.slack_user_id)
