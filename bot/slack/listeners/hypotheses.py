"""Hypothesis modals: adding one, and *Validated* / *Invalidated* asking for the result."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import DomainError
from bot.domain.hypotheses import HypothesisStatus
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.forms import FormErrors
from bot.slack.ids import RetroAction, RetroCallback
from bot.slack.render.help import notice_view
from bot.slack.render.hypotheses import hypotheses_message, result_modal
from bot.slack.retro_forms import STALE, parse_hypothesis, parse_result

_DECISIONS = {
    RetroAction.HYPOTHESIS_VALIDATED: HypothesisStatus.VALIDATED,
    RetroAction.HYPOTHESIS_INVALIDATED: HypothesisStatus.INVALIDATED,
}


def register(app: App, services: Services) -> None:
    @app.view(RetroCallback.HYPOTHESIS_MODAL)
    def save_hypothesis(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        try:
            user = payload.user_id(body)
            kr_id, draft = parse_hypothesis(payload.view_of(body))
            listing = services.hypotheses.add(user, kr_id, draft)
        except FormErrors as invalid:
            ack(response_action="errors", errors=invalid.errors)
            return
        except DomainError as refused:
            ack(response_action="update", view=notice_view("Hypothesis", refused.message))
            return
        ack()
        text, blocks = hypotheses_message(listing, added=True)
        client.chat_postMessage(channel=user, text=text, blocks=blocks)

    @app.action(RetroAction.HYPOTHESIS_VALIDATED)
    @app.action(RetroAction.HYPOTHESIS_INVALIDATED)
    def ask_result(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        action = payload.action_of(body)
        status = _DECISIONS[RetroAction(action["action_id"])]
        hypothesis_id = payload.button_id(action, STALE)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        ack()
        form = services.hypotheses.decision_form(user, hypothesis_id, status)
        client.views_open(trigger_id=trigger, view=result_modal(form))

    @app.view(RetroCallback.HYPOTHESIS_RESULT_MODAL)
    def save_result(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        try:
            user = payload.user_id(body)
            hypothesis_id, status, result = parse_result(payload.view_of(body))
            listing = services.hypotheses.decide(user, hypothesis_id, _status(status), result)
        except FormErrors as invalid:
            ack(response_action="errors", errors=invalid.errors)
            return
        except DomainError as refused:
            ack(response_action="update", view=notice_view("Hypothesis", refused.message))
            return
        ack()
        text, blocks = hypotheses_message(listing)
        client.chat_postMessage(channel=user, text=text, blocks=blocks)


def _status(value: str) -> HypothesisStatus:
    try:
        return HypothesisStatus(value)
    except ValueError as error:
        raise DomainError(STALE) from error
