"""Driving `/okr settings` in tests: open the modal, click its buttons, fill in sections."""

import json
from typing import Any

from slack_bolt import BoltResponse

from bot.slack.ids import SettingsField as F
from tests.fakes.blockkit import assert_valid_view
from tests.fakes.signing import block_actions_body, signed_request
from tests.slack.harness import SIGNING_SECRET, SlackHarness, json_body

ADMIN = "U0ADMIN001"

State = dict[str, dict[str, Any]]


def open_settings(slack: SlackHarness, user: str) -> dict[str, Any]:
    return open_by_command(slack, "settings", user)


def open_by_command(slack: SlackHarness, verb: str, user: str) -> dict[str, Any]:
    """The modal `/okr VERB` opens, checked for Block Kit."""
    slack.fake.clear()
    assert json_body(slack.command(verb, user)) == {}
    view: dict[str, Any] = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(view)
    return view


def refusal(slack: SlackHarness, user: str) -> str:
    """What `/okr settings` says to someone it opens nothing for."""
    slack.fake.clear()
    assert json_body(slack.command("settings", user)) == {}  # acknowledged at once
    [answer] = slack.fake.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert slack.fake.calls_to("views.open") == []
    return str(answer.body["text"])


def buttons(view: dict[str, Any]) -> list[tuple[str, str]]:
    """(action_id, value) of every button in the view."""
    found = []
    for block in view["blocks"]:
        accessory = block.get("accessory") or {}
        if accessory.get("type") == "button":
            found.append((accessory["action_id"], accessory.get("value", "")))
    return found


def click(
    slack: SlackHarness, view: dict[str, Any], action_id: str, user: str, value: str = ""
) -> BoltResponse:
    shown = {"id": "V0MENU0001", "type": "modal", "callback_id": view["callback_id"]}
    shown |= {"private_metadata": view.get("private_metadata", ""), "blocks": view["blocks"]}
    body = block_actions_body(action_id, value or None, user, view=shown)
    return slack.app.dispatch(signed_request(body, SIGNING_SECRET))


def push(
    slack: SlackHarness, view: dict[str, Any], action_id: str, user: str, value: str = ""
) -> dict[str, Any]:
    """Click a menu button and return the section modal it pushed."""
    slack.fake.clear()
    click(slack, view, action_id, user, value)
    pushed: dict[str, Any] = slack.fake.wait_for("views.push")[0].body["view"]
    assert_valid_view(pushed)
    return pushed


def errors_of(response: BoltResponse) -> dict[str, str]:
    body = json_body(response)
    assert body.get("response_action") == "errors", body
    return dict(body["errors"])


def select(field: F, value: str) -> State:
    return {field: {field: {"type": "static_select", "selected_option": {"value": value}}}}


def number(field: F, value: str) -> State:
    return {field: {field: {"type": "number_input", "value": value}}}


def text(field: F, value: str) -> State:
    return {field: {field: {"type": "plain_text_input", "value": value}}}


def day(field: F, value: str) -> State:
    return {field: {field: {"type": "datepicker", "selected_date": value}}}


def clock(field: F, value: str) -> State:
    return {field: {field: {"type": "timepicker", "selected_time": value}}}


def users(field: F, *ids: str) -> State:
    return {field: {field: {"type": "multi_users_select", "selected_users": list(ids)}}}


def channel(value: str) -> State:
    element = {"type": "conversations_select", "selected_conversation": value}
    return {F.CHANNEL: {F.CHANNEL: element}}


def values(*parts: State) -> State:
    merged: State = {}
    for part in parts:
        merged |= part
    return merged


def with_metadata(view: dict[str, Any], metadata: dict[str, Any]) -> dict[str, Any]:
    return view | {"private_metadata": json.dumps(metadata)}
