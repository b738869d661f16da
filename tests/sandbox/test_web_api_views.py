"""The simulated Web API opens, pushes, updates and publishes views within Slack's limits."""

import time
from typing import Any

import pytest

from bot.sandbox.demo import SAM
from bot.sandbox.webapi import limits
from tests.sandbox.simulated import Simulated
from tests.sandbox.web_api_checks import (
    MODAL,
    SECTION,
    open_modal,
    refusal,
    section,
)


def test_a_trigger_id_opens_one_view_within_three_seconds(slack: Simulated) -> None:
    trigger = slack.context.triggers.issue(SAM)
    opened = slack.client.views_open(trigger_id=trigger, view=MODAL)
    assert slack.workspace.modals[SAM] == [opened["view"]["id"]]

    again = lambda: slack.client.views_open(trigger_id=trigger, view=MODAL)  # noqa: E731
    assert refusal(slack, again) == "exchanged_trigger_id"
    made_up = lambda: slack.client.views_open(trigger_id="1.2.3", view=MODAL)  # noqa: E731
    assert refusal(slack, made_up) == "invalid_trigger_id"


def test_a_trigger_id_expires_after_three_seconds(slack: Simulated) -> None:
    trigger = slack.context.triggers.issue(SAM)
    # Slack's deadline is in real time: waiting it out is the point of this test.
    time.sleep(limits.TRIGGER_SECONDS + 0.2)

    late = lambda: slack.client.views_open(trigger_id=trigger, view=MODAL)  # noqa: E731
    assert refusal(slack, late) == "expired_trigger_id"


@pytest.mark.parametrize(
    "view",
    [
        MODAL | {"title": {"type": "plain_text", "text": "A title longer than 24 chars"}},
        MODAL | {"blocks": [section()] * 101},
        MODAL | {"private_metadata": "x" * 3001},
        MODAL
        | {
            "blocks": [
                {
                    "type": "input",
                    "label": {"type": "plain_text", "text": "L"},
                    "element": {"type": "plain_text_input", "action_id": "a"},
                }
            ]
        },
        {"type": "home", "blocks": [SECTION]},
    ],
    ids=["long title", "101 blocks", "long metadata", "input without submit", "home in a modal"],
)
def test_views_open_refuses_a_view_slack_refuses(slack: Simulated, view: dict[str, Any]) -> None:
    trigger = slack.context.triggers.issue(SAM)

    open_view = lambda: slack.client.views_open(trigger_id=trigger, view=view)  # noqa: E731

    assert refusal(slack, open_view) == "invalid_arguments"


def test_views_push_stops_at_three_views(slack: Simulated) -> None:
    open_modal(slack)
    for _ in range(2):
        slack.client.views_push(trigger_id=slack.context.triggers.issue(SAM), view=MODAL)

    trigger = slack.context.triggers.issue(SAM)
    fourth = lambda: slack.client.views_push(trigger_id=trigger, view=MODAL)  # noqa: E731
    assert refusal(slack, fourth) == "push_limit_reached"
    assert len(slack.workspace.modals[SAM]) == limits.MODAL_STACK


def test_views_update_checks_the_hash(slack: Simulated) -> None:
    opened = open_modal(slack)
    updated = slack.client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL)
    updated = updated["view"]
    assert updated["hash"] != opened["hash"]

    stale = lambda: slack.client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL)  # noqa: E731
    assert refusal(slack, stale) == "hash_conflict"
    gone = lambda: slack.client.views_update(view_id="V0NOWHERE", view=MODAL)  # noqa: E731
    assert refusal(slack, gone) == "not_found"


def test_views_publish_keeps_one_home_per_person(slack: Simulated) -> None:
    home = {"type": "home", "blocks": [section()]}
    first = slack.client.views_publish(user_id=SAM, view=home)["view"]
    second = slack.client.views_publish(user_id=SAM, view=home)["view"]

    assert first["id"] == second["id"] == slack.workspace.homes[SAM]
    nobody = lambda: slack.client.views_publish(user_id="U0NOBODY01", view=home)  # noqa: E731
    assert refusal(slack, nobody) == "user_not_found"
