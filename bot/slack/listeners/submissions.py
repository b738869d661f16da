"""The check-in modal's submission: field errors in the modal, or save and show a receipt."""

from functools import partial
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import DomainError
from bot.services.registry import Services
from bot.slack.forms import FormErrors, parse_checkin
from bot.slack.ids import Callback
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.surfaces import show_receipt
from bot.slack.render.help import notice_view


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    @app.view(Callback.CHECKIN_MODAL)
    def save_checkin(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        user = body["user"]["id"]
        # Only the ack can show field errors or a refusal, so the short save comes before it;
        # the form is checked in memory first. Slack calls wait until after the ack.
        try:
            submission = parse_checkin(view)
            with after_ack.urgent():
                saved = services.checkins.save_checkin(user, submission.period, submission.answers)
        except FormErrors as invalid:
            ack(response_action="errors", errors=invalid.errors)
            return
        except DomainError as refused:
            ack(response_action="update", view=notice_view("Check-in", refused.message))
            return
        ack()
        after_ack.answer(
            partial(show_receipt, client, services, after_ack.follow_ups, saved), body, client
        )
