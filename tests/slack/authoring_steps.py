"""Steps for the authoring flows: open a modal, type into it, click in it, submit it."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import Learning, Objective, Team, TeamMember
from bot.slack.ids import draft_action_id, draft_block_id
from tests.fakes.blockkit import assert_valid_view
from tests.fakes.signing import block_actions_body, signed_request
from tests.slack.harness import SIGNING_SECRET, SlackHarness

PLATFORM_LEAD = "U0PLATLEAD"
ADMIN = "U0ADMIN001"
State = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Platform:
    team_id: int


def add_platform_team(database: Database) -> Platform:
    """A second team with its own lead, and a workspace admin who leads nothing."""
    with database.transaction() as session:
        lead = get_or_create_member(session, PLATFORM_LEAD)
        admin = get_or_create_member(session, ADMIN)
        admin.is_admin = True
        team = Team(name="Platform", channel_id="C0PLATFORM")
        session.add(team)
        session.flush()
        assert team.id is not None and lead.id is not None
        session.add(TeamMember(team_id=team.id, member_id=lead.id, is_lead=True))
        return Platform(team.id)


def add_learning(database: Database, kr_id: int, text: str) -> None:
    with database.transaction() as session:
        session.add(
            Learning(
                key_result_id=kr_id,
                source="retro",
                text=text,
                created_at=datetime(2026, 9, 30, tzinfo=UTC),
            )
        )


def open_modal(slack: SlackHarness, command: str, user: str) -> dict[str, Any]:
    slack.fake.clear()
    response = slack.command(command, user)
    assert response.status == 200
    view: dict[str, Any] = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(view)
    return view


def entry(field: str, state: dict[str, Any], index: int | None = None) -> State:
    return {draft_block_id(field, index): {draft_action_id(field): state}}


def text(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def number(value: str | None) -> dict[str, Any]:
    return {"type": "number_input", "value": value}


def option(value: str | None) -> dict[str, Any]:
    chosen = (
        None if value is None else {"text": {"type": "plain_text", "text": value}, "value": value}
    )
    return {"type": "static_select", "selected_option": chosen}


def picked(value: str | None, text: str | None = None) -> dict[str, Any]:
    """An external select's state: the option picked from those the bot offered."""
    label = {"type": "plain_text", "text": text or value}
    chosen = None if value is None else {"text": label, "value": value}
    return {"type": "external_select", "selected_option": chosen}


def options(kind: str, values: list[str]) -> dict[str, Any]:
    chosen = [{"text": {"type": "plain_text", "text": v}, "value": v} for v in values]
    return {"type": kind, "selected_options": chosen}


def user(value: str | None) -> dict[str, Any]:
    return {"type": "users_select", "selected_user": value}


def users(values: list[str]) -> dict[str, Any]:
    return {"type": "multi_users_select", "selected_users": values}


def key_result_state(
    index: int | None,
    title: str,
    owner: str,
    *,
    kr_type: str = "increase_to",
    start: str | None = "2",
    target: str | None = "3",
    contributors: list[str] | None = None,
    unit: str | None = "sessions",
) -> State:
    return (
        entry("title", text(title), index)
        | entry("owner", user(owner), index)
        | entry("contributors", users(contributors or []), index)
        | entry("type", option(kr_type), index)
        | entry("start", number(start), index)
        | entry("target", number(target), index)
        | entry("unit", text(unit), index)
        | entry("indicator", option("leading"), index)
    )


def objective_state(title: str, team_id: int, cycle_id: int, parent: str | None = None) -> State:
    return (
        entry("title", text(title))
        | entry("description", text("Fans come back every week"))
        | entry("team", picked(str(team_id)))
        | entry("cycle", picked(str(cycle_id)))
        | entry("kind", option("aspirational"))
        | entry("tags", options("multi_static_select", ["customer", "learning"]))
        | entry("parent", picked(parent))
    )


def act_in_modal(
    slack: SlackHarness,
    view: dict[str, Any],
    action_id: str,
    block_id: str,
    state: State,
    user_id: str,
    action: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Type into (dispatch) or click in an open modal; returns the view sent to views.update."""
    slack.fake.clear()
    shown = view | {"hash": "1700000000.hash", "state": {"values": state}}
    body = block_actions_body(
        action_id, None, user_id, block_id=block_id, view=shown, action=action
    )
    assert slack.app.dispatch(signed_request(body, SIGNING_SECRET)).status == 200
    updated: dict[str, Any] = slack.fake.wait_for("views.update")[0].body["view"]
    assert_valid_view(updated)
    return updated


def member_id(database: Database, slack_id: str) -> int:
    with database.transaction() as session:
        member = get_or_create_member(session, slack_id)
        assert member.id is not None
        return member.id


@dataclass(frozen=True)
class Quarter:
    growth_id: int
    cycle_id: int
    objective_id: int


def seeded_ids(database: Database) -> Quarter:
    with database.transaction() as session:
        team = session.exec(select(Team).where(Team.name == "Growth")).one()
        objective = session.exec(select(Objective)).first()
        assert team.id is not None and objective is not None and objective.id is not None
        return Quarter(team.id, objective.cycle_id, objective.id)
