"""Going away from the prompt or with `/okr away`, coming back, and a KR's history."""

from datetime import date
from typing import Any

from bot.db.engine import Database
from bot.db.members import find_member
from bot.slack.ids import (
    AWAY_DATE_ACTION,
    AWAY_DATE_BLOCK,
    Action,
    Field,
    input_action_id,
    kr_block_id,
)
from tests.fakes.blockkit import assert_valid_message, assert_valid_view
from tests.seed import ALICE, BOB, Seeded
from tests.slack.harness import SlackHarness, json_body


def _away_until(database: Database, user: str) -> date | None:
    with database.transaction() as session:
        member = find_member(session, user)
        assert member is not None
        return member.away_until


def _picked(day: str | None) -> dict[str, dict[str, Any]]:
    return {AWAY_DATE_BLOCK: {AWAY_DATE_ACTION: {"type": "datepicker", "selected_date": day}}}


def test_im_away_asks_until_when_and_pauses_prompts(
    slack: SlackHarness, database: Database
) -> None:
    slack.services.prompts.send_due_prompts(force=True)
    prompt = slack.posted_prompt(ALICE, "2026-W47")
    slack.fake.clear()
    slack.click(Action.AWAY, "2026-W47", ALICE, prompt)
    view = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(view)

    past = json_body(slack.submit(view, _picked("2026-11-01"), ALICE))
    assert past == {
        "response_action": "errors",
        "errors": {AWAY_DATE_BLOCK: "2026-11-01 has passed; pick today or a later day."},
    }
    assert _away_until(database, ALICE) is None

    assert json_body(slack.submit(view, _picked("2026-11-27"), ALICE)) == {}
    update = slack.fake.wait_for("chat.update")[0].body
    assert (update["channel"], update["ts"]) == (prompt.channel, prompt.ts)
    assert "away until Friday, 27 November 2026" in update["text"]
    assert_valid_message(update["blocks"], update["text"])
    assert _away_until(database, ALICE) == date(2026, 11, 27)


def test_okr_away_and_back(slack: SlackHarness, database: Database) -> None:
    reply = slack.answer("away until 2026-12-04", BOB)
    assert reply["response_type"] == "ephemeral"
    assert "away until Friday, 04 December 2026" in reply["text"]
    assert _away_until(database, BOB) == date(2026, 12, 4)
    assert slack.services.prompts.send_due_prompts(force=True).sent == [ALICE]

    back = slack.answer("back", BOB)
    assert "Welcome back" in back["text"]
    assert _away_until(database, BOB) is None


def test_okr_away_without_a_date_explains_the_format(
    slack: SlackHarness, database: Database
) -> None:
    for text in ("away", "away until someday", "away until 2026-13-01"):
        reply = slack.answer(text, BOB)
        assert "`/okr away until YYYY-MM-DD`" in reply["text"], text
    assert _away_until(database, BOB) is None


def test_okr_away_in_the_past_is_refused_privately(slack: SlackHarness, database: Database) -> None:
    slack.command("away until 2020-01-01", BOB)
    reply = slack.fake.wait_for("response_url")[0].body
    assert "has passed" in reply["text"]
    assert _away_until(database, BOB) is None


def _number(value: str) -> dict[str, Any]:
    return {"type": "number_input", "value": value}


def test_history_shows_the_last_checkins_and_edits(slack: SlackHarness, seeded: Seeded) -> None:
    kr = seeded.bob_kr
    for value, note in (("1200", "<!channel> first"), ("1300", "edited")):
        view = {"callback_id": "checkin.modal", "private_metadata": '{"period": "2026-W47"}'}
        values = {
            kr_block_id(kr, Field.VALUE): {input_action_id(Field.VALUE): _number(value)},
            kr_block_id(kr, Field.CONFIDENCE): {input_action_id(Field.CONFIDENCE): _number("7")},
            kr_block_id(kr, Field.NOTE): {
                input_action_id(Field.NOTE): {"type": "plain_text_input", "value": note}
            },
        }
        assert json_body(slack.submit(view, values, BOB)) == {}
    slack.fake.clear()
    slack.click(Action.HOME_HISTORY, str(kr), ALICE)  # anyone may read
    history = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(history)
    texts = [b.get("text", {}).get("text", "") for b in history["blocks"]] + [
        element["text"]
        for b in history["blocks"]
        if b["type"] == "context"
        for element in b["elements"]
    ]
    joined = "\n".join(texts)
    assert "*2026-W47* · 1300 / 5000 fans · confidence 7/10" in joined
    assert f"<@{BOB}>" in joined
    assert "edited 1×" in joined
