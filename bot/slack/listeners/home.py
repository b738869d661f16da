"""App Home: opening it publishes a fresh view of one's KRs; its *History* button.

Events are handled once each: Slack redelivers an event whose first answer was late."""

import logging
import re
from functools import partial
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack import payload
from bot.slack.ids import Action
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.surfaces import open_modal, refresh_home
from bot.slack.render.history import history_modal

log = logging.getLogger(__name__)

EVENTS = ("app_home_opened",)
# Slack's event ids are short (Ev0PV52K21); anything else is not one to claim.
_EVENT_ID = re.compile(r"Ev[A-Za-z0-9]{1,62}")


class Home:
    def __init__(self, services: Services, after_ack: AfterAck) -> None:
        self._services = services
        self._after_ack = after_ack

    def opened(self, body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        # Bolt acknowledges an event before its listener runs; the work leaves this thread too.
        user = event.get("user")
        if event.get("tab", "home") == "home" and isinstance(user, str):
            self._after_ack.answer(partial(self._publish, body, user, client), body, client)

    def show_history(self, body: dict[str, Any], client: WebClient) -> None:
        kr_id, trigger = payload.button_id(payload.action_of(body)), payload.trigger_id(body)
        open_modal(client, trigger, history_modal(self._services.checkins.history(kr_id)))

    def _publish(self, body: dict[str, Any], user: str, client: WebClient) -> None:
        if self._first_delivery(body):
            self._services.home.record_opened(user)
            refresh_home(client, self._services, self._after_ack.follow_ups, user)

    def _first_delivery(self, body: dict[str, Any]) -> bool:
        # Slack redelivers an event (X-Slack-Retry-Num, Socket Mode's retry_attempt) when the
        # first answer was late; the event_id is the same, and it was handled the first time.
        # Claimed after the ack, with the work: the claim is a write, and no ack waits for one.
        event_id = body.get("event_id")
        if not isinstance(event_id, str) or _EVENT_ID.fullmatch(event_id) is None:
            return True
        if self._services.deliveries.first_delivery(event_id):
            return True
        log.info("event %s was delivered again; it was handled the first time", event_id)
        return False


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    home = Home(services, after_ack)
    app.event("app_home_opened")(home.opened)
    app.action(Action.HOME_HISTORY)(after_ack.then_open_modal(home.show_history))
