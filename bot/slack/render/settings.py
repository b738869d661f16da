"""The `/okr settings` modal: the sections the caller may change, each behind a button."""

from typing import Any

from bot.services.settings.results import CycleSummary, SettingsMenu
from bot.slack.ids import SettingsAction, SettingsCallback
from bot.slack.render.blocks import Block, button, divider, header, plain, section
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
    if len(menu.teams) > MAX_TEAMS:
        find = search(SettingsAction.FIND_TEAM, "Type a team's name")
        blocks.append(section(f"*{len(menu.teams)} teams.* Pick one to edit.", accessory=find))
    else:
        for team in menu.teams:
            edit = button("Edit", SettingsAction.TEAM, str(team.team_id))
            blocks.append(section(f"*{escape(team.name)}*", accessory=edit))
    if menu.is_admin:
        blocks.append(section("Add a team.", accessory=button("New team", SettingsAction.NEW_TEAM)))
        blocks += [divider(), header("Cycles"), *_cycles(menu.cycles)]
        opener = button("Open a cycle", SettingsAction.NEW_CYCLE)
        blocks.append(section("Start a new period of OKRs.", accessory=opener))
    return {
        "type": "modal",
        "callback_id": SettingsCallback.MENU,
        "title": plain("OKR settings"),
        "close": plain("Done"),
        "blocks": blocks,
    }


def _cycles(cycles: tuple[CycleSummary, ...]) -> list[Block]:
    """Each cycle with its Close button; beyond what fits, the newest and a search to close."""
    if len(cycles) <= MAX_CYCLES:
        return [_cycle(cycle) for cycle in cycles]
    find = search(SettingsAction.FIND_CYCLE, "Type a cycle's name")
    find["confirm"] = _confirm_close("the cycle you picked")
    shown = [_cycle(cycle, closable=False) for cycle in cycles[: MAX_CYCLES - 1]]
    return [*shown, section(f"*{len(cycles)} cycles.* Pick an open one to close.", accessory=find)]


def _cycle(cycle: CycleSummary, *, closable: bool = True) -> Block:
    when = f"{cycle.start:%d %b %Y} – {cycle.end:%d %b %Y}"
    text = f"*{escape(cycle.name)}*  {when}"
    if cycle.closed:
        return section(f"{text}  · closed and scored")
    if not closable:
        return section(text)
    close = button("Close", SettingsAction.CLOSE_CYCLE, str(cycle.cycle_id), style="danger")
    close["confirm"] = _confirm_close(truncate(cycle.name, 60))
    return section(text, accessory=close)


def _confirm_close(which: str) -> Block:
    return {
        "title": plain("Close this cycle?"),
        "text": plain(
            f"Closing {which} scores every key result from its final progress. It cannot be undone."
        ),
        "confirm": plain("Close and score"),
        "deny": plain("Cancel"),
        "style": "danger",
    }


def search(action_id: str, placeholder: str) -> Block:
    """A select whose options come as the person types (teams and cycles can be many)."""
    element: Block = {"type": "external_select", "action_id": action_id, "min_query_length": 0}
    element["placeholder"] = plain(placeholder)
    return element
