"""manifest.yml is valid for Slack, and declares exactly what the app listens to."""

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bot.slack.listeners import COMMANDS, EVENTS, OPTIONS
from bot.slack.listeners.commands.router import SUBCOMMANDS
from tests.slack.harness import SlackHarness

ROOT = Path(__file__).resolve().parents[3]
# Slack's published schema (MIT), kept beside this test: no test reads outside the repository.
SCHEMA = Path(__file__).resolve().parents[1] / "manifest_schema" / "manifest.schema.1.0.0.json"
# files:write uploads the digest's chart (files_upload_v2) into the digest's thread.
LEAST_PRIVILEGE = {"commands", "chat:write", "im:write", "users:read", "files:write"}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yml").read_text())
    return loaded


def test_the_manifest_validates_against_slacks_schema(manifest: dict[str, Any]) -> None:
    if not SCHEMA.exists():
        pytest.fail(f"Slack's manifest schema is missing at {SCHEMA}")
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text())).validate(manifest)


def test_the_manifest_asks_for_the_least_privilege(manifest: dict[str, Any]) -> None:
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == LEAST_PRIVILEGE
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    app_home = manifest["features"]["app_home"]
    assert app_home["home_tab_enabled"] and app_home["messages_tab_enabled"]


def test_every_declared_command_and_event_has_a_listener_and_back(manifest: dict[str, Any]) -> None:
    commands = {command["command"] for command in manifest["features"]["slash_commands"]}
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert commands == set(COMMANDS)
    assert events == set(EVENTS)


def test_each_declared_command_and_event_is_answered(
    slack: SlackHarness, manifest: dict[str, Any]
) -> None:
    """Bolt answers 404 to a request no listener takes; every declared one must get 200."""
    for event in manifest["settings"]["event_subscriptions"]["bot_events"]:
        assert slack.event({"type": event, "user": "U0ALICE001", "tab": "home"}).status == 200
    slack.fake.wait_for("views.publish")
    for command in manifest["features"]["slash_commands"]:
        assert command["command"] == "/okr"
        assert slack.command("help", "U0ALICE001").status == 200


def test_the_usage_hint_names_real_subcommands(manifest: dict[str, Any]) -> None:
    [command] = manifest["features"]["slash_commands"]
    hinted = [part.split()[0] for part in command["usage_hint"].strip("[]").split(" | ")]
    assert set(hinted) <= {subcommand.verb for subcommand in SUBCOMMANDS}
    assert {"checkin", "list", "new", "settings", "help"} <= set(hinted)


def _http_mode(text: str) -> dict[str, Any]:
    """The manifest as the README says to set it for HTTP mode: its commented URLs filled in."""
    url = re.compile(r"^(\s*)# (\w+): (https://YOUR-HOST/slack/events)\s+\(HTTP mode only\)$")
    lines = [url.sub(r"\1\2: \3", line) for line in text.splitlines()]
    manifest: dict[str, Any] = yaml.safe_load("\n".join(lines))
    manifest["settings"]["socket_mode_enabled"] = False
    return manifest


def test_in_http_mode_every_request_url_is_set_options_included() -> None:
    manifest = _http_mode((ROOT / "manifest.yml").read_text())
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text())).validate(manifest)
    events = "https://YOUR-HOST/slack/events"
    settings = manifest["settings"]
    assert settings["event_subscriptions"]["request_url"] == events
    assert settings["interactivity"]["request_url"] == events
    assert manifest["features"]["slash_commands"][0]["url"] == events
    # The bot answers select menus' options (block_suggestion): Slack needs where to ask.
    assert OPTIONS
    assert settings["interactivity"]["message_menu_options_url"] == events
