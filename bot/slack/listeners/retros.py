"""The retro DM's *Start retro* button and the retro modal's submission."""

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.errors import DomainError
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.forms import FormErrors
from bot.slack.ids import RetroAction, RetroCallback
from bot.slack.render.help import notice_view
from bot.slack.render.retro_modal import retro_modal
from bot.slack.render.retro_request import retro_receipt
from bot.slack.retro_forms import STALE, parse_retro

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    @app.action(RetroAction.START)
    def start_retro(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        # The retro id is a hint: the service checks this person was asked for it.
        retro_id = payload.button_id(payload.action_of(body), STALE)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        ack()
        form = services.retro_answers.form(user, retro_id)
        client.views_open(trigger_id=trigger, view=retro_modal(form))

    @app.view(RetroCallback.RETRO_MODAL)
    def save_retro(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        try:
            user = payload.user_id(body)
            retro_id, answer = parse_retro(payload.view_of(body))
            receipt = services.retro_answers.answer(user, retro_id, answer)
        except FormErrors as invalid:
            ack(response_action="errors", errors=invalid.errors)
            return
        except DomainError as refused:
            ack(response_action="update", view=notice_view("Retro", refused.message))
            return
        ack()
        if receipt.request_message is not None:
            text, blocks = retro_receipt(receipt)
            message = receipt.request_message
            try:
                client.chat_update(
                    channel=message.channel_id, ts=message.ts, text=text, blocks=blocks
                )
            except SlackApiError as failure:
                # The answer is saved. Say which error, never whose DM: it would name the author.
                log.warning("a retro receipt was not shown: %s", failure.response.get("error"))
