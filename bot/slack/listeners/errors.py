"""One error handler: domain errors become a kind private message, anything else a reference."""

import logging
import uuid
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.errors import DatabaseBusy, DomainError
from bot.slack.modal_errors import modal_kept_open
from bot.slack.render.help import error_message

log = logging.getLogger(__name__)


def register(app: App) -> None:
    @app.error
    def tell_the_user(
        error: Exception,
        body: dict[str, Any],
        respond: Respond | None,
        client: WebClient,
        response: BoltResponse | None,
    ) -> BoltResponse:
        if isinstance(error, DatabaseBusy):
            log.warning("database busy: %s", error.__cause__ or error)
            # Not acknowledged yet (`response` is set): a modal stays open with its answers.
            kept = modal_kept_open(body, error.message) if response is not None else None
            if kept is not None:
                return kept
            message = error.message
        elif isinstance(error, DomainError):
            message = error.message
        else:
            reference = uuid.uuid4().hex[:8]
            log.error("unexpected error (ref %s)", reference, exc_info=error)
            message = f"Sorry, something went wrong on my side (ref {reference}). Please try again."
        _tell(body, respond, client, message)
        # Always 200: a business error must never look like a failed delivery to Slack.
        return BoltResponse(status=200, body="")


def _tell(body: dict[str, Any], respond: Respond | None, client: WebClient, message: str) -> None:
    text, blocks = error_message(message)
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    try:
        if respond is not None and body.get("response_url"):
            respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
        elif user and body.get("channel_id"):
            client.chat_postEphemeral(
                channel=body["channel_id"], user=user, text=text, blocks=blocks
            )
        elif user:
            client.chat_postMessage(channel=user, text=text, blocks=blocks)
    except SlackApiError as failure:
        log.warning("could not tell %s about an error: %s", user, failure.response.get("error"))
