"""A retro answer is acknowledged before it is saved: a held database never costs Slack's
3 seconds, and an answer that cannot be saved comes back by DM as it was written."""

from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import Cycle, RetroAnswer
from bot.domain.errors import DatabaseBusy
from bot.services.scoring import close_cycle
from tests.db_locks import another_writer
from tests.seed import ALICE, Seeded
from tests.slack.harness import SlackHarness, json_body
from tests.slack.retro_steps import HOSTILE_TEXT, answer_values, open_retro, retro_id

AFTER_CLOSE = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
ANSWER = answer_values("capacity", "Two of us were out", HOSTILE_TEXT, "Plan for holidays")


def _retro_modal(
    slack: SlackHarness, database: Database, seeded: Seeded
) -> tuple[dict[str, Any], int]:
    """Alice's retro modal once the cycle has closed, and how many receipts there were."""
    slack.clock.set(AFTER_CLOSE)
    with database.transaction() as session:
        close_cycle(session, session.exec(select(Cycle)).one(), slack.clock.now())
    slack.services.retros.run_due(force=True)
    view = open_retro(slack, ALICE, retro_id(database, seeded.sessions_kr, "close:1"))
    return view, len(slack.fake.calls_to("chat.update"))


def _saved(database: Database) -> int:
    with database.read() as session:
        return len(session.exec(select(RetroAnswer)).all())


def test_an_answer_submitted_while_the_database_is_held_is_saved_once_it_is_free(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    view, updated = _retro_modal(slack, database, seeded)
    with another_writer(database):
        response = slack.submit(view, ANSWER, ALICE, settle=False)
        assert response.status == 200 and response.body == ""  # the modal closes at once
    slack.idle()
    assert _saved(database) == 1
    receipt = slack.fake.wait_for("chat.update", updated + 1)[-1].body
    assert "Thank you" in receipt["text"]


def test_a_database_held_past_the_wait_saves_nothing_and_hands_the_answer_back(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    view, updated = _retro_modal(slack, database, seeded)
    with another_writer(database):
        assert json_body(slack.submit(view, ANSWER, ALICE, settle=False)) == {}
        slack.idle()  # the save gives up after the harness's short wait, the lock still held
        told = slack.direct_message(ALICE)
    assert DatabaseBusy().message in told and "was not saved" in told
    assert "Two of us were out" in told and "Plan for holidays" in told, "nothing is lost"
    assert "<!channel>" not in told and "&lt;!channel&gt;" in told  # their text, escaped
    assert _saved(database) == 0
    assert len(slack.fake.calls_to("chat.update")) == updated  # no receipt for what is unsaved

    # Once the database is free, the same answer saves: nothing was half-written before.
    assert json_body(slack.submit(view, ANSWER, ALICE)) == {}
    assert _saved(database) == 1
