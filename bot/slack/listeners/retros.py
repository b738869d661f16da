"""The retro DM's *Start retro* button and the retro modal's submission: checked before the ack,
saved after it."""

import logging
from functools import partial
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.db.engine import patient_waits
from bot.domain.errors import DatabaseBusy, DomainError
from bot.services.registry import Services
from bot.services.retros.answers import RetroReceipt, RetroSubmission
from bot.slack import payload
from bot.slack.forms.retro import STALE, parse_retro
from bot.slack.ids import RetroAction, RetroCallback
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.modal_submission import Submitted, modal_submission
from bot.slack.render.retro_modal import retro_modal
from bot.slack.render.retro_request import retro_receipt
from bot.slack.render.retro_unsaved import unsaved_retro

log = logging.getLogger(__name__)


Answer = tuple[int, RetroSubmission]


class Retros:
    def __init__(self, services: Services, after_ack: AfterAck) -> None:
        self._answers = services.retro_answers
        self._after_ack = after_ack

    def start(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        # The retro id is a hint: the service checks this person was asked for it.
        retro_id = payload.button_id(payload.action_of(body), STALE)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        ack()
        form = self._answers.form(user, retro_id)
        client.views_open(trigger_id=trigger, view=retro_modal(form))

    def check(self, user: str, view: dict[str, Any]) -> Answer:
        """Fields, and whether this person may answer, judged with a read before the ack."""
        retro_id, answer = parse_retro(view)
        self._answers.check(user, retro_id)
        return retro_id, answer

    def hand_over(self, done: Submitted[Answer], client: WebClient) -> None:
        """The modal has closed: save off the listener thread, never within Slack's 3 s."""
        save = partial(self._save, client, done.user, *done.saved)
        self._after_ack.save(save, done.body, client)

    def _save(self, client: WebClient, user: str, retro_id: int, answer: RetroSubmission) -> None:
        """Save, then turn the request into its receipt; if it cannot be saved (answered
        meanwhile, a lock held too long), DM why with the answer as written."""
        try:
            with patient_waits(self._after_ack.save_wait):
                receipt = self._answers.answer(user, retro_id, answer)
        except (DomainError, DatabaseBusy) as refused:
            # Which error only, never whose retro: a log line would pair with the author.
            log.info("a retro answer was not saved: %s", type(refused).__name__)
            text, blocks = unsaved_retro(refused.message, answer)
            self._after_ack.follow_ups.run(
                "DM of a retro answer that was not saved",
                lambda: client.chat_postMessage(channel=user, text=text, blocks=blocks),
            )
            return
        _show_receipt(receipt, client)


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    retros = Retros(services, after_ack)
    app.action(RetroAction.START)(retros.start)
    app.view(RetroCallback.RETRO_MODAL)(
        modal_submission(retros.check, retros.hand_over, title="Retro")
    )


def _show_receipt(receipt: RetroReceipt, client: WebClient) -> None:
    if receipt.request_message is None:
        return
    text, blocks = retro_receipt(receipt)
    message = receipt.request_message
    try:
        client.chat_update(channel=message.channel_id, ts=message.ts, text=text, blocks=blocks)
    except SlackApiError as failure:
        # The answer is saved. Say which error, never whose DM: it would name the author.
        log.warning("a retro receipt was not shown: %s", failure.response.get("error"))
