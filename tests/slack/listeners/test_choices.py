"""150 teams, many objectives and cycles: every list that grows is searched as one types.

Slack refuses a select with more than 100 options, so teams, cycles and parent objectives
come from the bot as the person types (block_suggestion), only what they may pick; what
they submit is checked again.
"""

from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import Cycle, Objective, Team, TeamMember
from bot.slack.ids import Action, SettingsAction, SettingsCallback, draft_block_id
from bot.slack.ids import SettingsField as F
from tests.fakes.blockkit import assert_valid_view
from tests.fakes.signing import block_actions_body, signed_request
from tests.seed import BOB, LEAD, Seeded
from tests.slack.authoring_steps import (
    act_in_modal,
    entry,
    key_result_state,
    objective_state,
    open_modal,
    picked,
)
from tests.slack.harness import SIGNING_SECRET, SlackHarness, json_body
from tests.slack.settings_steps import buttons, open_settings, values, with_metadata
from tests.slack.settings_steps import text as typed

ADMIN = "U0ADMIN001"
TEAMS = 150


@pytest.fixture
def crowded(slack: SlackHarness, seeded: Seeded) -> SlackHarness:
    """150 teams besides Growth (Team 000 … Team 149, Team 001 under Team 000), each with an
    objective in the quarter, and 15 cycles; the admin is one in the bot."""
    with slack.database.transaction() as session:
        get_or_create_member(session, ADMIN).is_admin = True
        cycle = session.get_one(Cycle, 1)
        teams = [Team(name=f"Team {n:03}", channel_id=f"C0TEAM{n:04}") for n in range(TEAMS)]
        session.add_all(teams)
        session.flush()
        teams[1].parent_id = teams[0].id
        session.add_all(
            Objective(cycle_id=cycle.id or 0, team_id=team.id or 0, title=f"Aim of {team.name}")
            for team in teams
        )
        start = date(2027, 1, 1)
        session.add_all(
            Cycle(
                name=f"Later {n:02}",
                start_date=start + timedelta(days=90 * n),
                end_date=start + timedelta(days=90 * n + 89),
            )
            for n in range(15)
        )
    return slack


def _labels(options: list[dict[str, Any]]) -> list[str]:
    return [option["text"]["text"] for option in options]


def _team_id(database: Database, name: str) -> int:
    with database.transaction() as session:
        team = session.exec(select(Team).where(Team.name == name)).one()
        assert team.id is not None
        return team.id


def test_an_admin_with_150_teams_opens_new_and_searches_teams(crowded: SlackHarness) -> None:
    view = open_modal(crowded, "new", ADMIN)  # a valid view: no select over 100 options
    team = next(b for b in view["blocks"] if b.get("block_id") == draft_block_id("team"))
    assert team["element"]["type"] == "external_select"
    assert len(crowded.suggest("draft.team", "", ADMIN, view)) == 100
    found = _labels(crowded.suggest("draft.team", "team 14", ADMIN, view))
    assert found == [f"Team {n}" for n in range(140, 150)]
    assert _labels(crowded.suggest("draft.team", "100%_", ADMIN, view)) == []


def test_a_lead_is_offered_only_their_team_whatever_they_type(crowded: SlackHarness) -> None:
    view = open_modal(crowded, "new", LEAD)
    assert _labels(crowded.suggest("draft.team", "", LEAD, view)) == ["Growth"]
    assert _labels(crowded.suggest("draft.team", "Team 0", LEAD, view)) == []
    assert crowded.suggest("draft.team", "", BOB, view) == []  # leads nothing: nothing to pick


def test_a_parent_objective_is_searched_in_the_picked_cycle(crowded: SlackHarness) -> None:
    view = open_modal(crowded, "new", ADMIN)
    parents = crowded.suggest("draft.parent", "", ADMIN, view)
    assert len(parents) == 100
    assert _labels(crowded.suggest("draft.parent", "team 149", ADMIN, view)) == [
        "O-151 Aim of Team 149"
    ]
    assert _labels(crowded.suggest("draft.parent", "O-1", ADMIN, view))[0].startswith("O-1 Become")
    later = view | {"state": {"values": entry("cycle", picked("3"))}}
    assert crowded.suggest("draft.parent", "", ADMIN, later) == []  # nothing planned there yet


def test_a_picked_team_and_parent_stay_picked_while_typing(crowded: SlackHarness) -> None:
    view = open_modal(crowded, "new", ADMIN)
    team = str(_team_id(crowded.database, "Team 120"))
    state = objective_state("Fans", int(team), 1, parent="151") | key_result_state(0, "KR", BOB)
    updated = act_in_modal(crowded, view, Action.DRAFT_TITLE, draft_block_id("title"), state, ADMIN)
    shown = {b.get("block_id"): b.get("element", {}) for b in updated["blocks"]}
    assert shown[draft_block_id("team")]["initial_option"]["text"]["text"] == "Team 120"
    assert shown[draft_block_id("parent")]["initial_option"]["value"] == "151"


def test_editing_an_objective_offers_parents_but_never_itself_or_below(
    crowded: SlackHarness,
) -> None:
    with crowded.database.transaction() as session:
        child = session.get_one(Objective, 3)
        child.parent_id = 2
    view = open_modal(crowded, "edit O-2", ADMIN)
    assert_valid_view(view)
    offered = [o["value"] for o in crowded.suggest("draft.parent", "aim of team 00", ADMIN, view)]
    assert "2" not in offered and "3" not in offered
    assert offered == [str(n) for n in range(4, 12)]
    assert crowded.suggest("draft.parent", "", BOB, view) == []  # Bob may not edit O-2


def test_a_forged_parent_from_another_cycle_is_refused_on_save(crowded: SlackHarness) -> None:
    with crowded.database.transaction() as session:
        other = Objective(cycle_id=3, team_id=1, title="Next year's aim")
        session.add(other)
        session.flush()
        other_id = other.id
    view = open_modal(crowded, "new", ADMIN)
    state = objective_state("Fans", 1, 1, parent=str(other_id)) | key_result_state(0, "KR", BOB)
    errors = json_body(crowded.submit(view, state, ADMIN))["errors"]
    assert errors[draft_block_id("parent")] == "Pick a parent objective from the same cycle."


def test_settings_with_150_teams_search_a_team_and_open_it(crowded: SlackHarness) -> None:
    menu = open_settings(crowded, ADMIN)
    assert len(menu["blocks"]) <= 100
    assert (SettingsAction.TEAM, "1") not in buttons(menu)
    found = crowded.suggest(SettingsAction.FIND_TEAM, "team 07", ADMIN, menu)
    assert _labels(found) == [f"Team {n:03}" for n in range(70, 80)]
    assert crowded.suggest(SettingsAction.FIND_TEAM, "team", LEAD, menu) == []
    assert _labels(crowded.suggest(SettingsAction.FIND_TEAM, "", LEAD, menu)) == ["Growth"]
    crowded.fake.clear()
    pick = {"type": "external_select", "selected_option": found[0]}
    shown = {"id": "V0MENU0001", "type": "modal", "callback_id": SettingsCallback.MENU}
    body = block_actions_body(SettingsAction.FIND_TEAM, None, ADMIN, view=shown, action=pick)
    assert crowded.app.dispatch(signed_request(body, SIGNING_SECRET)).status == 200
    modal = crowded.fake.wait_for("views.push")[0].body["view"]
    assert_valid_view(modal)
    assert '"team_id": ' + found[0]["value"] in modal["private_metadata"]


def test_a_parent_team_is_searched_without_the_team_or_its_sub_teams(
    crowded: SlackHarness,
) -> None:
    team_000 = _team_id(crowded.database, "Team 000")
    menu = open_settings(crowded, ADMIN)
    modal = with_metadata(
        {"callback_id": SettingsCallback.TEAM, "blocks": menu["blocks"]}, {"team_id": team_000}
    )
    offered = _labels(crowded.suggest(F.PARENT, "team 00", ADMIN, modal))
    assert offered == [f"Team 00{n}" for n in range(2, 10)]
    assert _labels(crowded.suggest(F.PARENT, "growth", ADMIN, modal)) == ["Growth"]
    assert _labels(crowded.suggest(F.PARENT, "", ADMIN, modal))[:2] == ["No parent team", "Growth"]
    assert crowded.suggest(F.PARENT, "", LEAD, modal) == []  # not Lead's team
    new_team = {"callback_id": SettingsCallback.NEW_TEAM}
    assert len(crowded.suggest(F.PARENT, "", ADMIN, new_team)) == 100


def test_a_forged_sub_team_as_parent_is_refused_on_save(crowded: SlackHarness) -> None:
    team_000, team_001 = (_team_id(crowded.database, f"Team 00{n}") for n in (0, 1))
    menu = open_settings(crowded, ADMIN)
    crowded.fake.clear()
    pick = {"type": "external_select", "selected_option": {"value": str(team_000)}}
    shown = {"id": "V0MENU0001", "type": "modal", "callback_id": SettingsCallback.MENU}
    body = block_actions_body(SettingsAction.FIND_TEAM, None, ADMIN, view=shown, action=pick)
    crowded.app.dispatch(signed_request(body, SIGNING_SECRET))
    modal = crowded.fake.wait_for("views.push")[0].body["view"]
    state = values(typed(F.NAME, "Team 000"))
    state |= {F.PARENT: {F.PARENT: picked(str(team_001))}}
    errors = json_body(crowded.submit(modal, state, ADMIN))["errors"]
    assert errors[F.PARENT] == "A team cannot sit under itself or a team below it."
    assert crowded.services.settings.team_settings(ADMIN, team_000).form.parent_id is None
    assert menu["callback_id"] == SettingsCallback.MENU


def test_settings_with_many_cycles_search_an_open_one_to_close(crowded: SlackHarness) -> None:
    menu = open_settings(crowded, ADMIN)
    assert len(menu["blocks"]) <= 100
    assert [a for a, _ in buttons(menu)].count(SettingsAction.CLOSE_CYCLE) == 0
    found = crowded.suggest(SettingsAction.FIND_CYCLE, "later 1", ADMIN, menu)
    assert _labels(found) == [f"Later {n}" for n in range(10, 15)]
    assert crowded.suggest(SettingsAction.FIND_CYCLE, "", LEAD, menu) == []
    crowded.fake.clear()
    pick = {"type": "external_select", "selected_option": found[0]}
    shown = {"id": "V0MENU0001", "type": "modal", "callback_id": SettingsCallback.MENU}
    body = block_actions_body(SettingsAction.FIND_CYCLE, None, ADMIN, view=shown, action=pick)
    crowded.app.dispatch(signed_request(body, SIGNING_SECRET))
    assert crowded.fake.wait_for("views.update")[0].body["view_id"] == "V0MENU0001"
    cycles = crowded.services.settings.menu(ADMIN).cycles
    [closed] = [cycle for cycle in cycles if cycle.cycle_id == int(found[0]["value"])]
    assert closed.name == "Later 10" and closed.closed
    assert crowded.suggest(SettingsAction.FIND_CYCLE, "later 10", ADMIN, menu) == []


def test_a_lead_still_sees_buttons_for_their_few_teams(crowded: SlackHarness) -> None:
    with crowded.database.transaction() as session:
        lead = get_or_create_member(session, LEAD)
        session.add(TeamMember(team_id=2, member_id=lead.id or 0, is_lead=True))
    assert buttons(open_settings(crowded, LEAD)) == [
        (SettingsAction.TEAM, "1"),
        (SettingsAction.TEAM, "2"),
    ]
