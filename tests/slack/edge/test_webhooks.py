"""`POST /hooks/kr/KR-n` over real HTTP: tokens, bodies, repeats, the rate limit, and Slack's
own path as strict as ever beside it."""

from collections.abc import Iterator

import httpx
import pytest

from bot.db.engine import Database
from bot.domain.source_pushes import PUSH_BURST
from bot.domain.sources import HttpJsonSource, WebhookSource
from bot.services.sources.service import SourceService
from bot.slack.webhooks import WebhookEdge
from tests.seed import seed_quarter
from tests.slack.served import Edge, served, served_edge


@pytest.fixture
def edge(database: Database) -> Iterator[Edge]:
    with served_edge(database) as running:
        yield running


def _webhook(edge: Edge) -> tuple[str, str, SourceService]:
    kr = seed_quarter(edge.slack.database).sessions_kr
    sources = edge.slack.services.sources
    sources.set_source(kr, WebhookSource())
    return f"{edge.bot.url}/hooks/kr/KR-{kr}", sources.issue_token(kr), sources


def _push(url: str, token: str | None, body: object) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if isinstance(body, bytes):
        return httpx.post(url, content=body, headers=headers, timeout=10)
    return httpx.post(url, json=body, headers=headers, timeout=10)


def test_a_pushed_value_is_taken_once_per_id(edge: Edge) -> None:
    url, token, sources = _webhook(edge)

    first = _push(url, token, {"value": 47.5, "id": "run-1"})
    again = _push(url, token, {"value": 99, "id": "run-1"})

    assert first.status_code == 200 and first.json()["ok"] is True
    assert again.status_code == 200 and "no change" in again.json()["message"]
    kr = int(url.rsplit("-", 1)[1])
    state = sources.source_of(kr)
    assert state is not None and state.health.last_value == 47.5


@pytest.mark.parametrize(
    "token", [None, "okr_kr_wrong", "Basic dXNlcjpwYXNz"], ids=["none", "wrong", "basic"]
)
def test_a_bad_token_is_401(edge: Edge, token: str | None) -> None:
    url, _, _ = _webhook(edge)

    answer = _push(url, token, {"value": 1})

    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_a_key_result_without_a_webhook_answers_as_a_wrong_token_does(edge: Edge) -> None:
    url, token, sources = _webhook(edge)
    kr = int(url.rsplit("-", 1)[1])
    sources.set_source(kr, HttpJsonSource("https://a.example/", "a"))

    assert _push(url, token, {"value": 1}).status_code == 401
    assert _push(f"{edge.bot.url}/hooks/kr/KR-999", token, {"value": 1}).status_code == 401
    assert _push(f"{edge.bot.url}/hooks/kr/O-1", token, {"value": 1}).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"not json", "body"),
        ([1, 2], "body"),
        ({"value": "47"}, "value"),
        ({"value": True}, "value"),
        ({}, "value"),
        ({"value": 1, "id": ""}, "id"),
        ({"value": 1, "extra": 2}, "extra"),
        (b'{"value": 1, "id": "' + b"x" * 5000 + b'"}', "body"),
    ],
)
def test_a_bad_body_is_400_naming_the_field(edge: Edge, body: object, field: str) -> None:
    url, token, _ = _webhook(edge)

    answer = _push(url, token, body)

    assert answer.status_code == 400
    assert answer.json()["field"] == field and answer.json()["error"].startswith(field)


def test_too_many_pushes_are_429_with_when_to_retry(edge: Edge) -> None:
    url, token, _ = _webhook(edge)  # the harness's clock stands still: nothing refills

    answers = [_push(url, token, {"value": n}).status_code for n in range(PUSH_BURST + 2)]

    assert answers == [200] * PUSH_BURST + [429, 429]
    limited = _push(url, token, {"value": 1})
    assert int(limited.headers["retry-after"]) >= 1


def test_only_post_is_taken_and_odd_paths_are_not_found(edge: Edge) -> None:
    url, _, _ = _webhook(edge)

    assert httpx.get(url, timeout=10).status_code == 405
    assert httpx.post(f"{edge.bot.url}/hooks/kr/a/b", timeout=10).status_code == 404
    assert httpx.post(f"{edge.bot.url}/hooks/other", timeout=10).status_code == 404


def test_slack_s_path_still_wants_slack_s_signature(edge: Edge) -> None:
    _, token, _ = _webhook(edge)
    body = b'{"type": "url_verification", "challenge": "x"}'

    bearer = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    assert edge.bot.post_raw(body, bearer) == 401
    assert edge.slack.fake.calls == []


def test_socket_mode_serves_only_the_webhooks_and_health(edge: Edge) -> None:
    """`okr-bot run` in Socket Mode listens on PORT only once a key result has a webhook."""
    assert not edge.slack.services.sources.has_webhooks()
    url, token, sources = _webhook(edge)
    assert sources.has_webhooks()
    path = url.removeprefix(edge.bot.url)

    with served(None, "", hooks=WebhookEdge(sources.push)) as hooks_only:
        pushed = _push(hooks_only.url + path, token, {"value": 3})
        health = httpx.get(f"{hooks_only.url}/healthz", timeout=10)
        slack = hooks_only.post_raw(b"{}", {"Content-Type": "application/json"})

    assert (pushed.status_code, health.status_code, slack) == (200, 200, 404)
