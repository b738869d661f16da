"""Nothing not verifiably signed by Slack is acted on: 401, no Web API call, no outbound request."""

import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_bolt.request import BoltRequest

from tests.fakes.outbound import OutboundRecorder
from tests.fakes.signing import (
    FORM,
    JSON,
    block_actions_body,
    event_body,
    signature_for,
    slash_command_body,
    view_submission_body,
)
from tests.slack.harness import SIGNING_SECRET, SlackHarness
from tests.slack.served import served_edge, sqlite_database

# What an HTTP header value may hold and reach the app: visible ASCII, Latin-1 bytes and
# inner blanks (waitress itself refuses control characters before the app sees them).
_VALUE_BYTES = [*range(0x21, 0x7F), *range(0x80, 0x100), 0x20, 0x09]
header_bytes = st.lists(st.sampled_from(_VALUE_BYTES), max_size=80).map(
    lambda values: bytes(values).strip(b" \t")
)
# Timestamps int() would take (or almost) but Slack never sends, each paired below with a
# signature made with the real secret: a verifier that trusts int() would let them through.
_ODD_STAMPS = ["+{now}", "{now}.0", "{arabic}", "{now_}", "{stale}", "{ahead}"]


def _now() -> int:
    return int(time.time())


def _odd_stamp(template: str) -> str:
    now = _now()
    arabic = str(now).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return template.format(
        now=now, arabic=arabic, now_=f"{now:_}", stale=now - 301, ahead=now + 301
    )


def forged_bodies(hook: str) -> st.SearchStrategy[bytes]:
    """Bodies that would make the bot act, were they signed, and plain garbage."""
    message = {"ts": "1700000000.000100"}
    shaped = [
        slash_command_body(text="help", response_url=hook, user_id="U0ANYONE01"),
        slash_command_body(text="digest nonsense", response_url=hook, channel_id="C0ANY00001"),
        block_actions_body(
            "checkin.open", "1", message=message, channel_id="C0ANY00001", response_url=hook
        ),
        view_submission_body("checkin", {}, user_id="U0ANYONE01"),
        event_body({"type": "app_home_opened", "user": "U0ANYONE01", "tab": "home"}),
        json.dumps({"type": "url_verification", "challenge": "c", "token": "t"}),
        "payload=null",
        "payload={",
    ]
    return st.one_of(st.sampled_from([text.encode() for text in shaped]), st.binary(max_size=512))


_BAD_STAMPS = st.sampled_from(["not-a-number", "", "1e9", "-1", "0x10", "9" * 400])
_HEX_SIGNATURES = st.text("0123456789abcdef", min_size=64, max_size=64).map("v0={}".format)


@st.composite
def forged_headers(draw: st.DrawFn, body: bytes) -> dict[str, bytes | str]:
    """Headers with every way a signature can fail to be Slack's over exactly this body."""
    kind = draw(st.sampled_from(["arbitrary", "wrong secret", "odd stamp", "missing"]))
    headers: dict[str, bytes | str] = {}
    content_type = draw(st.sampled_from([FORM, JSON, "text/plain", None]))
    if content_type:
        headers["Content-Type"] = content_type
    if kind == "missing":
        if draw(st.booleans()):
            headers["X-Slack-Request-Timestamp"] = str(_now())
        return headers
    stamp: bytes | str
    signature: bytes | str
    if kind == "odd stamp":
        text = _odd_stamp(draw(st.sampled_from(_ODD_STAMPS)))
        stamp, signature = text.encode(), signature_for(body, SIGNING_SECRET, text)
    else:
        stamp = draw(st.one_of(_BAD_STAMPS, st.just(str(_now())), header_bytes))
        if kind == "wrong secret":
            text = stamp if isinstance(stamp, str) else stamp.decode("latin-1")
            signature = signature_for(body, "not-the-secret", text)
        else:
            signature = draw(st.one_of(header_bytes, _HEX_SIGNATURES, st.just("v0=é" + "0" * 62)))
    return headers | {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


def test_no_unsigned_request_causes_anything(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    statuses: list[int] = []
    with sqlite_database(tmp_path) as database, served_edge(database) as edge:
        hook = edge.elsewhere.url("/forged")

        @settings(max_examples=300, deadline=None, database=None)
        @given(data=st.data())
        def throw(data: st.DataObject) -> None:
            body = data.draw(forged_bodies(hook), label="body")
            headers = data.draw(forged_headers(body), label="headers")
            statuses.append(edge.bot.post_raw(body, headers))
            assert statuses[-1] == 401

        throw()
        slack: SlackHarness = edge.slack
    # Out of the context, every listener thread has finished: nothing can still be on its way.
    assert set(statuses) == {401}
    assert slack.fake.calls == []
    assert edge.elsewhere.requests == []
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize(
    ("timestamp", "signature"),
    [
        ("not-a-number", "v0=" + "0" * 64),
        ("", "v0=" + "0" * 64),
        ("1e9", "v0=" + "0" * 64),
        ("{now}", "v0=\u00e9" + "0" * 62),
    ],
    ids=["not-a-number", "empty", "1e9", "non-ASCII signature"],
)
def test_the_forged_requests_of_the_report_get_401_and_reach_nobody(
    tmp_path: Path, timestamp: str, signature: str, caplog: pytest.LogCaptureFixture
) -> None:
    with sqlite_database(tmp_path) as database, served_edge(database) as edge:
        body = slash_command_body(text="nonsense", response_url=edge.elsewhere.url("/forged"))
        headers = {"Content-Type": FORM, "X-Slack-Signature": signature}
        headers["X-Slack-Request-Timestamp"] = timestamp.format(now=_now())

        assert edge.bot.post_raw(body.encode(), headers) == 401
    assert edge.slack.fake.calls == []
    assert edge.elsewhere.requests == []
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize(
    ("timestamp", "signature"),
    [("not-a-number", "v0=" + "0" * 64), ("1e9", "x"), ("{now}", "v0=\u00e9" + "0" * 62)],
    ids=["not-a-number", "1e9", "non-ASCII signature"],
)
def test_the_error_handler_acts_on_nothing_bolt_could_not_verify(
    slack: SlackHarness, timestamp: str, signature: str
) -> None:
    # Straight to Bolt, past the edge: its verifier raises and Bolt calls the error handler.
    with OutboundRecorder() as elsewhere:
        body = slash_command_body(text="help", response_url=elsewhere.url("/forged"))
        headers: dict[str, str | Sequence[str]] = {"content-type": FORM}
        headers["x-slack-signature"] = signature
        headers["x-slack-request-timestamp"] = timestamp.format(now=_now())
        slack.fake.clear()

        response = slack.app.dispatch(BoltRequest(body=body, headers=headers))

        assert response.status == 401
        assert elsewhere.requests == []
    assert slack.fake.calls == []
