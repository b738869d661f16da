"""Hypothesis modals: adding one, and *Validated* / *Invalidated* asking for the result."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import DomainError
from bot.domain.hypotheses import HypothesisStatus
from bot.services.okrs.hypotheses import KRHypotheses
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.forms.retro import STALE, parse_hypothesis, parse_result
from bot.slack.ids import RetroAction, RetroCallback
from bot.slack.listeners.modal_submission import Submitted, modal_submission
from bot.slack.render.hypotheses import hypotheses_message, result_modal

_DECISIONS = {
    RetroAction.HYPOTHESIS_VALIDATED: HypothesisStatus.VALIDATED,
    RetroAction.HYPOTHESIS_INVALIDATED: HypothesisStatus.INVALIDATED,
}


class Hypotheses:
    def __init__(self, services: Services) -> None:
        self._hypotheses = services.hypotheses

    def add(self, user: str, view: dict[str, Any]) -> KRHypotheses:
        kr_id, draft = parse_hypothesis(view)
        return self._hypotheses.add(user, kr_id, draft)

    def ask_result(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        action = payload.action_of(body)
        status = _DECISIONS[RetroAction(action["action_id"])]
        hypothesis_id = payload.button_id(action, STALE)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        ack()
        form = self._hypotheses.decision_form(user, hypothesis_id, status)
        client.views_open(trigger_id=trigger, view=result_modal(form))

    def decide(self, user: str, view: dict[str, Any]) -> KRHypotheses:
        hypothesis_id, status, result = parse_result(view)
        return self._hypotheses.decide(user, hypothesis_id, _status(status), result)


def register(app: App, services: Services) -> None:
    hypotheses = Hypotheses(services)
    app.view(RetroCallback.HYPOTHESIS_MODAL)(
        modal_submission(hypotheses.add, _post_added, title="Hypothesis")
    )
    app.action(RetroAction.HYPOTHESIS_VALIDATED)(hypotheses.ask_result)
    app.action(RetroAction.HYPOTHESIS_INVALIDATED)(hypotheses.ask_result)
    app.view(RetroCallback.HYPOTHESIS_RESULT_MODAL)(
        modal_submission(hypotheses.decide, _post_listing, title="Hypothesis")
    )


def _post_added(done: Submitted[KRHypotheses], client: WebClient) -> None:
    text, blocks = hypotheses_message(done.saved, added=True)
    client.chat_postMessage(channel=done.user, text=text, blocks=blocks)


def _post_listing(done: Submitted[KRHypotheses], client: WebClient) -> None:
    text, blocks = hypotheses_message(done.saved)
    client.chat_postMessage(channel=done.user, text=text, blocks=blocks)


def _status(value: str) -> HypothesisStatus:
    try:
        return HypothesisStatus(value)
    except ValueError as error:
        raise DomainError(STALE) from error
