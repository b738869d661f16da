"""The HTTP edge over a real socket: unsigned → 401, malformed → 400, oversized → 413."""

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import httpx
import pytest

from bot.slack.admission import MAX_BODY_BYTES
from tests.fakes.signing import FORM, JSON, event_body, http_headers, slash_command_body
from tests.slack.harness import SIGNING_SECRET
from tests.slack.served import Edge, served_edge, sqlite_database


@pytest.fixture
def edge(tmp_path: Path) -> Iterator[Edge]:
    with sqlite_database(tmp_path) as database, served_edge(database) as running:
        yield running


def _without(body: str, field: str) -> bytes:
    return urlencode([(k, v) for k, v in parse_qsl(body) if k != field]).encode()


def _payload(payload: object) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


COMMAND = slash_command_body(text="help")
SIGNED_BUT_MALFORMED = {
    "payload=null": (b"payload=null", FORM),
    "payload={": (b"payload={", FORM),
    "payload is a list": (b"payload=[1]", FORM),
    "JSON list": (b"[1, 2]", JSON),
    "JSON null": (b"null", JSON),
    "JSON string": (b'"hello"', JSON),
    "not UTF-8": (b"payload=\xff\xfe", FORM),
    "empty body": (b"", FORM),
    "no team": (_without(COMMAND, "team_id"), FORM),
    "no user": (_without(COMMAND, "user_id"), FORM),
    "user is not an id": (slash_command_body(text="help", user_id="<!channel>").encode(), FORM),
    "team id too long": (slash_command_body(text="help", team_id="T" * 40).encode(), FORM),
    "user is a number": (
        _payload({"type": "block_actions", "team": {"id": "T1"}, "user": 5}),
        FORM,
    ),
    "user id is a number": (
        _payload({"type": "block_actions", "team": {"id": "T1"}, "user": {"id": 5}}),
        FORM,
    ),
    "team is a list": (
        _payload({"type": "block_actions", "team": [1], "user": {"id": "U1"}}),
        FORM,
    ),
    "event user is a number": (event_body({"type": "app_home_opened", "user": 5}).encode(), JSON),
    "event without a team": (json.dumps({"type": "event_callback", "event": {}}).encode(), JSON),
    "text/plain": (COMMAND.encode(), "text/plain"),
    "no content type": (COMMAND.encode(), None),
}


@pytest.mark.parametrize(
    ("body", "content_type"), SIGNED_BUT_MALFORMED.values(), ids=SIGNED_BUT_MALFORMED.keys()
)
def test_a_signed_but_malformed_body_gets_400_without_a_traceback(
    edge: Edge, body: bytes, content_type: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    assert edge.post_signed(body, content_type) == 400

    assert edge.slack.fake.calls == []
    assert not [record for record in caplog.records if record.exc_info], caplog.text
    assert "Traceback" not in caplog.text


def test_a_signed_command_is_answered_through_the_edge(edge: Edge) -> None:
    body = slash_command_body(text="help")

    response = httpx.post(
        f"{edge.bot.url}/slack/events", content=body, headers=http_headers(body, SIGNING_SECRET)
    )

    assert response.status_code == 200
    assert "/okr checkin" in json.dumps(response.json()["blocks"])


@pytest.mark.parametrize("text", ["payload", "help payload=1"])
def test_a_command_with_the_word_payload_in_it_is_still_a_command(edge: Edge, text: str) -> None:
    body = slash_command_body(text=text)

    response = httpx.post(
        f"{edge.bot.url}/slack/events", content=body, headers=http_headers(body, SIGNING_SECRET)
    )

    assert response.status_code == 200
    assert "/okr checkin" in json.dumps(response.json()["blocks"])


def test_an_event_that_names_no_user_is_answered_200_and_does_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    body = event_body({"type": "app_home_opened", "tab": "home"}).encode()
    with sqlite_database(tmp_path) as database, served_edge(database) as edge:
        assert edge.post_signed(body, JSON) == 200

    assert edge.slack.fake.calls == []  # every listener has finished by now
    assert not [record for record in caplog.records if record.exc_info], caplog.text


def test_a_domain_error_of_a_signed_command_still_reaches_the_user(edge: Edge) -> None:
    body = slash_command_body(text="digest nonsense", response_url=edge.elsewhere.url("/reply"))

    assert edge.post_signed(body.encode()) == 200

    # The error handler answers through the request's response_url: the request was signed.
    assert edge.elsewhere.wait_for() == ["POST /reply"]


def test_slacks_url_verification_is_answered_with_its_challenge(edge: Edge) -> None:
    body = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"})

    response = httpx.post(
        f"{edge.bot.url}/slack/events", content=body, headers=http_headers(body, SIGNING_SECRET)
    )

    assert response.status_code == 200
    assert response.json() == {"challenge": "c-123"}


def _declared_only(length: int) -> bytes:
    """A request's head declaring `length` bytes of body, none of which is sent."""
    head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
    return f"{head}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n".encode()


def test_a_body_of_exactly_the_cap_is_read(edge: Edge) -> None:
    padded = slash_command_body(text="help") + "&pad="
    at_cap = (padded + "x" * (MAX_BODY_BYTES - len(padded))).encode()

    assert edge.post_signed(at_cap) == 200


@pytest.mark.parametrize("length", [MAX_BODY_BYTES + 1, 50 * 1024 * 1024])
def test_a_declared_length_over_the_cap_gets_413_before_a_byte_of_body_is_sent(
    edge: Edge, length: int
) -> None:
    assert edge.bot.exchange(_declared_only(length)) == 413


def test_a_chunked_body_over_the_cap_gets_413(edge: Edge) -> None:
    chunk = b"x" * 65536
    chunks = [chunk] * (MAX_BODY_BYTES // len(chunk)) + [b"xx"]
    encoded = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
    head = b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
    head += b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n"

    assert edge.bot.exchange(head + encoded) == 413


def test_other_paths_and_methods_are_404(edge: Edge) -> None:
    assert httpx.get(f"{edge.bot.url}/slack/events").status_code == 404
    assert httpx.post(f"{edge.bot.url}/slack/other", content=b"x").status_code == 404
