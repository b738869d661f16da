"""The *I'm away* modal's submission: pause check-ins and say so on the prompt."""

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.checkins.results import AwayResult
from bot.services.registry import Services
from bot.slack.forms import away_until
from bot.slack.ids import AWAY_DATE_BLOCK, Callback
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.modal_submission import Submitted, modal_submission
from bot.slack.render.away import away_set


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    def save(user: str, view: dict[str, Any]) -> AwayResult:
        return services.away.go_away(user, away_until(view))

    def mark_prompt(done: Submitted[AwayResult], client: WebClient) -> None:
        result = done.saved
        if result.prompt_message is not None and result.until is not None:
            text, blocks = away_set(result.until)
            message = result.prompt_message
            after_ack.follow_ups.run(
                "chat.update of a prompt after I'm away",
                lambda: client.chat_update(
                    channel=message.channel_id, ts=message.ts, text=text, blocks=blocks
                ),
            )

    app.view(Callback.AWAY_MODAL)(
        modal_submission(save, mark_prompt, title="Away", refused_on=AWAY_DATE_BLOCK)
    )
