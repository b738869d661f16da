"""The simulated Web API posts and edits messages as Slack does, and refuses what it refuses."""

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox.demo import SAM
from bot.sandbox.webapi import limits
from tests.sandbox.simulated import Simulated
from tests.sandbox.web_api_checks import (
    GENERAL,
    GROWTH,
    refusal,
    section,
)


def test_a_wrong_token_is_refused(slack: Simulated) -> None:
    stranger = WebClient(token="xoxb-someone-else", base_url=slack.client.base_url)

    assert refusal(slack, stranger.auth_test) == "invalid_auth"


def test_auth_test_names_the_bot(slack: Simulated) -> None:
    answer = slack.client.auth_test()

    assert answer["user_id"].startswith("U") and answer["bot_id"].startswith("B")


def test_an_unknown_method_is_refused(slack: Simulated) -> None:
    assert refusal(slack, lambda: slack.client.api_call("chat.scheduleMessage")) == "unknown_method"


def test_posting_to_a_user_id_lands_in_the_dm_and_answers_its_id(slack: Simulated) -> None:
    answer = slack.client.chat_postMessage(channel=SAM, text="hello", blocks=[section()])

    assert answer["channel"] == "D" + SAM[1:]
    posted = slack.workspace.find_message(answer["channel"], answer["ts"])
    assert posted is not None and posted.text == "hello"


def test_conversations_open_answers_the_same_dm(slack: Simulated) -> None:
    answer = slack.client.conversations_open(users=SAM)

    assert answer["channel"]["id"] == "D" + SAM[1:]


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"channel": "C0NOWHERE1", "text": "x"}, "channel_not_found"),
        ({"channel": "U0NOBODY01", "text": "x"}, "channel_not_found"),
        ({"channel": GENERAL, "text": "x"}, "not_in_channel"),
        ({"channel": GROWTH}, "no_text"),
        ({"channel": GROWTH, "text": "x" * (limits.MESSAGE_TEXT_CHARS + 1)}, "msg_too_long"),
        ({"channel": GROWTH, "text": "x", "blocks": [section()] * 51}, "invalid_blocks"),
        ({"channel": GROWTH, "text": "x", "blocks": [section("y" * 3001)]}, "invalid_blocks"),
        ({"channel": GROWTH, "text": "x", "blocks": [{"type": "sectoin"}]}, "invalid_blocks"),
        ({"channel": GROWTH, "text": "x", "thread_ts": "1.000001"}, "thread_not_found"),
    ],
)
# slack-sdk warns about a message without `text` before sending it; that is the case tested.
@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_chat_post_message_refuses_what_slack_refuses(
    slack: Simulated, arguments: dict[str, Any], error: str
) -> None:
    assert refusal(slack, lambda: slack.client.chat_postMessage(**arguments)) == error


def test_blocks_too_long_in_total_are_refused(slack: Simulated) -> None:
    blocks = [section("y" * 2900) for _ in range(5)]

    post = lambda: slack.client.chat_postMessage(channel=GROWTH, text="x", blocks=blocks)  # noqa: E731

    assert refusal(slack, post) == "msg_blocks_too_long"


def test_invalid_blocks_say_what_is_wrong(slack: Simulated) -> None:
    button = {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "x" * 80}}
    overflow = {"type": "overflow", "action_id": "b", "options": [_option(i) for i in range(6)]}
    options = [_option(i) for i in range(101)]
    select = {"type": "static_select", "action_id": "c", "options": options}
    choices = {"type": "checkboxes", "action_id": "d", "options": [_option(i) for i in range(11)]}
    blocks = [{"type": "actions", "elements": [e]} for e in (button, overflow, select, choices)]

    with pytest.raises(SlackApiError):
        slack.client.chat_postMessage(channel=GROWTH, text="x", blocks=blocks)

    details = " ".join(slack.workspace.problems[-1].details)
    assert "75 characters" in details and "100 elements" in details
    assert "between 1 and 5" in details and "more than 10" in details


def test_chat_update_needs_the_bots_own_message(slack: Simulated) -> None:
    posted = slack.client.chat_postMessage(channel=SAM, text="prompt")
    slack.client.chat_update(channel=posted["channel"], ts=posted["ts"], text="receipt")

    edited = slack.workspace.find_message(posted["channel"], posted["ts"])
    assert edited is not None and edited.text == "receipt" and edited.edited
    missing = lambda: slack.client.chat_update(channel=posted["channel"], ts="1.5", text="x")  # noqa: E731
    assert refusal(slack, missing) == "message_not_found"
    by_user_id = lambda: slack.client.chat_update(channel=SAM, ts=posted["ts"], text="x")  # noqa: E731
    assert refusal(slack, by_user_id) == "channel_not_found"


def test_an_ephemeral_needs_someone_in_the_channel(slack: Simulated) -> None:
    shown = slack.client.chat_postEphemeral(channel=GROWTH, user=SAM, text="only you")
    assert shown["message_ts"]

    outsider = lambda: slack.client.chat_postEphemeral(channel=GROWTH, user="U0AIKO0001", text="x")  # noqa: E731
    assert refusal(slack, outsider) == "user_not_in_channel"


def _option(n: int) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": f"o{n}"}, "value": str(n)}
