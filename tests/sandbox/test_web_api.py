"""The simulated Web API answers as Slack does, and each refusal is shown in the page."""

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox.demo import MAYA, PRIYA, SAM
from bot.sandbox.model import User
from bot.sandbox.webapi import limits
from tests.sandbox.simulated import Simulated, simulated_slack

GROWTH = "C0GROWTH01"
GENERAL = "C0GENERAL1"  # the bot is not in it
SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}
MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Check-in"}, "blocks": [SECTION]}


@pytest.fixture
def slack() -> Iterator[Simulated]:
    with simulated_slack() as simulated:
        yield simulated


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


def test_users_info_knows_each_persons_zone(slack: Simulated) -> None:
    priya = slack.client.users_info(user=PRIYA)["user"]

    assert priya["tz"] == "Asia/Singapore" and priya["tz_offset"] == 8 * 3600
    assert refusal(slack, lambda: slack.client.users_info(user="U0NOBODY01")) == "user_not_found"


def test_users_list_pages_two_hundred_at_a_time(slack: Simulated) -> None:
    for n in range(450):
        slack.workspace.add_user(User(f"U1{n:08d}", f"user{n}", f"User {n}", "UTC"))
    seen: list[str] = []
    pages = 0
    for page in slack.client.users_list(limit=1000):
        pages += 1
        members = page["members"]
        assert len(members) <= limits.USERS_PAGE
        seen += [member["id"] for member in members]

    assert pages == 3 and len(seen) == len(set(seen)) == len(slack.workspace.users)
    assert refusal(slack, lambda: slack.client.users_list(cursor="bm9wZQ==")) == "invalid_cursor"


def test_files_upload_v2_shares_the_file_in_a_thread(slack: Simulated) -> None:
    parent = slack.client.chat_postMessage(channel=GROWTH, text="digest")
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100

    slack.client.files_upload_v2(
        channel=GROWTH, thread_ts=parent["ts"], file=png, filename="chart.png", title="Chart"
    )

    reply = slack.workspace.messages[-1]
    assert reply.thread_ts == parent["ts"] and len(reply.files) == 1
    shared = slack.workspace.files[reply.files[0]]
    assert shared.mimetype == "image/png" and slack.context.file_bytes[shared.id] == png
    page = httpx.get(f"{slack.origin}/files/{shared.id}", headers={"Host": slack.origin[7:]})
    assert page.content == png


def test_an_upload_of_the_wrong_length_is_refused(slack: Simulated) -> None:
    answer = slack.client.files_getUploadURLExternal(filename="a.csv", length=10)

    refused = httpx.post(answer["upload_url"], content=b"short")

    assert refused.status_code == 400 and slack.workspace.problems[-1].error == "length_mismatch"
    not_in_channel = lambda: slack.client.files_completeUploadExternal(  # noqa: E731
        files=[{"id": answer["file_id"]}], channel_id=GENERAL
    )
    assert refusal(slack, not_in_channel) == "not_in_channel"


def test_a_response_url_takes_five_posts_in_thirty_minutes(slack: Simulated) -> None:
    url = slack.context.responses.issue(MAYA, GROWTH)
    for n in range(limits.RESPONSE_URL_USES):
        assert httpx.post(url, json={"text": f"answer {n}"}).status_code == 200

    sixth = httpx.post(url, json={"text": "one more"})

    assert sixth.status_code == 404 and sixth.text == "used_url"
    shown = [m for m in slack.workspace.messages if m.ephemeral_to == MAYA]
    assert len(shown) == limits.RESPONSE_URL_USES


def test_a_response_url_expires_after_thirty_minutes(slack: Simulated) -> None:
    url = slack.context.responses.issue(MAYA, GROWTH)
    slack.clock.set(slack.clock.now() + timedelta(minutes=31))

    late = httpx.post(url, json={"text": "late"})

    assert late.status_code == 404 and late.text == "expired_url"
    assert slack.workspace.problems[-1].source == "response_url"


def test_a_response_url_can_replace_the_message_clicked(slack: Simulated) -> None:
    posted = slack.client.chat_postMessage(channel=SAM, text="prompt")
    url = slack.context.responses.issue(SAM, posted["channel"], posted["ts"])

    httpx.post(url, json={"text": "done", "replace_original": True})

    replaced = slack.workspace.find_message(posted["channel"], posted["ts"])
    assert replaced is not None and replaced.text == "done"


def test_the_page_refuses_other_host_names(slack: Simulated) -> None:
    """A page elsewhere that resolves its own name to 127.0.0.1 gets nothing (DNS rebinding)."""
    answer = httpx.get(slack.origin + "/", headers={"Host": "evil.example"})

    assert answer.status_code == 421


def test_page_actions_take_json_only(slack: Simulated) -> None:
    """A form on another site cannot post JSON without the browser asking first."""
    host = {"Host": slack.origin.removeprefix("http://")}
    answer = httpx.post(slack.origin + "/do/type", data={"text": "/okr"}, headers=host)

    assert answer.status_code == 415


def open_modal(slack: Simulated) -> dict[str, Any]:
    opened = slack.client.views_open(trigger_id=slack.context.triggers.issue(SAM), view=MODAL)
    view: dict[str, Any] = opened["view"]
    return view


def _option(n: int) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": f"o{n}"}, "value": str(n)}
