"""`/okr hypothesis KR-12`: the modal, ICE ranking, deciding with a result, and the tree."""

from typing import Any

from bot.slack.ids import RetroAction, RetroField, input_action_id, retro_block_id
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message, assert_valid_view
from tests.fakes.signing import text_state
from tests.fakes.slack_api import Call
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.harness import PostedPrompt, SlackHarness, json_body
from tests.slack.reads import hypothesis_counts, learnings
from tests.slack.retro_steps import HOSTILE, HOSTILE_TEXT

STATEMENT = "If we add live scores, then weekly active fans will rise by 20% within six weeks"


def _open(slack: SlackHarness, kr: int, user: str = ALICE) -> dict[str, Any]:
    opened = len(slack.fake.calls_to("views.open"))
    assert json_body(slack.command(f"hypothesis KR-{kr}", user)) == {}
    view: dict[str, Any] = slack.fake.wait_for("views.open", opened + 1)[-1].body["view"]
    assert_valid_view(view)
    return view


def _values(statement: str | None, impact: str, confidence: str, ease: str) -> dict[str, Any]:
    def rating(value: str) -> dict[str, Any]:
        return {"type": "number_input", "value": value}

    return {
        retro_block_id(RetroField.STATEMENT): {
            input_action_id(RetroField.STATEMENT): text_state(statement)
        },
        retro_block_id(RetroField.IMPACT): {input_action_id(RetroField.IMPACT): rating(impact)},
        retro_block_id(RetroField.CONFIDENCE): {
            input_action_id(RetroField.CONFIDENCE): rating(confidence)
        },
        retro_block_id(RetroField.EASE): {input_action_id(RetroField.EASE): rating(ease)},
    }


def _add(slack: SlackHarness, kr: int, statement: str, ice: tuple[int, int, int]) -> Call:
    posted = len(slack.fake.calls_to("chat.postMessage"))
    view = _open(slack, kr)
    response = slack.submit(view, _values(statement, *(str(n) for n in ice)), ALICE)
    assert response.status == 200 and response.body == ""
    listing = slack.fake.wait_for("chat.postMessage", posted + 1)[-1]
    assert_valid_message(listing.body["blocks"], listing.body["text"])
    return listing


def _buttons(listing: Call) -> list[tuple[str, str]]:
    """(action_id, value) of each button under the listed hypotheses: the value is its id."""
    return [
        (element["action_id"], element.get("value", ""))
        for block in listing.body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def test_adding_hypotheses_lists_them_by_ice_with_decision_buttons(
    slack: SlackHarness, seeded: Seeded
) -> None:
    view = _open(slack, seeded.sessions_kr)
    assert "If we …, then … will … by … within …" in str(view["blocks"])
    _add(slack, seeded.sessions_kr, "If we send match alerts, then sessions rise", (4, 5, 6))
    listing = _add(slack, seeded.sessions_kr, STATEMENT, (9, 7, 8))
    said = str(listing.body["blocks"])
    assert said.index(STATEMENT) < said.index("match alerts")  # ICE 8 before ICE 5
    assert "ICE 8" in said and "ICE 5" in said
    buttons = [action for action, _ in _buttons(listing)]
    assert buttons.count(RetroAction.HYPOTHESIS_VALIDATED) == 2
    assert hypothesis_counts(slack, seeded) == [2, 0, 0, 0]


def test_bad_ratings_and_an_empty_statement_are_shown_on_their_fields(
    slack: SlackHarness, seeded: Seeded
) -> None:
    view = _open(slack, seeded.sessions_kr)
    response = slack.submit(view, _values("  ", "11", "0", "7.5"), ALICE)
    errors = json_body(response)["errors"]
    assert set(errors) == {
        retro_block_id(field)
        for field in (
            RetroField.STATEMENT,
            RetroField.IMPACT,
            RetroField.CONFIDENCE,
            RetroField.EASE,
        )
    }
    assert "from 1 to 10" in errors[retro_block_id(RetroField.IMPACT)]
    assert hypothesis_counts(slack, seeded) == [0, 0, 0, 0]


def test_someone_who_may_not_write_the_key_result_is_told_why(
    slack: SlackHarness, seeded: Seeded
) -> None:
    body = slack.answer(f"hypothesis KR-{seeded.sessions_kr}", BOB)
    told = body or slack.fake.wait_for("response_url")[-1].body
    assert "can add hypotheses" in told["text"]
    assert slack.fake.calls_to("views.open") == []
    view = _open(slack, seeded.sessions_kr)  # Alice's modal, submitted by Bob: refused
    response = slack.submit(view, _values(STATEMENT, "5", "5", "5"), BOB)
    assert json_body(response)["response_action"] == "update"
    assert "can add hypotheses" in str(json_body(response)["view"])
    assert "like `/okr hypothesis KR-12`" in str(
        slack.answer("hypothesis", ALICE) or slack.fake.wait_for("response_url")[-1].body
    )


def test_deciding_a_hypothesis_asks_for_the_result_which_becomes_a_learning(
    slack: SlackHarness, seeded: Seeded
) -> None:
    listing = _add(slack, seeded.sessions_kr, f"{STATEMENT} {HOSTILE_TEXT}", (9, 7, 8))
    assert_no_live_mentions(listing.body, HOSTILE)
    [value] = [v for action, v in _buttons(listing) if action == RetroAction.HYPOTHESIS_VALIDATED]
    message = PostedPrompt("D" + ALICE, "1700000000.000100", listing)

    assert slack.click(RetroAction.HYPOTHESIS_VALIDATED, value, BOB, message).status == 200
    assert "decide its hypotheses" in slack.fake.wait_for("response_url")[-1].body["text"]
    opened = len(slack.fake.calls_to("views.open"))
    assert slack.click(RetroAction.HYPOTHESIS_INVALIDATED, value, LEAD, message).status == 200
    view = slack.fake.wait_for("views.open", opened + 1)[-1].body["view"]
    assert_valid_view(view)
    assert view["title"]["text"] == "Invalidated"
    result = {
        retro_block_id(RetroField.RESULT): {input_action_id(RetroField.RESULT): text_state("")}
    }
    assert "Say what you found" in str(json_body(slack.submit(view, result, LEAD)))
    found = f"Fans did not come back for scores alone {HOSTILE_TEXT}"
    result = {
        retro_block_id(RetroField.RESULT): {input_action_id(RetroField.RESULT): text_state(found)}
    }
    posted = len(slack.fake.calls_to("chat.postMessage"))
    assert slack.submit(view, result, LEAD).body == ""
    updated = slack.fake.wait_for("chat.postMessage", posted + 1)[-1]
    assert_valid_message(updated.body["blocks"], updated.body["text"])
    assert_no_live_mentions(updated.body, HOSTILE)
    assert "❌" in str(updated.body["blocks"])
    again = slack.submit(view, result, LEAD)
    assert "already invalidated" in str(json_body(again)["view"])
    [learning] = learnings(slack)
    assert learning.source == "hypothesis" and found in learning.text
    body = slack.answer("learnings scores alone", ALICE)
    assert "Fans did not come back" in str(body["blocks"]) and "from a hypothesis" in str(body)


def test_the_tree_shows_key_results_and_their_hypotheses(
    slack: SlackHarness, seeded: Seeded
) -> None:
    _add(slack, seeded.sessions_kr, STATEMENT, (9, 7, 8))
    tree = slack.answer("tree O-1", ALICE)
    assert_valid_message(tree["blocks"], tree["text"])
    said = tree["blocks"][0]["text"]["text"]
    lines = said.split("\n")
    assert lines[0].startswith("🎯 *Become the best platform for sports fans* `O-1`")
    assert lines[1].strip().startswith(f"↳ `KR-{seeded.sessions_kr}`")
    assert lines[2].strip().startswith("↳ 🧪 If we add live scores") and "ICE 8" in lines[2]
    assert said.count("↳ `KR-") == 4
    branch = slack.answer(f"tree KR-{seeded.bob_kr}", ALICE)["blocks"][0]["text"]["text"]
    assert branch.count("↳ `KR-") == 1 and "no hypotheses yet" in branch
    for bad in ("tree", "tree growth"):
        told = json_body(slack.command(bad, ALICE)) or slack.fake.wait_for("response_url")[-1].body
        assert "like `/okr tree O-7|KR-12`" in told["text"]
    missing = slack.answer("tree O-99", ALICE)
    told = missing or slack.fake.wait_for("response_url")[-1].body
    assert "no objective O-99" in told["text"]
