"""Events: opening the App Home publishes a fresh view of the member's key results."""

from functools import partial
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.surfaces import refresh_home

EVENTS = ("app_home_opened",)


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    def publish_home(body: dict[str, Any], client: WebClient) -> None:
        user = body["event"]["user"]
        services.home.record_opened(user)
        refresh_home(client, services, after_ack.follow_ups, user)

    @app.event("app_home_opened")
    def home_opened(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        # Events are acknowledged before any listener runs; the work still leaves this thread.
        if event.get("tab", "home") == "home":
            after_ack.answer(partial(publish_home, body, client), body, client)
