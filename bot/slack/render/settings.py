"""The `/okr settings` modal: the sections the caller may change, each behind a button."""

from typing import Any

from bot.services.settings_types import CycleSummary, SettingsMenu
from bot.slack.ids import SettingsAction, SettingsCallback
from bot.slack.render.blocks import Block, button, context, divider, header, plain, section
from bot.slack.render.text import escape, truncate

MAX_TEAMS = 30
MAX_CYCLES = 12


def settings_menu(menu: SettingsMenu) -> dict[str, Any]:
    blocks: list[Block] = []
    if menu.is_admin:
        blocks += [
            section(
                "*Workspace defaults*\nTime zone, cadence, reminders, digest time, bands.",
                accessory=button("Edit", SettingsAction.WORKSPACE),
            ),
            section(
                "*Bot admins*\nSlack's admins and owners are admins here too.",
                accessory=button("Edit", SettingsAction.ADMINS),
            ),
            divider(),
        ]
    blocks.append(header("Teams"))
    for team in menu.teams[:MAX_TEAMS]:
        edit = button("Edit", SettingsAction.TEAM, str(team.team_id))
        blocks.append(section(f"*{escape(team.name)}*", accessory=edit))
    if len(menu.teams) > MAX_TEAMS:
        blocks.append(context(f"…and {len(menu.teams) - MAX_TEAMS} more teams."))
    if menu.is_admin:
        blocks.append(section("Add a team.", accessory=button("New team", SettingsAction.NEW_TEAM)))
        blocks += [divider(), header("Cycles")]
        blocks += [_cycle(cycle) for cycle in menu.cycles[:MAX_CYCLES]]
        opener = button("Open a cycle", SettingsAction.NEW_CYCLE)
        blocks.append(section("Start a new period of OKRs.", accessory=opener))
    return {
        "type": "modal",
        "callback_id": SettingsCallback.MENU,
        "title": plain("OKR settings"),
        "close": plain("Done"),
        "blocks": blocks,
    }


def _cycle(cycle: CycleSummary) -> Block:
    when = f"{cycle.start:%d %b %Y} – {cycle.end:%d %b %Y}"
    text = f"*{escape(cycle.name)}*  {when}"
    if cycle.closed:
        return section(f"{text}  · closed and scored")
    close = button("Close", SettingsAction.CLOSE_CYCLE, str(cycle.cycle_id), style="danger")
    close["confirm"] = {
        "title": plain("Close this cycle?"),
        "text": plain(
            f"Closing {truncate(cycle.name, 60)} scores every key result from its final progress. "
            "It cannot be undone."
        ),
        "confirm": plain("Close and score"),
        "deny": plain("Cancel"),
        "style": "danger",
    }
    return section(text, accessory=close)
