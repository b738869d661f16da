"""Events: opening the App Home publishes a fresh view of the member's key results."""

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack.follow_ups import FollowUps
from bot.slack.listeners.surfaces import refresh_home

EVENTS = ("app_home_opened",)


def register(app: App, services: Services, follow_ups: FollowUps) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user = event["user"]
        services.home.record_opened(user)
        refresh_home(client, services, follow_ups, user)
