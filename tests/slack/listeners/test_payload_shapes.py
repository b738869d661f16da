"""Every action, view and options listener, sent signed payloads of shapes we never render.

An old button, an old modal or a hand-made request must get a kind answer (the stale-button
message) or nothing: never a traceback, never "something went wrong". Payload shapes do not
depend on the database, so this runs on a SQLite file.
"""

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.db.engine import Database
from bot.db.models import metadata
from tests.databases import sqlite_url
from tests.fakes.clock import FrozenClock
from tests.fakes.signing import (
    event_body,
    signed_request,
    slash_command_body,
)
from tests.seed import LEAD, seed_quarter
from tests.slack.conftest import MONDAY_NOON
from tests.slack.harness import SIGNING_SECRET, SlackHarness, slack_harness
from tests.slack.payload_baselines import BASELINES, Payload

UNKIND = "something went wrong"

# Each field a listener reads, gone (None) or of another type; deeper changes are random below.
SWEEP: tuple[object, ...] = (None, 7)
READ = frozenset(
    {"user", "id", "trigger_id", "actions", "value", "selected_option", "container"}
    | {"message_ts", "channel_id", "view", "state", "values", "private_metadata", "hash"}
    | {"root_view_id", "callback_id", "response_url"}
)
ODD = [None, 0, -1, 2.5, True, "", "٣", "x" * 3001, "{", "[]", [], [None], {}, {"value": 7}]
# What Bolt itself reads to build a request; a body odd there is the HTTP edge's to refuse.
ENVELOPE = frozenset({"type", "team", "enterprise", "is_enterprise_install", "api_app_id"})


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackHarness]:
    database = Database.from_url(sqlite_url(str(tmp_path_factory.mktemp("shapes"))))
    metadata.create_all(database.engine)
    seed_quarter(database)
    with slack_harness(database, FrozenClock(MONDAY_NOON)) as harness:
        yield harness
    database.dispose()


@dataclass
class Outcome:
    status: int
    said: list[str]
    errors: list[str]


def _send(slack: SlackHarness, body: Payload, caplog: pytest.LogCaptureFixture) -> Outcome:
    slack.fake.clear()
    caplog.clear()
    if isinstance(body.get("response_url"), str):
        body = body | {"response_url": slack.fake.response_url()}
    form = urlencode({"payload": json.dumps(body)})
    response: BoltResponse = slack.app.dispatch(signed_request(form, SIGNING_SECRET))
    status = response.status  # what Slack gets back, before any later work
    slack.idle()
    said = [response.body or ""] + [
        json.dumps(call.body)
        for call in slack.fake.calls
        if call.method in ("response_url", "chat.postEphemeral", "chat.postMessage")
    ]
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    return Outcome(status, said, errors)


def _assert_kind(outcome: Outcome, what: str) -> None:
    assert outcome.status < 500, (what, outcome)
    assert outcome.errors == [], (what, outcome.errors)
    assert not any(UNKIND in text for text in outcome.said), (what, outcome.said)


def _paths(node: object, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and index in a payload, outside Bolt's envelope."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not prefix and key in ENVELOPE:
                continue
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


def _changed(body: Payload, path: tuple[Any, ...], value: object, *, delete: bool) -> Payload:
    copy: Payload = json.loads(json.dumps(body))
    parent: Any = copy
    for step in path[:-1]:
        parent = parent[step]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return copy


def _bolt_accepts(body: Payload) -> bool:
    """Whether Bolt can build a request from it (a TypeError there is the HTTP edge's)."""
    try:
        BoltRequest(body=urlencode({"payload": json.dumps(body)}), headers={})
    except (TypeError, AttributeError, KeyError):
        return False
    return True


def test_every_listener_has_a_baseline_here(slack: SlackHarness) -> None:
    others = [
        slash_command_body(text="help", user_id=LEAD),
        event_body({"type": "app_home_opened", "user": LEAD, "tab": "home"}),
        event_body({"type": "user_change", "user": {"id": LEAD, "profile": {}}}),
    ]
    requests = [BoltRequest(body=body, headers={}) for body in others] + [
        BoltRequest(body=urlencode({"payload": json.dumps(b)}), headers={})
        for b in BASELINES.values()
    ]
    for listener in slack.app._listeners:
        assert any(
            listener.matches(req=request, resp=BoltResponse(status=200)) for request in requests
        ), f"no payload here reaches {listener.ack_function.__name__}"


@pytest.mark.parametrize("name", sorted(BASELINES, key=str))
def test_each_field_missing_or_odd_gets_a_kind_answer_or_nothing(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    baseline = BASELINES[name]
    _assert_kind(_send(slack, baseline, caplog), f"{name} as rendered")
    read = [
        p for p in _paths(baseline) if len(p) <= 3 and (isinstance(p[-1], int) or p[-1] in READ)
    ]
    for path in read:
        for value in SWEEP:
            body = _changed(baseline, path, value, delete=value is None)
            if _bolt_accepts(body):
                _assert_kind(_send(slack, body, caplog), f"{name} {path} = {value!r}")


@st.composite
def _odd_payload(draw: st.DrawFn) -> tuple[str, Payload]:
    name = draw(st.sampled_from(sorted(BASELINES, key=str)))
    body = BASELINES[name]
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(body))
        path = draw(st.sampled_from(paths))
        value = draw(st.sampled_from(ODD) | st.text(max_size=20) | st.integers())
        body = _changed(body, path, value, delete=draw(st.booleans()))
    return str(name), body


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=_odd_payload())
def test_random_odd_shapes_get_a_kind_answer_or_nothing(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture, case: tuple[str, Payload]
) -> None:
    name, body = case
    if _bolt_accepts(body):
        _assert_kind(_send(slack, body, caplog), f"{name}: {json.dumps(body)[:2000]}")


def test_a_bad_history_button_is_a_stale_button_said_kindly(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    outcome = _send(
        slack, _changed(BASELINES["history"], ("actions", 0, "value"), "1e3", delete=False), caplog
    )
    _assert_kind(outcome, "history")
    assert any("out of date" in text for text in outcome.said), outcome.said
