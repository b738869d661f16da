"""Driving `/okr prefs` in tests: open the modal and fill it in."""

from typing import Any

from slack_bolt import BoltResponse

from bot.slack.ids import SettingsField as F
from tests.slack.harness import SlackHarness
from tests.slack.settings_steps import clock, open_by_command, select, text, values


def open_prefs(slack: SlackHarness, user: str) -> dict[str, Any]:
    return open_by_command(slack, "prefs", user)


def save_prefs(
    slack: SlackHarness,
    user: str,
    *,
    day: str = "default",
    at: str | None = None,
    reminders: str = "on",
    holidays: str = "",
) -> BoltResponse:
    state = values(select(F.PROMPT_WEEKDAY, day), select(F.REMINDERS, reminders))
    state |= clock(F.PROMPT_AT, at) if at else {}
    state |= text(F.HOLIDAYS, holidays) if holidays else {}
    return slack.submit(open_prefs(slack, user), state, user)


def blocks_by_id(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block["block_id"]: block for block in view["blocks"] if "block_id" in block}
