"""`/okr edit O-7|KR-12` through Slack: who may edit, field errors, forged ids, archiving."""

from typing import Any

from bot.services.checkins.results import CheckinAnswer
from bot.services.okrs.drafts import KeyResultDetails
from bot.slack.ids import Action, draft_block_id
from tests.fakes.blockkit import assert_valid_message, assert_valid_view
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.authoring_steps import (
    PLATFORM_LEAD,
    State,
    act_in_modal,
    add_platform_team,
    entry,
    key_result_state,
    number,
    open_modal,
    option,
    options,
    picked,
    seeded_ids,
    text,
)
from tests.slack.harness import SlackHarness, json_body
from tests.slack.reads import checkins


def _reply(slack: SlackHarness, command: str, user: str) -> str:
    reply = slack.answer(command, user)
    assert reply["response_type"] == "ephemeral"
    assert slack.fake.calls_to("views.open") == []
    return str(reply["text"])


def _objective_edit_state(title: str) -> State:
    return (
        entry("title", text(title))
        | entry("description", text(None))
        | entry("kind", option("committed"))
        | entry("tags", options("multi_static_select", ["privacy"]))
        | entry("parent", picked(None))
    )


def _key_result(slack: SlackHarness, kr_id: int) -> KeyResultDetails:
    """The key result as saved, as its owner's edit modal reads it."""
    return slack.services.authoring.key_result_details(ALICE, kr_id)


def _confirmation(slack: SlackHarness) -> dict[str, Any]:
    [call] = slack.fake.wait_for("chat.postEphemeral")
    assert_valid_message(call.body["blocks"], call.body["text"])
    return call.body


def test_edit_without_a_reference_says_how(slack: SlackHarness) -> None:
    assert "`/okr edit O-7`" in _reply(slack, "edit", LEAD)
    assert "`banana` is not a reference" in _reply(slack, "edit banana", LEAD)
    assert "I can't find KR-999" in _reply(slack, "edit KR-999", LEAD)
    assert "I can't find O-999" in _reply(slack, "edit O-999", LEAD)


def test_a_lead_edits_an_objective(slack: SlackHarness) -> None:
    ids = seeded_ids(slack.database)
    view = open_modal(slack, f"edit O-{ids.objective_id}", LEAD)
    assert view["title"]["text"] == f"Edit O-{ids.objective_id}"
    title = next(b for b in view["blocks"] if b.get("block_id") == draft_block_id("title"))
    assert title["element"]["initial_value"] == "Become the best platform for sports fans"
    response = slack.submit(view, _objective_edit_state("Be the home of sports fans"), LEAD)
    assert json_body(response) == {}
    objective = slack.services.authoring.objective_details(LEAD, ids.objective_id)
    assert (objective.title, objective.tags) == ("Be the home of sports fans", ["privacy"])
    assert f"O-{ids.objective_id}" in _confirmation(slack)["text"]


def test_an_objective_title_with_a_number_is_saved_with_a_hint(slack: SlackHarness) -> None:
    ids = seeded_ids(slack.database)
    view = open_modal(slack, f"edit O-{ids.objective_id}", LEAD)
    typed = _objective_edit_state("Win 2 million sports fans")
    updated = act_in_modal(slack, view, Action.DRAFT_TITLE, draft_block_id("title"), typed, LEAD)
    assert "numbers belong" in str(updated["blocks"])
    assert json_body(slack.submit(view, typed, LEAD)) == {}
    assert "numbers belong" in str(_confirmation(slack)["blocks"])


def test_an_objective_cannot_be_its_own_parent(slack: SlackHarness) -> None:
    ids = seeded_ids(slack.database)
    view = open_modal(slack, f"edit O-{ids.objective_id}", LEAD)
    state = _objective_edit_state("Be the home of sports fans")
    state |= entry("parent", picked(str(ids.objective_id)))
    errors = json_body(slack.submit(view, state, LEAD))["errors"]
    assert "cannot align under itself" in errors[draft_block_id("parent")]


def test_a_lead_of_another_team_is_refused_and_a_forged_form_too(slack: SlackHarness) -> None:
    ids = seeded_ids(slack.database)
    platform = add_platform_team(slack.database)
    said = _reply(slack, f"edit O-{ids.objective_id}", PLATFORM_LEAD)
    assert f"Only O-{ids.objective_id}'s owner, its team's leads" in said
    # The Growth lead's form, replayed by Platform's lead with Platform's team id.
    view = open_modal(slack, f"edit O-{ids.objective_id}", LEAD)
    forged = view | {
        "private_metadata": f'{{"team": {platform.team_id}, "objective": {ids.objective_id}}}'
    }
    response = json_body(slack.submit(forged, _objective_edit_state("Ours now"), PLATFORM_LEAD))
    assert response["response_action"] == "update"
    assert_valid_view(response["view"])
    assert "its team's leads and workspace admins can edit it" in str(response["view"])
    objective = slack.services.authoring.objective_details(LEAD, ids.objective_id)
    assert objective.title == "Become the best platform for sports fans"


def test_the_owner_edits_a_key_result(slack: SlackHarness, seeded: Seeded) -> None:
    view = open_modal(slack, f"edit KR-{seeded.churn_kr}", ALICE)
    block = next(b for b in view["blocks"] if b.get("block_id") == draft_block_id("type"))
    assert block["element"]["initial_option"]["value"] == "decrease_to"
    state = key_result_state(
        None,
        "Monthly churn of sports fans",
        ALICE,
        kr_type="decrease_to",
        start="8",
        target="4",
        contributors=[BOB],
        unit="%",
    )
    assert json_body(slack.submit(view, state, ALICE)) == {}
    kr = _key_result(slack, seeded.churn_kr)
    assert (kr.title, kr.target, kr.archived) == ("Monthly churn of sports fans", 4, False)
    assert kr.contributors == [BOB]
    assert f"KR-{seeded.churn_kr}" in _confirmation(slack)["text"]
    # Bob contributes now, so he may edit it too.
    open_modal(slack, f"edit KR-{seeded.churn_kr}", BOB)


def test_bad_key_result_values_come_back_on_the_field(slack: SlackHarness, seeded: Seeded) -> None:
    view = open_modal(slack, f"edit KR-{seeded.churn_kr}", ALICE)
    state = key_result_state(None, "Churn", ALICE, kr_type="decrease_to", start="5", target="8")
    errors = json_body(slack.submit(view, state, ALICE))["errors"]
    assert errors == {
        draft_block_id("target"): "For “decrease to”, the target is below the start value; "
        "or pick “increase to”."
    }
    state |= entry("target", number(None))
    errors = json_body(slack.submit(view, state, ALICE))["errors"]
    assert errors == {draft_block_id("target"): "Enter the target value as a number."}


def test_a_member_who_neither_owns_nor_contributes_is_refused(
    slack: SlackHarness, seeded: Seeded
) -> None:
    said = _reply(slack, f"edit KR-{seeded.sessions_kr}", BOB)
    assert f"Only KR-{seeded.sessions_kr}'s owner, its contributors" in said
    # Bob replays Alice's form for her key result: the service refuses it again.
    view = open_modal(slack, f"edit KR-{seeded.sessions_kr}", ALICE)
    state = key_result_state(None, "Bob was here", BOB)
    response = json_body(slack.submit(view, state, BOB))
    assert response["response_action"] == "update"
    assert _key_result(slack, seeded.sessions_kr).title != "Bob was here"


def test_archiving_keeps_the_check_ins_and_ends_the_prompts(
    slack: SlackHarness, seeded: Seeded
) -> None:
    answer = CheckinAnswer(seeded.sessions_kr, 2.4, 7)
    slack.services.checkins.save_checkin(ALICE, "2026-W47", [answer])
    view = open_modal(slack, f"edit KR-{seeded.sessions_kr}", ALICE)
    state = key_result_state(None, "Median monthly 20+ minute sessions per fan", ALICE)
    state |= entry("archive", options("checkboxes", ["yes"]))
    assert json_body(slack.submit(view, state, ALICE)) == {}
    assert _key_result(slack, seeded.sessions_kr).archived
    assert [kept.value for kept in checkins(slack, seeded.sessions_kr)] == [2.4]
    home = slack.services.home.home_for(ALICE)
    assert seeded.sessions_kr not in [kr.kr_id for kr in home.key_results]
    assert seeded.churn_kr in [kr.kr_id for kr in home.key_results]
    assert "Archived" in _confirmation(slack)["text"]
    reopened = open_modal(slack, f"edit KR-{seeded.sessions_kr}", ALICE)
    archive = next(b for b in reopened["blocks"] if b.get("block_id") == draft_block_id("archive"))
    assert archive["element"]["initial_options"][0]["value"] == "yes"


def test_typing_a_key_result_title_in_the_edit_modal_coaches(
    slack: SlackHarness, seeded: Seeded
) -> None:
    view = open_modal(slack, f"edit KR-{seeded.launch_kr}", ALICE)
    typed = key_result_state(None, "Ship live scores", ALICE, start="5", target="6")
    updated = act_in_modal(slack, view, Action.DRAFT_TITLE, draft_block_id("title"), typed, ALICE)
    feedback = next(b for b in updated["blocks"] if b.get("block_id") == draft_block_id("feedback"))
    assert "reads like an output (“ship”)" in feedback["elements"][0]["text"]
    assert "baseline" not in feedback["elements"][0]["text"]
