"""The *Test* button of the Data source section: ack at once, fetch, then show what was found."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack import payload
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.ids import Action
from bot.slack.listeners.draft_views import redraw, update_view
from bot.slack.source_views import tested


def register(app: App, services: Services) -> None:
    @app.action(Action.SOURCE_TEST)
    def test_source(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        user, view = payload.user_id(body), payload.view_of(body)
        where = payload.view_id(view), payload.view_hash(view)
        # A fetch can take seconds: Slack wants its answer within three.
        ack()
        metadata = DraftMetadata.from_json(view.get("private_metadata", ""))
        probe = tested(services, user, metadata.kr or 0, view)
        update_view(client, where, redraw(services, user, view, probe=probe))
