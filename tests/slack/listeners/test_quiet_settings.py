"""`/okr settings`: the holiday region of a team and the workspace, and pinging blockers."""

from typing import Any

from bot.db.models import Team, WorkspaceSettings
from bot.slack.ids import SettingsAction
from bot.slack.ids import SettingsField as F
from tests.seed import LEAD
from tests.slack.harness import SlackHarness, json_body
from tests.slack.settings_steps import (
    ADMIN,
    channel,
    errors_of,
    open_settings,
    push,
    text,
    users,
    values,
)

State = dict[str, Any]


def _team_state(*parts: State) -> State:
    base = values(text(F.NAME, "Growth"), channel("C0GROWTH01"), users(F.LEADS, LEAD))
    return base | values(*parts)


def _checked(on: bool) -> State:
    picked = [{"value": "on"}] if on else []
    return {
        F.MENTION_BLOCKERS: {F.MENTION_BLOCKERS: {"type": "checkboxes", "selected_options": picked}}
    }


def test_a_lead_sets_the_teams_holidays_and_opts_in_to_pinging_blockers(
    slack: SlackHarness,
) -> None:
    modal = push(slack, open_settings(slack, LEAD), SettingsAction.TEAM, LEAD, "1")
    state = _team_state(text(F.HOLIDAYS, " de-by "), _checked(True))
    assert json_body(slack.submit(modal, state, LEAD)) == {}
    with slack.database.transaction() as session:
        team = session.get_one(Team, 1)
        assert (team.holidays, team.mention_blockers) == ("DE-BY", True)
    again = push(slack, open_settings(slack, LEAD), SettingsAction.TEAM, LEAD, "1")
    blocks = {b.get("block_id"): b for b in again["blocks"]}
    assert blocks[F.HOLIDAYS]["element"]["initial_value"] == "DE-BY"
    assert blocks[F.MENTION_BLOCKERS]["element"]["initial_options"][0]["value"] == "on"
    assert json_body(slack.submit(again, _team_state(_checked(False)), LEAD)) == {}
    with slack.database.transaction() as session:
        team = session.get_one(Team, 1)
        assert (team.holidays, team.mention_blockers) == (None, False)


def test_an_unknown_country_or_region_is_shown_on_the_field_and_nothing_is_saved(
    slack: SlackHarness,
) -> None:
    modal = push(slack, open_settings(slack, LEAD), SettingsAction.TEAM, LEAD, "1")
    for code, message in (
        ("XX", "'XX' is not a country I know holidays for"),
        ("DE-XX", "'DE-XX' is not a region of DE"),
    ):
        errors = errors_of(slack.submit(modal, _team_state(text(F.HOLIDAYS, code)), LEAD))
        assert set(errors) == {F.HOLIDAYS}
        assert errors[F.HOLIDAYS].startswith(message)
    with slack.database.transaction() as session:
        assert session.get_one(Team, 1).holidays is None


def test_the_workspace_default_region_is_saved_and_checked(slack: SlackHarness) -> None:
    slack.fake.set_user(ADMIN, is_admin=True)
    modal = push(slack, open_settings(slack, ADMIN), SettingsAction.WORKSPACE, ADMIN)
    errors = errors_of(slack.submit(modal, values(text(F.HOLIDAYS, "Bavaria")), ADMIN))
    assert set(errors) == {F.HOLIDAYS}
    assert json_body(slack.submit(modal, values(text(F.HOLIDAYS, "AT")), ADMIN)) == {}
    with slack.database.transaction() as session:
        assert session.get_one(WorkspaceSettings, 1).holidays == "AT"
