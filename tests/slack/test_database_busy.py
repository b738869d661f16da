"""A database locked by another process: the modal stays open with a clear word, nothing saved."""

from typing import Any

from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import CheckIn, Retro
from bot.db.prompts import PromptStatus
from bot.domain.errors import DatabaseBusy
from bot.slack.ids import Action, Field, input_action_id, kr_block_id
from tests.db_locks import another_writer
from tests.seed import ALICE, Seeded
from tests.slack.harness import SlackHarness, json_body


def _answers(seeded: Seeded) -> dict[str, dict[str, Any]]:
    def number(kr: int, field: Field, value: str) -> tuple[str, dict[str, Any]]:
        state = {"type": "number_input", "value": value}
        return kr_block_id(kr, field), {input_action_id(field): state}

    done = {"type": "checkboxes", "selected_options": []}
    return dict(
        [
            number(seeded.sessions_kr, Field.VALUE, "2.4"),
            number(seeded.sessions_kr, Field.CONFIDENCE, "3"),
            number(seeded.churn_kr, Field.VALUE, "7.5"),
            number(seeded.churn_kr, Field.CONFIDENCE, "5"),
            (kr_block_id(seeded.launch_kr, Field.VALUE), {input_action_id(Field.VALUE): done}),
            number(seeded.launch_kr, Field.CONFIDENCE, "6"),
        ]
    )


def _checkin_modal(slack: SlackHarness) -> dict[str, Any]:
    slack.services.prompts.send_due_prompts(force=True)
    prompt = slack.posted_prompt(ALICE, "2026-W47")
    slack.fake.clear()
    assert slack.click(Action.CHECK_IN, "2026-W47", ALICE, prompt).status == 200
    view: dict[str, Any] = slack.fake.wait_for("views.open")[0].body["view"]
    return view


def _saved(database: Database) -> tuple[int, int]:
    with database.read() as session:
        return len(session.exec(select(CheckIn)).all()), len(session.exec(select(Retro)).all())


def test_a_checkin_submitted_while_the_database_is_locked_keeps_the_modal_open(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    view = _checkin_modal(slack)
    first_input = next(block["block_id"] for block in view["blocks"] if block["type"] == "input")
    with another_writer(database):
        response = slack.submit(view, _answers(seeded), ALICE)
        # Reading goes on meanwhile: Home shows Alice's key results as they were.
        home = slack.services.home.home_for(ALICE)
    assert response.status == 200
    assert json_body(response) == {
        "response_action": "errors",
        "errors": {first_input: DatabaseBusy().message},
    }
    assert [kr.value for kr in home.key_results] == [None, None, None]
    assert _saved(database) == (0, 0)
    assert slack.fake.calls_to("chat.update") == []  # the prompt is not turned into a receipt

    # Once the lock is gone, the same answers save: nothing was half-written before.
    response = slack.submit(view, _answers(seeded), ALICE)
    assert response.status == 200 and json_body(response) == {}
    assert _saved(database) == (3, 0)
    with database.read() as session:
        from bot.db.members import find_member
        from bot.db.prompts import find_prompt

        member = find_member(session, ALICE)
        assert member is not None and member.id is not None
        prompt = find_prompt(session, member.id, "2026-W47")
        assert prompt is not None and prompt.status == PromptStatus.ANSWERED
