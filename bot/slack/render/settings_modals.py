"""The settings sections as modals: workspace defaults, a team, a new team, admins, a cycle."""

import json
from typing import Any

from bot.domain.text import truncate
from bot.services.settings.results import TeamChoice, TeamForm, WorkspaceForm
from bot.slack.ids import NO_PARENT, SettingsCallback
from bot.slack.ids import SettingsField as F
from bot.slack.limits import VIEW_TITLE
from bot.slack.render.blocks import Block, context, input_block, option, plain
from bot.slack.render.quiet_fields import mention_blockers_block
from bot.slack.render.settings_fields import datepicker, number, schedule_blocks

NO_PARENT_OPTION = option(NO_PARENT, "No parent team")


def _modal(
    callback: SettingsCallback, title: str, blocks: list[Block], meta: str = ""
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback,
        "title": plain(truncate(title, VIEW_TITLE)),
        "submit": plain("Save"),
        "close": plain("Back"),
        "private_metadata": meta,
        "blocks": blocks,
    }


def workspace_modal(form: WorkspaceForm) -> dict[str, Any]:
    zone: Block = {"type": "plain_text_input", "action_id": F.TIMEZONE, "max_length": 64}
    if form.timezone:
        zone["initial_value"] = form.timezone
    blocks = [
        context("Teams use these unless they set their own. Empty means the built-in default."),
        input_block(
            F.TIMEZONE,
            "Time zone for people and teams Slack gives none",
            zone,
            optional=True,
            hint="A name like Europe/Berlin.",
        ),
        *schedule_blocks(form.schedule, "Built-in default"),
        input_block(
            F.RETRO_BELOW,
            "Ask for a retro when a key result scores below",
            number(F.RETRO_BELOW, form.retro_below, 0, 1, decimal=True),
            optional=True,
            hint="A score from 0.0 to 1.0; empty for 0.7.",
        ),
    ]
    return _modal(SettingsCallback.WORKSPACE, "Workspace defaults", blocks)


def team_modal(team_id: int | None, form: TeamForm, parent: TeamChoice | None) -> dict[str, Any]:
    """A team's settings, or a new team's when `team_id` is None; the id rides in metadata."""
    name: Block = {"type": "plain_text_input", "action_id": F.NAME, "max_length": 120}
    if form.name:
        name["initial_value"] = form.name
    channel: Block = {
        "type": "conversations_select",
        "action_id": F.CHANNEL,
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if form.channel_id:
        channel["initial_conversation"] = form.channel_id
    # Teams can be many: their names are looked up as the person types.
    parent_pick: Block = {"type": "external_select", "action_id": F.PARENT, "min_query_length": 0}
    parent_pick["initial_option"] = (
        option(str(parent.team_id), parent.name) if parent else NO_PARENT_OPTION
    )
    blocks = [
        input_block(F.NAME, "Team name", name),
        input_block(F.CHANNEL, "Channel for its digest", channel, optional=team_id is not None),
        input_block(F.PARENT, "Parent team", parent_pick),
        input_block(F.LEADS, "Leads", _people(F.LEADS, form.leads), optional=True),
        input_block(
            F.MEMBERS,
            "Members",
            _people(F.MEMBERS, form.members),
            optional=True,
            hint="Someone taken off the team keeps their key results.",
        ),
        *schedule_blocks(form.schedule, "Workspace default"),
        mention_blockers_block(form.mention_blockers),
    ]
    if team_id is None:
        return _modal(SettingsCallback.NEW_TEAM, "New team", blocks)
    meta = json.dumps({"team_id": team_id})
    return _modal(SettingsCallback.TEAM, "Team settings", blocks, meta)


def admins_modal(admins: tuple[str, ...]) -> dict[str, Any]:
    blocks = [
        context("Slack's workspace admins and owners are always admins here."),
        input_block(F.ADMINS, "Bot admins", _people(F.ADMINS, admins), optional=True),
    ]
    return _modal(SettingsCallback.ADMINS, "Bot admins", blocks)


def cycle_modal() -> dict[str, Any]:
    name: Block = {"type": "plain_text_input", "action_id": F.NAME, "max_length": 60}
    name["placeholder"] = plain("2027-Q1")
    blocks = [
        input_block(F.NAME, "Cycle name", name),
        input_block(F.START, "First day", datepicker(F.START, None)),
        input_block(F.END, "Last day", datepicker(F.END, None)),
    ]
    return _modal(SettingsCallback.NEW_CYCLE, "Open a cycle", blocks)


def _people(field: F, users: tuple[str, ...]) -> Block:
    element: Block = {"type": "multi_users_select", "action_id": field}
    if users:
        element["initial_users"] = list(users)
    return element
