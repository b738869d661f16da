"""Slack's user_change event: a changed profile (an away status set or cleared) is kept at once."""

from functools import partial
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack import payload
from bot.slack.delivery.notifier import profile_of
from bot.slack.listeners.after_ack import AfterAck

EVENTS = ("user_change",)


class Profiles:
    def __init__(self, services: Services, after_ack: AfterAck) -> None:
        self._services = services
        self._after_ack = after_ack

    def changed(self, body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        # Slack sends the whole user object, read as one of a users.list page would be. Storing
        # it twice stores the same, so a redelivery needs no claim.
        user = event.get("user")
        if isinstance(user, dict) and isinstance(user.get("profile"), dict):
            self._after_ack.answer(partial(self._store, user), body, client)

    def _store(self, user: dict[str, Any]) -> None:
        try:
            slack_user_id = payload.user_id({"user": user})
        except payload.StalePayload:
            return  # not a user object Slack sends: nothing to keep
        self._services.profiles.changed(slack_user_id, profile_of(user))


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    profiles = Profiles(services, after_ack)
    app.event("user_change")(profiles.changed)
