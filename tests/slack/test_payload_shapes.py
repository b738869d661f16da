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
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.db.engine import Database
from bot.db.models import metadata
from bot.slack.ids import (
    AWAY_DATE_ACTION,
    AWAY_DATE_BLOCK,
    Action,
    Callback,
    Field,
    RetroAction,
    RetroCallback,
    RetroField,
    SettingsAction,
    SettingsCallback,
    input_action_id,
    kr_block_id,
    retro_action_id,
    retro_block_id,
)
from bot.slack.ids import SettingsField as F
from bot.slack.listeners import OPTIONS
from tests.databases import sqlite_url
from tests.fakes.clock import FrozenClock
from tests.fakes.signing import (
    block_actions_body,
    block_suggestion_body,
    event_body,
    signed_request,
    slash_command_body,
    view_submission_body,
)
from tests.seed import LEAD, seed_quarter
from tests.slack.authoring_steps import key_result_state, objective_state
from tests.slack.conftest import MONDAY_NOON
from tests.slack.harness import SIGNING_SECRET, SlackHarness, slack_harness
from tests.slack.retro_steps import answer_values
from tests.slack.settings_steps import day, select, text, users, values

UNKIND = "something went wrong"
MENU = {"id": "V0MENU0001", "type": "modal", "callback_id": SettingsCallback.MENU}
Payload = dict[str, Any]


def _unpacked(form_body: str) -> Payload:
    payload: Payload = json.loads(parse_qs(form_body)["payload"][0])
    return payload


def _number(value: str) -> Payload:
    return {"type": "number_input", "value": value}


def _view(callback: str, meta: Payload, state: Payload | None = None) -> Payload:
    return {
        "id": "V0VIEW0001",
        "type": "modal",
        "callback_id": callback,
        "private_metadata": json.dumps(meta),
        "state": {"values": state or {}},
        "hash": "1700000000.hash",
    }


def _click(
    action_id: str, value: str | None, *, view: Payload | None = None, **action: Any
) -> Payload:
    message = None if view is not None else {"ts": "1700000000.000100", "blocks": []}
    channel = None if view is not None else "D0LEAD0001"
    return _unpacked(
        block_actions_body(
            action_id,
            value,
            LEAD,
            action=action or None,
            view=view,
            message=message,
            channel_id=channel,
            response_url="http://127.0.0.1:9/response",
        )
    )


def _submit(callback: str, meta: Payload, state: Payload) -> Payload:
    return _unpacked(view_submission_body(callback, state, LEAD, json.dumps(meta)))


def _suggest(action_id: str, view: Payload) -> Payload:
    return _unpacked(block_suggestion_body(action_id, "gro", LEAD, view=view))


CHECKIN_STATE = {
    kr_block_id(1, Field.VALUE): {input_action_id(Field.VALUE): _number("2.5")},
    kr_block_id(1, Field.CONFIDENCE): {input_action_id(Field.CONFIDENCE): _number("7")},
}
NEW_OBJECTIVE = objective_state("Fans", 1, 1, parent="1") | key_result_state(0, "Fans", LEAD)
EDIT_KR = key_result_state(None, "Sessions", LEAD)
HYPOTHESIS = {
    retro_block_id(field): {retro_action_id(field): value}
    for field, value in (
        (RetroField.STATEMENT, {"type": "plain_text_input", "value": "If we, then"}),
        (RetroField.IMPACT, _number("5")),
        (RetroField.CONFIDENCE, _number("5")),
        (RetroField.EASE, _number("5")),
    )
}
RESULT = {retro_block_id(RetroField.RESULT): {retro_action_id(RetroField.RESULT): {"value": "x"}}}
WEEK = "2026-W47"
DRAFT = _view(Callback.NEW_OBJECTIVE, {"krs": 1}, NEW_OBJECTIVE)


def _baselines() -> dict[str, Payload]:
    """One payload Slack could send to each listener, as our own surfaces would produce it."""
    team_modal = _view(SettingsCallback.TEAM, {"team_id": 1})
    picked = {"type": "external_select", "selected_option": {"value": "1"}}
    found: dict[str, Payload] = {
        "check in": _click(Action.CHECK_IN, WEEK),
        "check in from home": _click(Action.HOME_CHECK_IN, None, view={"type": "home"}),
        "no change": _click(Action.NO_CHANGE, WEEK),
        "snooze": _click(
            Action.SNOOZE, None, type="static_select", selected_option={"value": f"{WEEK}|2h"}
        ),
        "away": _click(Action.AWAY, WEEK),
        "history": _click(Action.HOME_HISTORY, "1", view={"type": "home"}),
        "coach a title": _click(Action.DRAFT_TITLE, None, view=DRAFT),
        "add a key result": _click(Action.DRAFT_ADD_KR, None, view=DRAFT),
        "start a retro": _click(RetroAction.START, "1"),
        "validated": _click(RetroAction.HYPOTHESIS_VALIDATED, "1"),
        "invalidated": _click(RetroAction.HYPOTHESIS_INVALIDATED, "1"),
        "check-in modal": _submit(Callback.CHECKIN_MODAL, {"period": WEEK}, CHECKIN_STATE),
        "away modal": _submit(
            Callback.AWAY_MODAL,
            {"period": WEEK},
            {AWAY_DATE_BLOCK: {AWAY_DATE_ACTION: {"selected_date": "2026-12-01"}}},
        ),
        "new objective": _submit(Callback.NEW_OBJECTIVE, {"krs": 1}, NEW_OBJECTIVE),
        "edit objective": _submit(Callback.EDIT_OBJECTIVE, {"objective": 1}, NEW_OBJECTIVE),
        "edit key result": _submit(Callback.EDIT_KEY_RESULT, {"kr": 1}, EDIT_KR),
        "retro": _submit(
            RetroCallback.RETRO_MODAL, {"retro_id": 1}, answer_values("other", "a", "b")
        ),
        "hypothesis": _submit(RetroCallback.HYPOTHESIS_MODAL, {"kr_id": 1}, HYPOTHESIS),
        "result": _submit(
            RetroCallback.HYPOTHESIS_RESULT_MODAL,
            {"hypothesis_id": 1, "status": "validated"},
            RESULT,
        ),
        "workspace": _submit(SettingsCallback.WORKSPACE, {}, values(select(F.CADENCE, "weekly"))),
        "team": _submit(SettingsCallback.TEAM, {"team_id": 1}, values(text(F.NAME, "Growth"))),
        "new team": _submit(SettingsCallback.NEW_TEAM, {}, values(text(F.NAME, "Ops"))),
        "admins": _submit(SettingsCallback.ADMINS, {}, values(users(F.ADMINS, LEAD))),
        "new cycle": _submit(
            SettingsCallback.NEW_CYCLE,
            {},
            values(text(F.NAME, "Q1"), day(F.START, "2027-01-01"), day(F.END, "2027-03-31")),
        ),
        "parent options": _suggest(OPTIONS[2], DRAFT),
        "parent team options": _suggest(F.PARENT, team_modal),
    }
    for action in SettingsAction:
        found[action] = _click(action, "1", view=MENU)
    for action in (SettingsAction.FIND_TEAM, SettingsAction.FIND_CYCLE):
        found[f"{action} pick"] = _click(action, None, view=MENU, **picked)
    for action_id in OPTIONS:
        found.setdefault(f"{action_id} options", _suggest(action_id, DRAFT))
    return found


BASELINES = _baselines()
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
