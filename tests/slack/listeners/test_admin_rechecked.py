"""Admin rights come from Slack each time: demoted there, refused here, for every admin action.

Each action runs twice over signed requests, by someone who leads nothing and owns nothing:
once while Slack calls them an admin (it works), once after Slack demoted them although the
bot's stored flag still says admin (refused, nothing changed).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from slack_bolt import BoltResponse
from sqlalchemy import select

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import metadata
from bot.services.okrs.hypotheses import HypothesisDraft
from bot.slack.delivery.roles import REMEMBER_S
from bot.slack.ids import (
    Callback,
    RetroAction,
    RetroCallback,
    RetroField,
    SettingsAction,
    SettingsCallback,
    input_action_id,
    retro_block_id,
)
from bot.slack.ids import SettingsField as F
from tests.seed import BOB, LEAD, Seeded
from tests.slack.authoring_steps import entry, key_result_state, objective_state, picked, text
from tests.slack.harness import SlackHarness, json_body
from tests.slack.listeners.test_checkin_permissions import _answer
from tests.slack.settings_steps import channel, click, day, users, values
from tests.slack.settings_steps import text as typed

FORMER_ADMIN = "U0FORMER01"
OBJECTIVE, CYCLE, TEAM, HYPOTHESIS = 1, 1, 1, 1
DECIDED = {"type": "plain_text_input", "value": "Yes: fans came back"}
MENU = {"callback_id": SettingsCallback.MENU, "blocks": []}


def _submit(callback: str, state: dict[str, Any], meta: dict[str, Any] | None = None) -> Any:
    def run(slack: SlackHarness, user: str, _: Seeded) -> BoltResponse:
        view = {"callback_id": callback, "private_metadata": json.dumps(meta or {})}
        return slack.submit(view, state, user)

    return run


def _command(words: str) -> Any:
    return lambda slack, user, seeded: slack.command(words.format(s=seeded), user, escape=False)


def _click(action: str, value: str = "") -> Any:
    return lambda slack, user, _: click(slack, MENU, action, user, value)


@dataclass(frozen=True)
class Case:
    name: str
    act: Callable[[SlackHarness, str, Seeded], BoltResponse]


CASES = [
    Case("open the settings", _command("settings")),
    Case("open workspace defaults", _click(SettingsAction.WORKSPACE)),
    Case(
        "change workspace defaults",
        _submit(SettingsCallback.WORKSPACE, values(typed(F.TIMEZONE, "Europe/Paris"))),
    ),
    Case("make admins", _submit(SettingsCallback.ADMINS, values(users(F.ADMINS, BOB)))),
    Case(
        "create a team",
        _submit(SettingsCallback.NEW_TEAM, values(typed(F.NAME, "Ops"), channel("C0OPS00001"))),
    ),
    Case(
        "change another team",
        _submit(SettingsCallback.TEAM, values(typed(F.NAME, "Growth 2")), {"team_id": TEAM}),
    ),
    Case(
        "open a cycle",
        _submit(
            SettingsCallback.NEW_CYCLE,
            values(typed(F.NAME, "2027-Q1"), day(F.START, "2027-01-01"), day(F.END, "2027-03-31")),
        ),
    ),
    Case("close a cycle", _click(SettingsAction.CLOSE_CYCLE, str(CYCLE))),
    Case("subscribe a channel", _command("subscribe <#C0LEADERS1|leaders> team Growth")),
    Case("post a team's digest", _command("digest post team Growth")),
    Case("open another team's objective", _command(f"edit O-{OBJECTIVE}")),
    Case(
        "edit another team's objective",
        _submit(
            Callback.EDIT_OBJECTIVE,
            objective_state("Renamed by an admin", TEAM, CYCLE),
            {"objective": OBJECTIVE},
        ),
    ),
    Case("open a new objective", _command("new")),
    Case(
        "create an objective for a team",
        _submit(
            Callback.NEW_OBJECTIVE,
            objective_state("Admins plan too", TEAM, CYCLE) | key_result_state(0, "Fans", BOB),
            {"krs": 1},
        ),
    ),
    Case("open another's key result", _command("edit KR-{s.bob_kr}")),
    Case(
        "edit another's key result",
        lambda slack, user, seeded: slack.submit(
            {
                "callback_id": Callback.EDIT_KEY_RESULT,
                "private_metadata": f'{{"kr": {seeded.bob_kr}}}',
            },
            key_result_state(None, "Weekly active fans, renamed", BOB),
            user,
        ),
    ),
    Case("check in on another's key result", _command("checkin KR-{s.bob_kr}")),
    Case(
        "save a check-in on another's key result",
        lambda slack, user, seeded: slack.submit(
            {"callback_id": Callback.CHECKIN_MODAL, "private_metadata": '{"period": "2026-W47"}'},
            _answer(seeded.bob_kr, "1200", "6"),
            user,
        ),
    ),
    Case("ask for a retro", _command("retro KR-{s.bob_kr}")),
    Case("add a hypothesis", _command("hypothesis KR-{s.bob_kr}")),
    Case("unsubscribe a channel", _command("unsubscribe <#C0BOARD001|board> team Growth")),
    Case("decide another's hypothesis", _click(RetroAction.HYPOTHESIS_VALIDATED, str(HYPOTHESIS))),
    Case(
        "save the decision",
        _submit(
            RetroCallback.HYPOTHESIS_RESULT_MODAL,
            {retro_block_id(RetroField.RESULT): {input_action_id(RetroField.RESULT): DECIDED}},
            {"hypothesis_id": HYPOTHESIS, "status": "validated"},
        ),
    ),
]


def _set_the_scene(slack: SlackHarness, seeded: Seeded) -> None:
    """Bob's hypothesis, and a board channel already following Growth's digest."""
    draft = HypothesisDraft("If we show highlights, fans return", 6, 5, 4)
    assert slack.services.hypotheses.add(BOB, seeded.bob_kr, draft).hypotheses[0].id == HYPOTHESIS
    assert slack.services.subscriptions.subscribe(LEAD, "C0BOARD001", "Growth")


# What asking Slack refreshes on a member: their name, and the flag kept to name admins.
REFRESHED = {"display_name", "slack_admin"}


def _rows(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, but for what asking Slack refreshes."""
    found = {}
    with database.transaction() as session:
        for table in metadata.sorted_tables:
            columns = [column for column in table.columns if column.name not in REFRESHED]
            rows = session.execute(select(*columns)).all()
            found[table.name] = sorted(map(tuple, rows), key=repr)
    return found


def _what_happened(slack: SlackHarness, response: BoltResponse) -> tuple[str, bool]:
    """Everything said to the person, and whether a form opened or the bot posted for them."""
    slack.idle()
    said = [json.dumps(json_body(response))]
    opened = False
    for call in slack.fake.calls:
        if call.method in ("response_url", "chat.postEphemeral", "chat.postMessage"):
            said.append(json.dumps(call.body))
        opened |= call.method in ("views.open", "views.push", "views.update")
    answer = json_body(response)
    opened |= answer.get("response_action") == "update" and "submit" in answer.get("view", {})
    return "\n".join(said), opened


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_slack_admin_may(slack: SlackHarness, seeded: Seeded, case: Case) -> None:
    _set_the_scene(slack, seeded)
    slack.fake.set_user(FORMER_ADMIN, is_admin=True, name="Fran")
    before = _rows(slack.database)
    slack.fake.clear()

    said, opened = _what_happened(slack, case.act(slack, FORMER_ADMIN, seeded))

    assert "admins can" not in said and "Only" not in said, said
    assert opened or _rows(slack.database) != before, "the admin's action did nothing"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_an_admin_demoted_in_slack_may_not(slack: SlackHarness, seeded: Seeded, case: Case) -> None:
    _set_the_scene(slack, seeded)
    # The bot last saw them as an admin, and Slack's answer was fresh a moment ago.
    slack.fake.set_user(FORMER_ADMIN, is_admin=True, name="Fran")
    assert slack.services.settings.menu(FORMER_ADMIN).is_admin
    with slack.database.transaction() as session:
        assert get_or_create_member(session, FORMER_ADMIN).slack_admin
    slack.fake.set_user(FORMER_ADMIN, is_admin=False, name="Fran")
    slack.timer.advance(REMEMBER_S)
    before = _rows(slack.database)
    slack.fake.clear()

    said, opened = _what_happened(slack, case.act(slack, FORMER_ADMIN, seeded))

    assert "admins" in said, said
    assert not opened, said
    assert _rows(slack.database) == before
    assert [call.body["user"] for call in slack.fake.calls_to("users.info")] == [FORMER_ADMIN]


@pytest.mark.parametrize("case", CASES[:3], ids=[case.name for case in CASES[:3]])
def test_when_slack_cannot_say_the_admin_is_refused_with_the_reason(
    slack: SlackHarness, seeded: Seeded, case: Case
) -> None:
    slack.fake.set_user(FORMER_ADMIN, is_admin=True)
    with slack.database.transaction() as session:
        get_or_create_member(session, FORMER_ADMIN).slack_admin = True  # stale, never trusted
    slack.fake.fail_http("users.info", 500)
    before = _rows(slack.database)
    slack.fake.clear()

    said, opened = _what_happened(slack, case.act(slack, FORMER_ADMIN, seeded))

    assert "could not check with Slack" in said and "try again in a minute" in said, said
    assert not opened
    assert _rows(slack.database) == before


def test_a_slow_slack_counts_as_no_answer_within_the_deadline(
    slack: SlackHarness, seeded: Seeded
) -> None:
    slack.fake.set_user(FORMER_ADMIN, is_admin=True)
    slack.fake.fail_http("users.info", 500, delay=2.5)  # later than the 2 s we wait
    response = _submit(SettingsCallback.ADMINS, values(users(F.ADMINS, BOB)))(
        slack, FORMER_ADMIN, seeded
    )
    assert "could not check with Slack" in json.dumps(json_body(response))


def test_slacks_answer_is_kept_two_minutes_at_most(slack: SlackHarness) -> None:
    slack.fake.set_user(FORMER_ADMIN, is_admin=True)
    settings = slack.services.settings
    assert settings.menu(FORMER_ADMIN).is_admin
    slack.fake.set_user(FORMER_ADMIN, is_admin=False)
    slack.timer.advance(REMEMBER_S - 1)
    assert settings.menu(FORMER_ADMIN).is_admin  # still within the two minutes
    slack.timer.advance(1)
    with pytest.raises(Exception, match="Only workspace admins and team leads"):
        settings.menu(FORMER_ADMIN)
    assert len(slack.fake.calls_to("users.info")) == 2


def test_leads_owners_and_bot_admins_are_not_asked_about_slack(
    slack: SlackHarness, seeded: Seeded
) -> None:
    with slack.database.transaction() as session:
        get_or_create_member(session, "U0BOTADMIN").is_admin = True
    slack.fake.clear()
    assert json_body(slack.command("edit O-1", "U0LEAD0001")) == {}
    assert json_body(slack.command(f"edit KR-{seeded.bob_kr}", BOB)) == {}
    assert json_body(slack.command("edit O-1", "U0BOTADMIN")) == {}
    slack.idle()
    assert slack.fake.calls_to("users.info") == []
    assert len(slack.fake.calls_to("views.open")) == 3


def test_the_team_pick_in_a_new_objective_is_checked_again_on_save(
    slack: SlackHarness, seeded: Seeded
) -> None:
    slack.fake.set_user(FORMER_ADMIN, is_admin=False)
    state = objective_state("Not mine", TEAM, CYCLE) | key_result_state(0, "Fans", BOB)
    state |= entry("team", picked(str(TEAM), "Growth")) | entry("title", text("Not mine"))
    answer = json_body(
        _submit(Callback.NEW_OBJECTIVE, state, {"krs": 1})(slack, FORMER_ADMIN, seeded)
    )
    assert answer["response_action"] == "errors"
    assert "Only Growth's leads and workspace admins" in answer["errors"]["draft.o.team"]
