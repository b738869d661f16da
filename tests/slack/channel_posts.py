"""A fixture that fails a test whose channel posts would notify anyone."""

from collections.abc import Iterator

import pytest

from tests.fakes.pings import pings
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.slack.harness import SlackHarness

POSTING = {"chat.postMessage", "chat.update", "chat.scheduleMessage"}


def channel_posts(fake: FakeSlackApi) -> list[Call]:
    """Every message sent to a channel (not a DM, whose reader may be mentioned)."""
    return [
        call
        for call in fake.history()
        if call.method in POSTING and str(call.body.get("channel", "")).startswith(("C", "G"))
    ]


@pytest.fixture
def quiet_channels(slack: SlackHarness) -> Iterator[None]:
    yield
    loud = [
        (call.body["channel"], found)
        for call in channel_posts(slack.fake)
        if (
            found := pings(
                {"text": call.body.get("text", ""), "blocks": call.body.get("blocks", [])}
            )
        )
    ]
    assert not loud, f"channel posts that notify people: {loud}"
