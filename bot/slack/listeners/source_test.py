"""The *Test* button of the Data source section: ack at once, fetch, then show what was found."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.services.sources.results import SourceProbe
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.ids import Action
from bot.slack.listeners.draft_views import redraw_on_click
from bot.slack.source_views import tested


def register(app: App, services: Services) -> None:
    def probe(user: str, view: dict[str, Any]) -> SourceProbe:
        metadata = DraftMetadata.from_json(view.get("private_metadata", ""))
        return tested(services, user, metadata.kr or 0, view)

    def test_source(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        redraw_on_click(services, ack, body, client, probe=probe)

    app.action(Action.SOURCE_TEST)(test_source)
