"""What the HTTP edge lets through to Bolt: small, signed, well-formed requests from Slack."""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from slack_bolt import BoltContext
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request import BoltRequest
from slack_bolt.request.internals import build_context

from bot.slack.signature import SlackSignature

if TYPE_CHECKING:
    from wsgiref.types import WSGIEnvironment

# Slack's own payloads stay far below this; anything bigger is not from Slack.
MAX_BODY_BYTES = 1024 * 1024
_READ_CHUNK = 64 * 1024
FORM = "application/x-www-form-urlencoded"
_MEDIA_TYPES = frozenset({FORM, "application/json"})
# Upper-case letters and digits (T…, U…, W…, E…); the database keeps up to 32 characters.
_SLACK_ID = re.compile(r"[A-Z0-9]{1,32}")
# Bolt reads these to run lazy listeners; only Bolt itself may set them, never a sender.
_BOLT_INTERNAL_HEADER = "x-slack-bolt-"


@dataclass(frozen=True)
class Refusal:
    """An answer given at the edge; nothing behind it ran."""

    status: str
    reason: str


UNSIGNED = Refusal("401 Unauthorized", "invalid request signature")
TOO_LARGE = Refusal("413 Request Entity Too Large", f"body over {MAX_BODY_BYTES} bytes")
NOT_SLACK_CONTENT = Refusal("400 Bad Request", "content type is not a form or JSON")
MALFORMED = Refusal("400 Bad Request", "body is not a Slack payload")
NO_IDENTITY = Refusal("400 Bad Request", "payload has no valid team and user ids")


def admit(environ: "WSGIEnvironment", signature: SlackSignature) -> BoltRequest | Refusal:
    """The request for Bolt, or why it is refused: size first, then signature, then shape."""
    body = read_body(environ)
    if isinstance(body, Refusal):
        return body
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    if not signature.is_signed(body, timestamp, environ.get("HTTP_X_SLACK_SIGNATURE")):
        return UNSIGNED
    return _bolt_request(environ, body)


def read_body(environ: "WSGIEnvironment") -> bytes | Refusal:
    """At most MAX_BODY_BYTES + 1 bytes are ever read, whatever the sender claims or sends."""
    declared = environ.get("CONTENT_LENGTH") or ""
    if declared:
        if not (declared.isascii() and declared.isdigit()):
            return MALFORMED
        if int(declared) > MAX_BODY_BYTES:
            return TOO_LARGE
        limit = int(declared)
    elif environ.get("wsgi.input_terminated"):
        limit = MAX_BODY_BYTES + 1  # a chunked body of unknown length: read up to the cap
    else:
        return b""  # PEP 3333: without a length, the input must not be read
    stream = environ["wsgi.input"]
    chunks: list[bytes] = []
    received = 0
    while received < limit:
        chunk = stream.read(min(_READ_CHUNK, limit - received))
        if not chunk:
            break
        chunks.append(chunk)
        received += len(chunk)
    return TOO_LARGE if received > MAX_BODY_BYTES else b"".join(chunks)


def _bolt_request(environ: "WSGIEnvironment", body: bytes) -> BoltRequest | Refusal:
    media_type = str(environ.get("CONTENT_TYPE") or "").split(";", 1)[0].strip().lower()
    if media_type not in _MEDIA_TYPES:
        return NOT_SLACK_CONTENT
    headers = {
        name: value
        for name, value in WsgiHttpRequest(environ).get_headers().items()
        if not name.startswith(_BOLT_INTERNAL_HEADER)
    }
    try:
        request = BoltRequest(
            body=body.decode("utf-8"), query=environ.get("QUERY_STRING", ""), headers=headers
        )
    # Bolt parses the body as it builds the request; whatever it trips on (invalid UTF-8,
    # `payload={`, `payload=null`, a JSON list) means the signed body is not a Slack payload.
    except Exception:
        return MALFORMED
    if not isinstance(request.body, dict):
        return MALFORMED
    if media_type == FORM:
        _parse_form_itself(request)
    return request if _identity_fits(request.body, request.context) else NO_IDENTITY


def _parse_form_itself(request: BoltRequest) -> None:
    """Bolt takes any form body with the word "payload" in it for an interactivity payload,
    so `/okr learnings payload` (or a workspace called payload-co) would lose its fields."""
    form = dict(parse_qsl(request.raw_body, keep_blank_values=True))
    if form and "payload" not in form and not request.body:
        request.body = form
        request.context = build_context(BoltContext(), form)


def _identity_fits(body: dict[str, Any], context: dict[str, Any]) -> bool:
    """Every payload names its team and user, except Slack's URL and certificate checks;
    some events name no user (app_uninstalled), and an event answered 4xx counts as failed."""
    if body.get("type") == "url_verification" or body.get("ssl_check") == "1":
        return True
    user = context.get("user_id")
    user_optional = body.get("type") == "event_callback" and user is None
    return _is_slack_id(context.get("team_id")) and (user_optional or _is_slack_id(user))


def _is_slack_id(value: object) -> bool:
    return isinstance(value, str) and _SLACK_ID.fullmatch(value) is not None
