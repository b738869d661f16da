"""Signed Slack requests for Bolt: bodies shaped like Slack's, headers signed like Slack's."""

import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TEAM_ID = "T0TEAM0001"
APP_ID = "A0APP00001"
USER_ID = "U0USER0001"
CHANNEL_ID = "C0CHAN0001"
VIEW_ID = "V0VIEW0001"
TRIGGER_ID = "1700000000.1.0123456789abcdef"
# Port 9 on loopback refuses at once: a forgotten response_url fails the test, never the Internet.
UNSET_RESPONSE_URL = "http://127.0.0.1:9/response_url-not-set"

_event_ids = itertools.count(1)


def http_headers(
    body: str,
    secret: str,
    timestamp: int | None = None,
    content_type: str | None = None,
    *,
    retry_num: int | None = None,
    retry_reason: str = "http_timeout",
) -> dict[str, str]:
    """Headers Slack sends with `body`; retry_num adds the headers of an Events API redelivery."""
    # Bolt checks the timestamp against the real time (5-minute window), not a FrozenClock.
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    assert signature is not None
    headers = {
        "Content-Type": content_type or (JSON if body.lstrip().startswith("{") else FORM),
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = retry_reason
    return headers


def signature_for(body: bytes, secret: str, timestamp: str) -> str:
    """Slack's v0 signature over exact bytes, whatever they are (invalid UTF-8 included)."""
    basestring = b"v0:" + timestamp.encode("utf-8") + b":" + body
    return "v0=" + hmac.new(secret.encode(), basestring, hashlib.sha256).hexdigest()


def signed_request(
    body: str,
    secret: str,
    timestamp: int | None = None,
    content_type: str | None = None,
    *,
    retry_num: int | None = None,
) -> BoltRequest:
    """A request for app.dispatch(), signed exactly as Slack would sign it over HTTP."""
    headers = http_headers(body, secret, timestamp, content_type, retry_num=retry_num)
    return BoltRequest(body=body, headers={k.lower(): v for k, v in headers.items()})


def slash_command_body(
    command: str = "/okr",
    text: str = "",
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    trigger_id: str = TRIGGER_ID,
    team_id: str = TEAM_ID,
    response_url: str = UNSET_RESPONSE_URL,
    *,
    escape: bool = True,
) -> str:
    """A slash command as Slack posts it; `text` is what the user typed."""
    if escape:  # Slack HTML-escapes these three in command text before sending it
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return urlencode(
        {
            "token": "verification-token",
            "team_id": team_id,
            "team_domain": "test",
            "channel_id": channel_id,
            "channel_name": "directmessage" if channel_id.startswith("D") else "general",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def block_actions_body(
    action_id: str,
    value: str | None = None,
    user_id: str = USER_ID,
    *,
    block_id: str = "actions",
    action: Mapping[str, Any] | None = None,
    message: Mapping[str, Any] | None = None,
    channel_id: str | None = None,
    view: Mapping[str, Any] | None = None,
    team_id: str = TEAM_ID,
    trigger_id: str = TRIGGER_ID,
    response_url: str = UNSET_RESPONSE_URL,
) -> str:
    """A click on a message (message + channel_id) or in a view; `action` overrides the button."""
    clicked: dict[str, Any] = {"type": "button", "action_id": action_id, "block_id": block_id}
    clicked |= {"text": {"type": "plain_text", "text": "Button"}, "action_ts": "1700000000.1"}
    if value is not None:
        clicked["value"] = value
    clicked |= dict(action or {})
    payload = _envelope("block_actions", user_id, team_id, trigger_id)
    payload |= {"actions": [clicked], "state": {"values": {}}}
    if message is not None:
        if channel_id is None:
            raise ValueError("a click on a message needs the message's channel_id")
        payload["container"] = {
            "type": "message",
            "message_ts": message.get("ts", "1700000000.000100"),
            "channel_id": channel_id,
            "is_ephemeral": False,
        }
        payload["message"] = dict(message)
        payload["response_url"] = response_url
    if channel_id is not None:
        payload["channel"] = {"id": channel_id, "name": "general"}
    if view is not None:
        shown = {"id": VIEW_ID, "state": {"values": {}}} | dict(view)
        payload |= {"view": shown, "container": {"type": "view", "view_id": shown["id"]}}
        payload["state"] = shown["state"]
    return urlencode({"payload": json.dumps(payload)})


def view_submission_body(
    callback_id: str,
    state_values: Mapping[str, Mapping[str, Any]],
    user_id: str = USER_ID,
    private_metadata: str = "",
    view_id: str = VIEW_ID,
    *,
    blocks: list[dict[str, Any]] | None = None,
    team_id: str = TEAM_ID,
) -> str:
    """A modal submitted by `user_id`; state_values is {block_id: {action_id: element state}}."""
    payload = _envelope("view_submission", user_id, team_id, TRIGGER_ID)
    payload["response_urls"] = []
    payload["view"] = {
        "id": view_id,
        "team_id": team_id,
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": private_metadata,
        "blocks": blocks or [],
        "state": {"values": {k: dict(v) for k, v in state_values.items()}},
        "hash": "1700000000.abcdef",
        "title": {"type": "plain_text", "text": "OKR"},
        "submit": {"type": "plain_text", "text": "Save"},
        "root_view_id": view_id,
        "previous_view_id": None,
        "app_id": APP_ID,
        "bot_id": "BBOT",
        "external_id": "",
        "clear_on_close": False,
        "notify_on_close": False,
    }
    return urlencode({"payload": json.dumps(payload)})


def block_suggestion_body(
    action_id: str,
    typed: str = "",
    user_id: str = USER_ID,
    *,
    block_id: str = "block",
    view: Mapping[str, Any] | None = None,
    team_id: str = TEAM_ID,
) -> str:
    """Typing into an external select of an open modal: Slack asks the app for options."""
    payload = _envelope("block_suggestion", user_id, team_id, TRIGGER_ID)
    payload.pop("trigger_id")
    payload |= {"action_id": action_id, "block_id": block_id, "value": typed}
    shown = {"id": VIEW_ID, "type": "modal", "state": {"values": {}}} | dict(view or {})
    payload |= {"view": shown, "container": {"type": "view", "view_id": shown["id"]}}
    return urlencode({"payload": json.dumps(payload)})


def text_state(value: str | None) -> dict[str, Any]:
    """A plain_text_input's entry in state_values (None: left empty)."""
    return {"type": "plain_text_input", "value": value}


def select_state(value: str | None, text: str | None = None) -> dict[str, Any]:
    """A static_select's entry in state_values (None: nothing chosen)."""
    option = None if value is None else {"text": _plain(text or value), "value": value}
    return {"type": "static_select", "selected_option": option}


def event_body(
    event: Mapping[str, Any], event_id: str | None = None, team_id: str = TEAM_ID
) -> str:
    """An Events API delivery; each call gets a fresh event_id unless one is given (for retries)."""
    return json.dumps(
        {
            "token": "verification-token",
            "team_id": team_id,
            "api_app_id": APP_ID,
            "event": dict(event),
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_event_ids):010d}",
            "event_time": 1700000000,
            "authorizations": [
                {"team_id": team_id, "user_id": "UBOT", "is_bot": True, "enterprise_id": None}
            ],
            "is_ext_shared_channel": False,
        }
    )


def _envelope(kind: str, user_id: str, team_id: str, trigger_id: str) -> dict[str, Any]:
    return {
        "type": kind,
        "token": "verification-token",
        "api_app_id": APP_ID,
        "team": {"id": team_id, "domain": "test"},
        "user": {"id": user_id, "username": user_id.lower(), "team_id": team_id},
        "enterprise": None,
        "is_enterprise_install": False,
        "trigger_id": trigger_id,
    }


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}
