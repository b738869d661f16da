"""Payloads as Slack sends them for each of our buttons, modals and type-ahead selects."""

import json
from typing import Any
from urllib.parse import parse_qs

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
    retro_block_id,
)
from bot.slack.ids import SettingsField as F
from bot.slack.listeners import OPTIONS
from tests.fakes.signing import block_actions_body, block_suggestion_body, view_submission_body
from tests.seed import LEAD
from tests.slack.authoring_steps import key_result_state, objective_state
from tests.slack.retro_steps import answer_values
from tests.slack.settings_steps import day, select, text, users, values

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
    retro_block_id(field): {input_action_id(field): value}
    for field, value in (
        (RetroField.STATEMENT, {"type": "plain_text_input", "value": "If we, then"}),
        (RetroField.IMPACT, _number("5")),
        (RetroField.CONFIDENCE, _number("5")),
        (RetroField.EASE, _number("5")),
    )
}
RESULT = {retro_block_id(RetroField.RESULT): {input_action_id(RetroField.RESULT): {"value": "x"}}}
WEEK = "2026-W47"
DRAFT = _view(Callback.NEW_OBJECTIVE, {"krs": 1}, NEW_OBJECTIVE)
# Port 9 refuses at once: the Test's fetch fails fast with an error to show.
SOURCE = {
    "source.kind": {"source.kind": {"type": "static_select", "selected_option": {"value": "csv"}}},
    "source.url": {"source.url": {"type": "plain_text_input", "value": "http://127.0.0.1:9/x"}},
    "source.pick": {"source.pick": {"type": "plain_text_input", "value": "B7"}},
}
EDIT_KR_SOURCE = _view(Callback.EDIT_KEY_RESULT, {"kr": 1}, EDIT_KR | SOURCE)


def _clicks() -> dict[str, Payload]:
    """A click on each of our buttons and selects, as our own surfaces render them."""
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
        "my settings": _click(Action.HOME_PREFS, None, view={"type": "home"}),
        "coach a title": _click(Action.DRAFT_TITLE, None, view=DRAFT),
        "add a key result": _click(Action.DRAFT_ADD_KR, None, view=DRAFT),
        "test a data source": _click(Action.SOURCE_TEST, "KR-1", view=EDIT_KR_SOURCE),
        "start a retro": _click(RetroAction.START, "1"),
        "validated": _click(RetroAction.HYPOTHESIS_VALIDATED, "1"),
        "invalidated": _click(RetroAction.HYPOTHESIS_INVALIDATED, "1"),
    }
    for action in SettingsAction:
        found[action] = _click(action, "1", view=MENU)
    for action in (SettingsAction.FIND_TEAM, SettingsAction.FIND_CYCLE):
        found[f"{action} pick"] = _click(action, None, view=MENU, **picked)
    return found


def _submissions() -> dict[str, Payload]:
    """Each of our modals submitted, and each type-ahead select asked for options."""
    team_modal = _view(SettingsCallback.TEAM, {"team_id": 1})
    found: dict[str, Payload] = {
        "check-in modal": _submit(Callback.CHECKIN_MODAL, {"period": WEEK}, CHECKIN_STATE),
        "away modal": _submit(
            Callback.AWAY_MODAL,
            {"period": WEEK},
            {AWAY_DATE_BLOCK: {AWAY_DATE_ACTION: {"selected_date": "2026-12-01"}}},
        ),
        "my settings modal": _submit(Callback.PREFS_MODAL, {}, values(select(F.REMINDERS, "on"))),
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
    for action_id in OPTIONS:
        found.setdefault(f"{action_id} options", _suggest(action_id, DRAFT))
    return found


# One payload Slack could send to each listener, as our own surfaces would produce it.
BASELINES = _clicks() | _submissions()
