"""`/okr new` through Slack: the modal, coaching while typing, more KRs, saving, refusals."""

from typing import Any

from sqlmodel import select

from bot.db.models import Objective
from bot.slack.ids import Action, draft_block_id
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.authoring_steps import (
    PLATFORM_LEAD,
    State,
    act_in_modal,
    add_learning,
    add_platform_team,
    entry,
    key_result_state,
    number,
    objective_state,
    open_modal,
    picked,
    seeded_ids,
    text,
)
from tests.slack.harness import SlackHarness, json_body
from tests.slack.reads import saved_objective


def _block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(block for block in view["blocks"] if block.get("block_id") == block_id)


def _context_text(view: dict[str, Any], index: int | None) -> str:
    block = _block(view, draft_block_id("feedback", index))
    return "\n".join(element["text"] for element in block["elements"])


def _good_state(slack: SlackHarness, title: str = "Fans make the app a weekly habit") -> State:
    ids = seeded_ids(slack.database)
    return (
        objective_state(title, ids.growth_id, ids.cycle_id, parent=str(ids.objective_id))
        | key_result_state(0, "Weekly returning fans", ALICE, contributors=[BOB, LEAD])
        | key_result_state(1, "Launch the highlights feed", BOB, start=None, target="1")
    )


def test_a_lead_opens_the_new_objective_modal(slack: SlackHarness) -> None:
    view = open_modal(slack, "new", LEAD)
    ids = seeded_ids(slack.database)
    assert view["callback_id"] == "draft.new_objective"
    team = _block(view, draft_block_id("team"))["element"]
    assert team["type"] == "external_select"
    assert team["initial_option"] == {
        "text": {"type": "plain_text", "text": "Growth", "emoji": True},
        "value": str(ids.growth_id),
    }
    assert [o["text"]["text"] for o in slack.suggest("draft.team", "", LEAD, view)] == ["Growth"]
    cycle = _block(view, draft_block_id("cycle"))["element"]
    assert cycle["initial_option"]["value"] == str(ids.cycle_id)
    assert "initial_option" not in _block(view, draft_block_id("parent"))["element"]
    [parent] = slack.suggest("draft.parent", "sports", LEAD, view)
    assert parent["text"]["text"].startswith(f"O-{ids.objective_id} Become")
    tags = _block(view, draft_block_id("tags"))["element"]["options"]
    assert [o["value"] for o in tags] == [
        "customer",
        "learning",
        "sustainability",
        "privacy",
        "experimentation",
        "localization",
    ]
    title = _block(view, draft_block_id("title", 0))
    assert title["dispatch_action"] is True
    assert _block(view, draft_block_id("owner", 0))["element"]["initial_user"] == LEAD
    assert view["blocks"][-1]["elements"][0]["action_id"] == Action.DRAFT_ADD_KR
    assert '"channel": "C0GENERAL1"' in view["private_metadata"]


def test_a_member_who_leads_nothing_is_told_why_and_no_modal_opens(slack: SlackHarness) -> None:
    reply = slack.answer("new", ALICE)
    assert reply["response_type"] == "ephemeral"
    assert "leads and workspace admins can create objectives" in reply["text"]
    assert slack.fake.calls_to("views.open") == []


def test_add_a_key_result_keeps_what_was_typed(slack: SlackHarness) -> None:
    view = open_modal(slack, "new", LEAD)
    ids = seeded_ids(slack.database)
    typed = objective_state("Fans make the app a weekly habit", ids.growth_id, ids.cycle_id)
    typed |= key_result_state(0, "Weekly returning fans", BOB, start="7")
    updated = act_in_modal(slack, view, Action.DRAFT_ADD_KR, "actions", typed, LEAD)
    assert '"krs": 2' in updated["private_metadata"]
    kept = {
        draft_block_id("title"): "Fans make the app a weekly habit",
        draft_block_id("title", 0): "Weekly returning fans",
        draft_block_id("start", 0): "7",
    }
    for block_id, value in kept.items():
        assert _block(updated, block_id)["element"]["initial_value"] == value
    assert _block(updated, draft_block_id("owner", 0))["element"]["initial_user"] == BOB
    assert _block(updated, draft_block_id("owner", 1))["element"]["initial_user"] == LEAD
    assert "initial_value" not in _block(updated, draft_block_id("title", 1))["element"]
    for krs in (3, 4, 5):
        updated = act_in_modal(slack, updated, Action.DRAFT_ADD_KR, "actions", typed, LEAD)
        assert f'"krs": {krs}' in updated["private_metadata"]
    assert draft_block_id("title", 4) in {b.get("block_id") for b in updated["blocks"]}
    assert all(
        e.get("action_id") != Action.DRAFT_ADD_KR
        for b in updated["blocks"]
        for e in b.get("elements", [])
    )
    assert len(updated["blocks"]) <= 100


def test_typing_a_title_shows_hints_and_related_learnings(
    slack: SlackHarness, seeded: Seeded
) -> None:
    add_learning(
        slack.database, seeded.sessions_kr, "Highlights <!channel> bring fans back on Mondays"
    )
    view = open_modal(slack, "new", LEAD)
    typed = entry("title", text("Launch the highlights feed"), 0) | entry("target", number(None), 0)
    updated = act_in_modal(slack, view, Action.DRAFT_TITLE, draft_block_id("title", 0), typed, LEAD)
    coaching = _context_text(updated, 0)
    assert "reads like an output (“launch”)" in coaching
    assert "Add a number" in coaching
    assert "baseline" in coaching
    assert "Related learnings" in coaching
    assert "Highlights &lt;!channel&gt; bring fans back" in coaching
    assert f"KR-{seeded.sessions_kr}, 2026-Q4" in coaching
    assert_no_live_mentions(updated, ["<!channel>"])

    typed = entry("title", text("Grow to 2 million fans"))
    updated = act_in_modal(slack, view, Action.DRAFT_TITLE, draft_block_id("title"), typed, LEAD)
    assert "numbers belong in its key results" in _context_text(updated, None)


def test_a_good_objective_is_saved_and_confirmed_with_hints(slack: SlackHarness) -> None:
    view = open_modal(slack, "new", LEAD)
    response = slack.submit(
        view | {"private_metadata": '{"channel": "C0GENERAL1", "krs": 2}'}, _good_state(slack), LEAD
    )
    assert response.status == 200 and json_body(response) == {}
    objective, krs = saved_objective(slack, "Fans make the app a weekly habit")
    ids = seeded_ids(slack.database)
    assert objective.parent is not None
    assert (objective.kind, objective.tags, objective.parent.value) == (
        "aspirational",
        ["customer", "learning"],
        ids.objective_id,
    )
    assert [(kr.title, kr.start, kr.target, kr.indicator) for kr in krs] == [
        ("Weekly returning fans", 2, 3, "leading"),
        ("Launch the highlights feed", 0, 1, "leading"),
    ]
    assert len(krs[0].contributors) == 2
    [confirmation] = slack.fake.wait_for("chat.postEphemeral")
    body = confirmation.body
    assert (body["channel"], body["user"]) == ("C0GENERAL1", LEAD)
    assert_valid_message(body["blocks"], body["text"])
    said = str(body["blocks"])
    assert f"O-{objective.objective_id}" in said and f"KR-{krs[0].kr_id}" in said
    assert "reads like an output" in said and "baseline" in said


def test_bad_input_comes_back_on_the_fields(slack: SlackHarness) -> None:
    view = open_modal(slack, "new", LEAD)
    ids = seeded_ids(slack.database)
    state = (
        objective_state("", ids.growth_id, ids.cycle_id)
        | key_result_state(0, "Weekly returning fans", ALICE, start="3", target="3")
        | key_result_state(1, "x" * 301, ALICE, target="lots")
    )
    errors = json_body(slack.submit(view, state, LEAD))["errors"]
    assert errors == {
        draft_block_id("target", 1): "“lots” is not a number. Use digits, like 12.",
    }
    state |= entry("target", number("9"), 1)
    errors = json_body(slack.submit(view, state, LEAD))["errors"]
    assert set(errors) == {
        draft_block_id("title"),
        draft_block_id("target", 0),
        draft_block_id("title", 1),
    }
    assert "no progress to make" in errors[draft_block_id("target", 0)]
    assert "under 300 characters" in errors[draft_block_id("title", 1)]
    with slack.database.transaction() as session:
        assert len(session.exec(select(Objective)).all()) == 1


def test_six_key_results_are_refused_on_the_sixth(slack: SlackHarness) -> None:
    view = open_modal(slack, "new", LEAD)
    state = _good_state(slack)
    for index in range(2, 6):
        state |= key_result_state(index, f"Metric number {index}", ALICE)
    errors = json_body(slack.submit(view, state, LEAD))["errors"]
    assert errors == {
        draft_block_id("title", 5): "Up to 5 key results per objective keep it focused."
    }


def test_a_title_clash_is_a_field_error(slack: SlackHarness) -> None:
    view = open_modal(slack, "new", LEAD)
    state = _good_state(slack, title="Become the best platform for sports fans")
    errors = json_body(slack.submit(view, state, LEAD))["errors"]
    assert "already has an objective with this title" in errors[draft_block_id("title")]


def test_a_forged_team_is_refused_on_the_team_field(slack: SlackHarness) -> None:
    platform = add_platform_team(slack.database)
    view = open_modal(slack, "new", PLATFORM_LEAD)
    ids = seeded_ids(slack.database)
    state = _good_state(slack) | entry("team", picked(str(ids.growth_id), "Growth"))
    errors = json_body(slack.submit(view, state, PLATFORM_LEAD))["errors"]
    assert errors[draft_block_id("team")] == (
        "Only Growth's leads and workspace admins can create objectives for it."
    )
    assert platform.team_id != ids.growth_id
    with slack.database.transaction() as session:
        assert len(session.exec(select(Objective)).all()) == 1
