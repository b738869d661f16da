"""What the simulated Web API's tests share: the demo's channels, a modal, reading a refusal."""

from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from bot.sandbox.demo import SAM
from tests.sandbox.simulated import Simulated

GROWTH = "C0GROWTH01"
GENERAL = "C0GENERAL1"  # the bot is not in it
SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}
MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Check-in"}, "blocks": [SECTION]}


def refusal(slack: Simulated, call: Callable[[], Any]) -> str:
    """Slack's error code for a call that must fail; it is also listed in the page."""
    before = len(slack.workspace.problems)
    with pytest.raises(SlackApiError) as refused:
        call()
    error = str(refused.value.response["error"])
    assert slack.workspace.problems[before:], "the refusal is not shown in the page"
    assert slack.workspace.problems[-1].error == error
    return error


def section(text: str = "hi") -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def open_modal(slack: Simulated) -> dict[str, Any]:
    opened = slack.client.views_open(trigger_id=slack.context.triggers.issue(SAM), view=MODAL)
    view: dict[str, Any] = opened["view"]
    return view
