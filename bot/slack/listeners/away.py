"""The *I'm away* modal's submission: pause check-ins and say so on the prompt."""

from datetime import date
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import DomainError
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.ids import AWAY_DATE_ACTION, AWAY_DATE_BLOCK, Callback
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.render.away import away_set
from bot.slack.render.help import notice_view


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    @app.view(Callback.AWAY_MODAL)
    def save_away(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        try:
            user = payload.user_id(body)
            state = payload.state_values(payload.view_of(body))
            picked = state.get(AWAY_DATE_BLOCK, {}).get(AWAY_DATE_ACTION, {})
            raw = picked.get("selected_date")
            until = date.fromisoformat(raw if isinstance(raw, str) else "")
        except ValueError:
            ack(response_action="errors", errors={AWAY_DATE_BLOCK: "Pick a date."})
            return
        except payload.StalePayload as stale:
            ack(response_action="update", view=notice_view("Away", stale.message))
            return
        try:
            result = services.away.go_away(user, until)
        except DomainError as refused:
            ack(response_action="errors", errors={AWAY_DATE_BLOCK: refused.message})
            return
        ack()
        if result.prompt_message is not None and result.until is not None:
            text, blocks = away_set(result.until)
            message = result.prompt_message
            after_ack.follow_ups.run(
                "chat.update of a prompt after I'm away",
                lambda: client.chat_update(
                    channel=message.channel_id, ts=message.ts, text=text, blocks=blocks
                ),
            )
