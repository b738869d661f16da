"""The check-in modal's submission: field errors in the modal, or save and show a receipt."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import DomainError
from bot.services.registry import Services
from bot.slack.forms import FormErrors, parse_checkin
from bot.slack.ids import Callback
from bot.slack.listeners.surfaces import refresh_home
from bot.slack.render.checkin_receipt import checkin_receipt
from bot.slack.render.help import notice_view


def register(app: App, services: Services) -> None:
    @app.view(Callback.CHECKIN_MODAL)
    def save_checkin(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        user = body["user"]["id"]
        # Validation and the save happen before ack(): only the ack can show field errors.
        try:
            submission = parse_checkin(view)
            receipt = services.checkins.save_checkin(user, submission.period, submission.answers)
        except FormErrors as invalid:
            ack(response_action="errors", errors=invalid.errors)
            return
        except DomainError as refused:
            ack(response_action="update", view=notice_view("Check-in", refused.message))
            return
        ack()
        if receipt.prompt_message is not None:
            text, blocks = checkin_receipt(receipt)
            message = receipt.prompt_message
            client.chat_update(channel=message.channel_id, ts=message.ts, text=text, blocks=blocks)
        refresh_home(client, services, user)
