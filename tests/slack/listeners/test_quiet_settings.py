"""`/okr settings`: the holiday region of a team and the workspace, and pinging blockers."""

from typing import Any

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


def _holidays_and_blockers(slack: SlackHarness) -> tuple[str | None, bool]:
    """The Growth team's holiday region and whether its blockers are pinged, as saved."""
    saved = slack.services.settings.team_settings(LEAD, 1).form
    return saved.schedule.holidays, saved.mention_blockers


def test_a_lead_sets_the_teams_holidays_and_opts_in_to_pinging_blockers(
    slack: SlackHarness,
) -> None:
    modal = push(slack, open_settings(slack, LEAD), SettingsAction.TEAM, LEAD, "1")
    state = _team_state(text(F.HOLIDAYS, " de-by "), _checked(True))
    assert json_body(slack.submit(modal, state, LEAD)) == {}
    assert _holidays_and_blockers(slack) == ("DE-BY", True)
    again = push(slack, open_settings(slack, LEAD), SettingsAction.TEAM, LEAD, "1")
    blocks = {b.get("block_id"): b for b in again["blocks"]}
    assert blocks[F.HOLIDAYS]["element"]["initial_value"] == "DE-BY"
    assert blocks[F.MENTION_BLOCKERS]["element"]["initial_options"][0]["value"] == "on"
    assert json_body(slack.submit(again, _team_state(_checked(False)), LEAD)) == {}
    assert _holidays_and_blockers(slack) == (None, False)


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
    assert _holidays_and_blockers(slack)[0] is None


def test_the_workspace_default_region_is_saved_and_checked(slack: SlackHarness) -> None:
    slack.fake.set_user(ADMIN, is_admin=True)
    modal = push(slack, open_settings(slack, ADMIN), SettingsAction.WORKSPACE, ADMIN)
    errors = errors_of(slack.submit(modal, values(text(F.HOLIDAYS, "Bavaria")), ADMIN))
    assert set(errors) == {F.HOLIDAYS}
    assert json_body(slack.submit(modal, values(text(F.HOLIDAYS, "AT")), ADMIN)) == {}
    assert slack.services.settings.workspace_form(ADMIN).schedule.holidays == "AT"
