"""What the simulated Slack keeps between starts, what its client checks, what it sends."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.app import Paths
from bot.sandbox.client_checks import REQUIRED, client_errors
from bot.sandbox.demo import SAM, add_people
from bot.sandbox.model import Message
from bot.sandbox.view_state import action_item, state_values
from bot.sandbox.workspace import Workspace, load, save

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


def number_block(block_id: str, **element: Any) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": "Value"},
        "element": {"type": "number_input", "action_id": "v", **element},
    }


def test_the_workspace_survives_a_restart(tmp_path: Path) -> None:
    workspace = Workspace(lambda: NOW)
    add_people(workspace)
    workspace.messages.append(Message("D0SAM00001", workspace.next_ts(), SAM, "hi"))
    save(workspace, tmp_path / "slack.json", {"clock_offset_s": 60.0})

    loaded = load(tmp_path / "slack.json")
    again = Workspace(lambda: NOW)
    assert loaded is not None
    again.load_json(loaded)

    assert again.messages == workspace.messages and again.users == workspace.users
    assert loaded["clock_offset_s"] == 60.0
    assert again.next_ts() > workspace.messages[-1].ts


def test_starting_over_removes_only_the_sandboxs_own_files(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    for name in ("okr-bot-sandbox.sqlite3", "okr-bot-sandbox.sqlite3-wal", "slack.json"):
        (tmp_path / name).write_text("x")
    paths.files.mkdir()
    (paths.files / "F000000001").write_text("x")
    (tmp_path / "notes.txt").write_text("mine")

    paths.wipe()

    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("element", "entered", "error"),
    [
        ({}, "abc", "Please enter a number."),
        ({"is_decimal_allowed": False}, "2.5", "Please enter a whole number."),
        ({"min_value": "0", "max_value": "10"}, "11", "Please enter a number that is 10 or less."),
        ({"min_value": "0"}, "-1", "Please enter a number that is 0 or more."),
        ({}, None, REQUIRED),
        ({"is_decimal_allowed": True}, "2.5", None),
    ],
)
def test_slacks_client_checks_numbers_before_sending(
    element: dict[str, Any], entered: str | None, error: str | None
) -> None:
    blocks = [number_block("b", **element)]

    errors = client_errors(blocks, state_values(blocks, {"b": {"v": entered}}))

    assert errors == ({"b": error} if error else {})


def test_state_falls_back_to_what_the_view_started_with() -> None:
    chosen = {"text": {"type": "plain_text", "text": "Two"}, "value": "2"}
    select = {
        "type": "static_select",
        "action_id": "s",
        "options": [{"text": {"type": "plain_text", "text": "One"}, "value": "1"}, chosen],
        "initial_option": chosen,
    }
    blocks = [
        number_block("n", initial_value="3"),
        {"type": "actions", "block_id": "a", "elements": [select]},
    ]

    values = state_values(blocks, {"n": {"v": "4"}})

    assert values["n"]["v"] == {"type": "number_input", "value": "4"}
    assert values["a"]["s"] == {"type": "static_select", "selected_option": chosen}


def test_an_option_not_offered_is_never_sent() -> None:
    select = {"type": "static_select", "action_id": "s", "options": []}

    item = action_item(select, "a", "made-up", "1.0")

    assert item["selected_option"] is None
