"""The fakes tell the truth: calls recorded with bodies, failures injected, signatures real."""

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.error import HTTPError
from urllib.parse import parse_qs

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier

from bot.services.ports import Clock
from tests.fakes.blockkit import (
    assert_no_live_mentions,
    assert_valid_message,
    assert_valid_view,
)
from tests.fakes.clock import FrozenClock
from tests.fakes.signing import (
    block_actions_body,
    event_body,
    http_headers,
    signed_request,
    slash_command_body,
    text_state,
    view_submission_body,
)
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.fakes.slack_files import SharedFile
from tests.fakes.slack_limits import EnforcedLimits
from tests.fakes.timer import FakeTimer

SECRET = "test-signing-secret"
SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "*Q3* check-in"}}
BUTTON = {"type": "button", "action_id": "open", "text": {"type": "plain_text", "text": "Open"}}


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as api:
        yield api


def test_post_message_is_recorded_with_decoded_blocks(fake: FakeSlackApi) -> None:
    client = fake.client(token="xoxb-1")
    first = client.chat_postMessage(channel="U0USER0001", text="hi", blocks=[SECTION])
    second = client.chat_postMessage(channel="C1", text="again")

    assert first["channel"] == "DU0USER0001"
    assert first["message"]["blocks"] == [SECTION]
    assert float(second["ts"]) > float(first["ts"])
    assert fake.calls_to("chat.postMessage")[0] == Call(
        "chat.postMessage", {"channel": "U0USER0001", "text": "hi", "blocks": [SECTION]}, "xoxb-1"
    )
    assert [call.answer for call in fake.calls_to("chat.postMessage")] == [first.data, second.data]


def test_form_encoded_json_fields_are_decoded(fake: FakeSlackApi) -> None:
    view = {"type": "home", "blocks": [SECTION]}
    fake.client().api_call(
        "views.publish", data=None, params={"user_id": "U1", "view": json.dumps(view)}
    )

    (call,) = fake.calls_to("views.publish")
    assert call.body["view"] == view
    assert call.token == "xoxb-test-token"


def test_answers_like_slack(fake: FakeSlackApi) -> None:
    client = fake.client()
    fake.set_user("U2", tz="America/New_York", name="ada")

    assert client.auth_test()["user_id"] == "UBOT"
    assert client.conversations_open(users="U2")["channel"]["id"] == "DU2"
    assert client.users_info(user="U2")["user"]["tz"] == "America/New_York"
    assert client.users_info(user="U9")["user"]["tz"] == "Europe/Berlin"
    fake.strict_users = True
    with pytest.raises(SlackApiError, match="user_not_found"):
        client.users_info(user="U404")
    opened = client.views_open(
        trigger_id="t", view={"type": "modal", "title": "OKR", "blocks": [SECTION]}
    )
    assert opened["view"]["id"].startswith("V")
    with pytest.raises(SlackApiError, match="unknown_method"):
        client.api_call("admin.teams.create")


def test_invalid_blocks_are_refused_like_slack(fake: FakeSlackApi) -> None:
    with pytest.raises(SlackApiError) as refused:
        fake.client().chat_postMessage(channel="C1", text="x", blocks=[SECTION] * 51)

    assert refused.value.response["error"] == "invalid_blocks"


def test_fail_matches_on_body_and_runs_out(fake: FakeSlackApi) -> None:
    client = fake.client()
    fake.fail(
        "chat.postMessage", "channel_not_found", when=lambda b: b["channel"] == "C404", times=1
    )

    client.chat_postMessage(channel="C1", text="fine")
    with pytest.raises(SlackApiError, match="channel_not_found") as refused:
        client.chat_postMessage(channel="C404", text="lost")
    client.chat_postMessage(channel="C404", text="found later")
    assert len(fake.calls_to("chat.postMessage")) == 3
    assert fake.calls_to("chat.postMessage")[1].answer == refused.value.response.data


def test_fail_http_429_carries_retry_after(fake: FakeSlackApi) -> None:
    fake.fail_http("chat.postMessage", status=429, retry_after=7, times=1)

    with pytest.raises(SlackApiError) as limited:
        fake.client().chat_postMessage(channel="C1", text="hi")

    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"
    assert fake.client().chat_postMessage(channel="C1", text="hi")["ok"]


def test_files_upload_v2_uploads_the_bytes_and_shares_them_in_a_thread(
    fake: FakeSlackApi,
) -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256))  # not UTF-8: sent raw, recorded raw
    answer = fake.client().files_upload_v2(
        channel="C1",
        thread_ts="1700000000.000100",
        file=data,
        filename="c.png",
        title="T",
        alt_txt="A",
    )

    assert [call.method for call in fake.calls] == [
        "files.getUploadURLExternal",
        "file_upload",
        "files.completeUploadExternal",
    ]
    [upload] = fake.calls_to("file_upload")
    assert upload.body["data"] == data
    assert fake.shared_files == [
        SharedFile(answer["file"]["id"], "c.png", "T", "A", data, "C1", "1700000000.000100")
    ]
    assert answer["file"]["mimetype"] == "image/png"


def test_file_uploads_fail_like_slack(fake: FakeSlackApi) -> None:
    client = fake.client()
    with pytest.raises(SlackApiError, match="alt_txt_too_large"):
        client.files_upload_v2(channel="C1", file=b"x", filename="x", alt_txt="a" * 1001)
    with pytest.raises(SlackApiError, match="file_not_found"):
        client.files_completeUploadExternal(files=[{"id": "F0NEVER"}], channel_id="C1")
    fake.fail_http("file_upload", 500)
    with pytest.raises(HTTPError):  # slack-sdk posts to the upload URL with urllib
        client.files_upload_v2(channel="C1", file=b"x", filename="x")
    assert fake.shared_files == []
    assert len(fake.calls_to("files.completeUploadExternal")) == 1  # the one with no upload


def test_wait_for_times_out_with_the_calls_seen(fake: FakeSlackApi) -> None:
    fake.client().auth_test()

    with pytest.raises(AssertionError, match=r"chat\.postMessage.*\['auth\.test'\]"):
        fake.wait_for("chat.postMessage", timeout=0.05)
    assert fake.wait_for("auth.test")[0].method == "auth.test"


def test_signed_request_verifies_and_tampering_does_not() -> None:
    body = slash_command_body(text="<!channel> & co")
    request = signed_request(body, SECRET)
    headers = {k: v[0] for k, v in request.headers.items()}
    verifier = SignatureVerifier(SECRET)

    assert verifier.is_valid_request(body, headers)
    assert not verifier.is_valid_request(body.replace("co", "me"), headers)
    assert parse_qs(body)["text"] == ["&lt;!channel&gt; &amp; co"]
    assert http_headers("{}", SECRET)["Content-Type"] == "application/json"


def test_bolt_dispatches_the_built_bodies(fake: FakeSlackApi) -> None:
    app = App(client=fake.client(), signing_secret=SECRET, process_before_response=True)
    seen: list[str] = []

    @app.command("/okr")
    def command(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        ack()
        seen.append(command["text"])
        respond(f"got {command['text']}")

    @app.action("open")
    def action(ack: Any, body: dict[str, Any]) -> None:
        ack()
        seen.append(body["actions"][0]["value"])

    @app.view("checkin")
    def submission(ack: Any, view: dict[str, Any]) -> None:
        ack()
        seen.append(view["state"]["values"]["b"]["a"]["value"])

    @app.event("app_home_opened")
    def home(event: dict[str, Any]) -> None:
        seen.append(event["user"])

    message = {"ts": "1.2", "text": "x", "blocks": [{"type": "actions", "elements": [BUTTON]}]}
    bodies = [
        slash_command_body(text="hello", response_url=fake.response_url()),
        block_actions_body("open", "kr-7", message=message, channel_id="C1"),
        view_submission_body("checkin", {"b": {"a": text_state("done")}}),
        event_body({"type": "app_home_opened", "user": "U3", "tab": "home"}),
    ]
    statuses = [app.dispatch(signed_request(body, SECRET)).status for body in bodies]
    stale = app.dispatch(signed_request(bodies[0], SECRET, timestamp=int(time.time()) - 600))

    assert statuses == [200, 200, 200, 200]
    assert seen == ["hello", "kr-7", "done", "U3"]
    assert fake.calls_to("response_url")[0].body["text"] == "got hello"
    assert stale.status == 401
    assert isinstance(signed_request(bodies[3], SECRET), BoltRequest)


def test_block_kit_checks() -> None:
    assert_valid_message([SECTION], "fallback")
    with pytest.raises(AssertionError, match="51 blocks"):
        assert_valid_message([SECTION] * 51, "fallback")
    with pytest.raises(AssertionError, match="fallback"):
        assert_valid_message([SECTION], "")
    with pytest.raises(AssertionError, match="unknown key"):
        assert_valid_message([{**SECTION, "acton_id": "x"}], "t")
    with pytest.raises(AssertionError, match="duplicate block_id"):
        assert_valid_message([{**SECTION, "block_id": "b"}, {**SECTION, "block_id": "b"}], "t")
    modal = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "x" * 25},
        "blocks": [SECTION],
    }
    with pytest.raises(AssertionError, match="title"):
        assert_valid_view(modal)


def test_live_mentions_are_caught_in_mrkdwn_only() -> None:
    hostile = ["<!channel>", "<https://evil|x>"]
    escaped = {"type": "section", "text": {"type": "mrkdwn", "text": "&lt;!channel&gt;"}}
    plain = {"type": "header", "text": {"type": "plain_text", "text": "<!channel>"}}

    assert_no_live_mentions({"text": "ok", "blocks": [escaped, plain]}, hostile)
    with pytest.raises(AssertionError, match="evil"):
        assert_no_live_mentions({"text": "see <https://evil|x>", "blocks": []}, hostile)


def test_frozen_clock_is_a_clock() -> None:
    clock: Clock = FrozenClock(datetime(2024, 3, 1, tzinfo=UTC))
    frozen = FrozenClock()
    frozen.set(datetime(2024, 3, 1, 12, tzinfo=UTC))

    assert frozen.advance(days=1, hours=2) == datetime(2024, 3, 2, 14, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    with pytest.raises(ValueError, match="aware"):
        frozen.set(datetime(2024, 3, 1))  # noqa: DTZ001


def test_limits_answer_429_with_retry_after_once_the_burst_is_spent() -> None:
    timer = FakeTimer()
    limits = EnforcedLimits(messages_per_minute=30, burst=2)
    with FakeSlackApi(limits=limits, timer=timer) as fake:
        client = fake.client()
        client.chat_postMessage(channel="C1", text="one")
        client.chat_postMessage(channel="C2", text="two")
        with pytest.raises(SlackApiError) as limited:
            client.chat_postMessage(channel="C3", text="three")
        assert limited.value.response.status_code == 429
        assert limited.value.response.headers["Retry-After"] == "2"

        timer.advance(2.0)
        client.chat_postMessage(channel="C3", text="three")
        assert [call.ok for call in fake.calls_to("chat.postMessage")] == [True, True, False, True]


def test_limits_allow_one_message_per_second_in_a_channel() -> None:
    timer = FakeTimer()
    with FakeSlackApi(limits=EnforcedLimits(messages_per_minute=600), timer=timer) as fake:
        client = fake.client()
        client.chat_postMessage(channel="C1", text="one")
        timer.advance(0.5)
        client.chat_postMessage(channel="C2", text="another channel")
        with pytest.raises(SlackApiError) as limited:
            client.chat_postMessage(channel="C1", text="same channel within the second")
        assert limited.value.response.headers["Retry-After"] == "1"
        timer.advance(0.5)
        assert client.chat_postMessage(channel="C1", text="a second later")["ok"]
