"""One error handler: domain errors become a kind private message, anything else a reference."""

import logging
import uuid
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.errors import DatabaseBusy, DomainError
from bot.slack.forms.modal_errors import modal_kept_open
from bot.slack.render.help import error_message
from bot.slack.signature import SlackSignature

log = logging.getLogger(__name__)

# A listener may fail well after the request arrived; a response_url lives 30 minutes.
ERROR_REPLY_MAX_AGE_S = 30 * 60


def register(app: App, signing_secret: str | None) -> None:
    signature = SlackSignature(signing_secret, max_age_s=ERROR_REPLY_MAX_AGE_S)

    @app.error
    def tell_the_user(
        error: Exception,
        request: BoltRequest,
        body: dict[str, Any],
        respond: Respond | None,
        client: WebClient,
        response: BoltResponse | None,
    ) -> BoltResponse:
        if not _from_slack(request, signature):
            # Bolt hands this handler a request whose signature check raised (a timestamp
            # that is not a number, say): its body names a response_url and people to
            # message, all chosen by whoever sent it. Answer nothing and touch nothing.
            log.warning("refused a request whose Slack signature could not be verified")
            return BoltResponse(status=401, body="")
        message = _explain(error)
        if isinstance(error, DatabaseBusy) and response is not None:
            # Not acknowledged yet (`response` is set): a modal stays open with its answers.
            kept = modal_kept_open(body, message)
            if kept is not None:
                return kept
        _tell(body, respond, client, message)
        # Always 200: a business error must never look like a failed delivery to Slack.
        return BoltResponse(status=200, body="")


def tell_about(error: Exception, body: dict[str, Any], client: WebClient) -> None:
    """Tell the person as the error handler would, for work done after the listener returned
    (so after Bolt verified the request)."""
    url = body.get("response_url")
    _tell(body, Respond(response_url=str(url)) if url else None, client, _explain(error))


def _explain(error: Exception) -> str:
    """What to tell the person; anything unexpected is logged with a reference to quote."""
    if isinstance(error, DatabaseBusy):
        log.warning("database busy: %s", error.__cause__ or error)
        return error.message
    if isinstance(error, DomainError):
        return error.message
    reference = uuid.uuid4().hex[:8]
    log.error("unexpected error (ref %s)", reference, exc_info=error)
    return f"Sorry, something went wrong on my side (ref {reference}). Please try again."


def _from_slack(request: BoltRequest, signature: SlackSignature) -> bool:
    """Socket Mode is authenticated by the app token; over HTTP, the signature must hold."""
    if request.mode == "socket_mode":
        return True
    body = request.raw_body.encode("utf-8", errors="replace")
    timestamp = _first(request, "x-slack-request-timestamp")
    return signature.is_signed(body, timestamp, _first(request, "x-slack-signature"))


def _first(request: BoltRequest, header: str) -> str | None:
    values = request.headers.get(header) or ()
    return next(iter(values), None)


def _tell(body: dict[str, Any], respond: Respond | None, client: WebClient, message: str) -> None:
    text, blocks = error_message(message)
    user = _text(body.get("user_id")) or _text(_field(body.get("user"), "id"))
    channel = _text(body.get("channel_id"))  # a slash command's channel
    try:
        if respond is not None and body.get("response_url"):
            respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
        elif user and channel:
            client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=blocks)
        elif user:
            client.chat_postMessage(channel=user, text=text, blocks=blocks)
    except SlackApiError as failure:
        log.warning("could not tell %s about an error: %s", user, failure.response.get("error"))


def _field(value: object, name: str) -> object:
    return value.get(name) if isinstance(value, dict) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
