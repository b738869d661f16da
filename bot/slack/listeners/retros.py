"""The retro DM's *Start retro* button and the retro modal's submission."""

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.registry import Services
from bot.services.retros.answers import RetroReceipt
from bot.slack import payload
from bot.slack.forms.retro import STALE, parse_retro
from bot.slack.ids import RetroAction, RetroCallback
from bot.slack.listeners.modal_submission import Submitted, modal_submission
from bot.slack.render.retro_modal import retro_modal
from bot.slack.render.retro_request import retro_receipt

log = logging.getLogger(__name__)


class Retros:
    def __init__(self, services: Services) -> None:
        self._answers = services.retro_answers

    def start(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        # The retro id is a hint: the service checks this person was asked for it.
        retro_id = payload.button_id(payload.action_of(body), STALE)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        ack()
        form = self._answers.form(user, retro_id)
        client.views_open(trigger_id=trigger, view=retro_modal(form))

    def answer(self, user: str, view: dict[str, Any]) -> RetroReceipt:
        retro_id, answer = parse_retro(view)
        return self._answers.answer(user, retro_id, answer)


def register(app: App, services: Services) -> None:
    retros = Retros(services)
    app.action(RetroAction.START)(retros.start)
    app.view(RetroCallback.RETRO_MODAL)(
        modal_submission(retros.answer, _show_receipt, title="Retro")
    )


def _show_receipt(done: Submitted[RetroReceipt], client: WebClient) -> None:
    receipt = done.saved
    if receipt.request_message is None:
        return
    text, blocks = retro_receipt(receipt)
    message = receipt.request_message
    try:
        client.chat_update(channel=message.channel_id, ts=message.ts, text=text, blocks=blocks)
    except SlackApiError as failure:
        # The answer is saved. Say which error, never whose DM: it would name the author.
        log.warning("a retro receipt was not shown: %s", failure.response.get("error"))
