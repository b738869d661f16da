"""One error handler: domain errors become a kind private message, anything else a reference."""

import logging
import uuid
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.errors import DomainError
from bot.slack.render.help import error_message

log = logging.getLogger(__name__)


def register(app: App) -> None:
    @app.error
    def tell_the_user(
        error: Exception, body: dict[str, Any], respond: Respond | None, client: WebClient
    ) -> BoltResponse:
        _tell(body, respond, client, _explain(error))
        # Always 200: a business error must never look like a failed delivery to Slack.
        return BoltResponse(status=200, body="")


def tell_about(error: Exception, body: dict[str, Any], client: WebClient) -> None:
    """Tell the person as the error handler would, for work done after the listener returned."""
    url = body.get("response_url")
    _tell(body, Respond(response_url=str(url)) if url else None, client, _explain(error))


def _explain(error: Exception) -> str:
    if isinstance(error, DomainError):
        return error.message
    reference = uuid.uuid4().hex[:8]
    log.error("unexpected error (ref %s)", reference, exc_info=error)
    return f"Sorry, something went wrong on my side (ref {reference}). Please try again."


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
