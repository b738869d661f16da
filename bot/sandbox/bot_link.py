"""Slack's side of the production path: signed HTTP requests to the bot's /slack/events."""

import json
import time
from dataclasses import dataclass

import httpx
from slack_sdk.signature import SignatureVerifier

from bot.sandbox.model import Json

# Slack gives an app 3 seconds to acknowledge, then tells the person it failed.
ACK_DEADLINE_S = 3.0
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class BotAnswer:
    status: int | None  # None: no answer within Slack's 3 seconds, or none at all
    body: str
    failure: str | None = None  # Slack's word for what went wrong, e.g. operation_timeout

    def json(self) -> Json | None:
        if not self.body.strip().startswith("{"):
            return None
        try:
            loaded = json.loads(self.body)
        except ValueError:
            return None
        return loaded if isinstance(loaded, dict) else None


class BotLink:
    def __init__(self, events_url: str, signing_secret: str) -> None:
        self._url = events_url
        self._signer = SignatureVerifier(signing_secret)
        self._http = httpx.Client(timeout=ACK_DEADLINE_S)

    def send(self, body: str, content_type: str = FORM) -> BotAnswer:
        timestamp = str(int(time.time()))  # Slack signs with real time, whatever the clock says
        signature = self._signer.generate_signature(timestamp=timestamp, body=body)
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature or "",
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        }
        try:
            response = self._http.post(self._url, content=body.encode(), headers=headers)
        except httpx.TimeoutException:
            return BotAnswer(None, "", "operation_timeout")
        except httpx.TransportError:
            return BotAnswer(None, "", "dispatch_failed")
        failure = None if response.status_code == 200 else "dispatch_failed"
        return BotAnswer(response.status_code, response.text, failure)

    def close(self) -> None:
        self._http.close()
