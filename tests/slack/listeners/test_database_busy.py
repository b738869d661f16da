"""A database locked by another process: the check-in is saved when the lock goes, or handed
back by direct message with a clear word; nothing is half-written."""

from typing import Any

from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import CheckIn, Retro
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


def _answered(slack: SlackHarness) -> bool:
    """Whether Alice's check-in for 2026-W47 is answered, as her Home says."""
    home = slack.services.home.home_for(ALICE)
    assert home.period == "2026-W47"
    return home.checked_in


def _submit_unsettled(slack: SlackHarness, view: dict[str, Any], seeded: Seeded) -> None:
    """Submit and return at the ack: acknowledged at once, the modal closing, the save after."""
    response = slack.submit(view, _answers(seeded), ALICE, settle=False)
    assert response.status == 200 and json_body(response) == {}


def test_a_checkin_submitted_while_the_database_is_locked_is_saved_once_the_lock_is_gone(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    view = _checkin_modal(slack)
    with another_writer(database):
        _submit_unsettled(slack, view, seeded)
        # Reading goes on meanwhile: Home shows Alice's key results as they were.
        home = slack.services.home.home_for(ALICE)
    assert [kr.value for kr in home.key_results] == [None, None, None]

    slack.idle()
    assert _saved(database) == (3, 0)
    assert _answered(slack)
    assert len(slack.fake.calls_to("chat.update")) == 1, "the prompt became the receipt"


def test_a_lock_held_past_the_wait_saves_nothing_and_hands_the_answers_back(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    view = _checkin_modal(slack)
    with another_writer(database):
        _submit_unsettled(slack, view, seeded)
        slack.idle()  # the save gives up after the harness's short wait, the lock still held
        told = slack.direct_message(ALICE)
    assert DatabaseBusy().message in told and "was not saved" in told
    assert "2.4" in told and "7.5" in told, "what was entered comes back, so nothing is lost"
    assert _saved(database) == (0, 0)
    assert slack.fake.calls_to("chat.update") == []  # the prompt is not turned into a receipt
    assert not _answered(slack)

    # Once the lock is gone, the same answers save: nothing was half-written before.
    assert json_body(slack.submit(view, _answers(seeded), ALICE)) == {}
    assert _saved(database) == (3, 0)
    assert _answered(slack)
