"""Requests as Slack sends them to an app: slash commands, interactions and events."""

import json
import secrets
import time
from urllib.parse import urlencode

from bot.sandbox.model import APP_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, Channel, Json, User

VERIFICATION_TOKEN = "sandbox-verification-token"  # noqa: S105 -- Slack's legacy, unchecked field


def slash_command(
    user: User, channel: Channel, command: str, text: str, trigger_id: str, response_url: str
) -> str:
    # Slack HTML-escapes these three in the command's text before sending it.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return urlencode(
        {
            "token": VERIFICATION_TOKEN,
            "team_id": TEAM_ID,
            "team_domain": TEAM_DOMAIN,
            "channel_id": channel.id,
            "channel_name": "directmessage" if channel.is_im else channel.name,
            "user_id": user.id,
            "user_name": user.name,
            "command": command,
            "text": escaped,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def interaction(kind: str, user: User, trigger_id: str | None, fields: Json) -> str:
    """block_actions, view_submission, view_closed or block_suggestion (which carries no
    trigger_id), form-encoded under `payload`."""
    payload: Json = {
        "type": kind,
        "token": VERIFICATION_TOKEN,
        "api_app_id": APP_ID,
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": {"id": user.id, "username": user.name, "name": user.name, "team_id": TEAM_ID},
        "enterprise": None,
        "is_enterprise_install": False,
    }
    if trigger_id is not None:
        payload["trigger_id"] = trigger_id
    return urlencode({"payload": json.dumps(payload | fields)})


def event(inner: Json) -> str:
    """An Events API delivery with a fresh event id."""
    now = time.time()
    return json.dumps(
        {
            "token": VERIFICATION_TOKEN,
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "event": inner | {"event_ts": f"{now:.6f}"},
            "type": "event_callback",
            "event_id": "Ev" + secrets.token_hex(6).upper(),
            "event_time": int(now),
            "authorizations": [
                {"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True, "enterprise_id": None}
            ],
            "is_ext_shared_channel": False,
        }
    )
