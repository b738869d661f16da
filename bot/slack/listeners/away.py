"""*I'm away* on the prompt: ask until when, then pause check-ins and say so on the prompt."""

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.checkins.results import AwayResult
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.forms.checkin import away_until
from bot.slack.ids import AWAY_DATE_BLOCK, Action, Callback
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.checkins import STALE_PROMPT
from bot.slack.listeners.modal_submission import Submitted, modal_submission
from bot.slack.listeners.surfaces import open_modal
from bot.slack.render.away import away_modal, away_set


class Away:
    def __init__(self, services: Services, after_ack: AfterAck) -> None:
        self._away = services.away
        self._follow_ups = after_ack.follow_ups

    def ask_until_when(self, body: dict[str, Any], client: WebClient) -> None:
        period = payload.value(payload.action_of(body), STALE_PROMPT)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        open_modal(client, trigger, away_modal(period, self._away.today_for(user)))

    def go_away(self, user: str, view: dict[str, Any]) -> AwayResult:
        return self._away.go_away(user, away_until(view))

    def mark_prompt(self, done: Submitted[AwayResult], client: WebClient) -> None:
        result = done.saved
        if result.prompt_message is None or result.until is None:
            return
        text, blocks = away_set(result.until)
        message = result.prompt_message
        self._follow_ups.run(
            "chat.update of a prompt after I'm away",
            lambda: client.chat_update(
                channel=message.channel_id, ts=message.ts, text=text, blocks=blocks
            ),
        )


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    away = Away(services, after_ack)
    app.action(Action.AWAY)(after_ack.then_open_modal(away.ask_until_when))
    app.view(Callback.AWAY_MODAL)(
        modal_submission(away.go_away, away.mark_prompt, title="Away", refused_on=AWAY_DATE_BLOCK)
    )
