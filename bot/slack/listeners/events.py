"""Events: each delivered once; opening the App Home publishes a fresh view of one's KRs, and a
changed profile (an away status set or cleared) is kept at once."""

import logging
import re
from functools import partial
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.surfaces import refresh_home
from bot.slack.notifier import profile_of
from bot.slack.payload import StalePayload, user_id

log = logging.getLogger(__name__)

EVENTS = ("app_home_opened", "user_change")
# Slack's event ids are short (Ev0PV52K21); anything else is not one to claim.
_EVENT_ID = re.compile(r"Ev[A-Za-z0-9]{1,62}")


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    def first_delivery(body: dict[str, Any]) -> bool:
        # Slack redelivers an event (X-Slack-Retry-Num, Socket Mode's retry_attempt) when the
        # first answer was late; the event_id is the same, and it was handled the first time.
        # Claimed after the ack, with the work: the claim is a write, and no ack waits for one.
        event_id = body.get("event_id")
        if not isinstance(event_id, str) or _EVENT_ID.fullmatch(event_id) is None:
            return True
        if services.deliveries.first_delivery(event_id):
            return True
        log.info("event %s was delivered again; it was handled the first time", event_id)
        return False

    def publish_home(body: dict[str, Any], user: str, client: WebClient) -> None:
        if first_delivery(body):
            services.home.record_opened(user)
            refresh_home(client, services, after_ack.follow_ups, user)

    @app.event("app_home_opened")
    def home_opened(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        # Bolt acknowledges an event before its listener runs; the work leaves this thread too.
        user = event.get("user")
        if event.get("tab", "home") == "home" and isinstance(user, str):
            after_ack.answer(partial(publish_home, body, user, client), body, client)

    def store_profile(user: dict[str, Any]) -> None:
        try:
            slack_user_id = user_id({"user": user})
        except StalePayload:
            return  # not a user object Slack sends: nothing to keep
        services.profiles.changed(slack_user_id, profile_of(user))

    @app.event("user_change")
    def user_changed(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        # Slack sends the whole user object: read as one page of users.list would be. Storing
        # it twice stores the same, so a redelivery needs no claim.
        user = event.get("user")
        if isinstance(user, dict) and isinstance(user.get("profile"), dict):
            after_ack.answer(partial(store_profile, user), body, client)
