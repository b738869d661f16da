"""An answer shared without a name cannot be traced back: no time, order, log or export of
its own points to its author; and the modal says so plainly when only one person was asked."""

import logging
from datetime import UTC, datetime, time
from typing import Any

import pytest
from sqlmodel import col, select

from bot.db.engine import Database
from bot.db.models import Cycle, Learning, RetroAnswer, RetroRequest
from bot.services.scoring import close_cycle
from bot.slack.ids import RetroField, retro_block_id
from tests.seed import ALICE, BOB, Seeded
from tests.slack.harness import SlackHarness, json_body
from tests.slack.retro_steps import (
    add_contributor,
    answer_retro,
    answer_values,
    open_retro,
    retro_id,
)

AFTER_CLOSE = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
ALICES = answer_values("external", "A rival cut prices", "Watch rival pricing", anonymous=True)
BOBS = answer_values("capacity", "Two of us were out", "Plan for holidays", anonymous=True)


def _close_and_ask(slack: SlackHarness, database: Database, seeded: Seeded) -> tuple[int, int]:
    """Two retros, each asking Alice and Bob: sessions (Alice's) and Bob's key result."""
    add_contributor(database, seeded.sessions_kr, BOB)
    add_contributor(database, seeded.bob_kr, ALICE)
    slack.clock.set(AFTER_CLOSE)
    with database.transaction() as session:
        close_cycle(session, session.exec(select(Cycle)).one(), slack.clock.now())
    slack.services.retros.run_due(force=True)
    close = "close:1"
    return retro_id(database, seeded.sessions_kr, close), retro_id(database, seeded.bob_kr, close)


def _at(slack: SlackHarness, hour: int, minute: int = 0) -> None:
    slack.clock.set(datetime.combine(AFTER_CLOSE.date(), time(hour, minute), UTC))


def _anonymous(database: Database, retro: int) -> list[tuple[Any, ...]]:
    """What the database keeps of a retro's anonymous answers, in id order."""
    with database.transaction() as session:
        answers = session.exec(
            select(RetroAnswer)
            .where(RetroAnswer.retro_id == retro, col(RetroAnswer.author_id).is_(None))
            .order_by(col(RetroAnswer.id))
        ).all()
        learnings = {
            row.retro_answer_id: row
            for row in session.exec(
                select(Learning).where(col(Learning.retro_answer_id).in_([a.id for a in answers]))
            ).all()
        }
        return [
            (
                a.reason,
                a.learned,
                a.created_at,
                learnings[a.id].text,
                learnings[a.id].created_at,
                learnings[a.id].author_id,
            )
            for a in answers
        ]


def _answered_at(database: Database, retro: int) -> list[datetime | None]:
    with database.transaction() as session:
        rows = session.exec(select(RetroRequest).where(RetroRequest.retro_id == retro)).all()
        return [row.answered_at for row in rows]


def test_what_is_stored_does_not_depend_on_who_answered_first(
    slack: SlackHarness, database: Database, seeded: Seeded
) -> None:
    first, second = _close_and_ask(slack, database, seeded)
    # The same two people share the same two things, in one order here …
    _at(slack, 10, 17)
    answer_retro(slack, ALICE, first, ALICES)
    _at(slack, 11, 42)
    answer_retro(slack, BOB, first, BOBS)
    # … and in the other order there.
    _at(slack, 13, 5)
    answer_retro(slack, BOB, second, BOBS)
    _at(slack, 15, 58)
    answer_retro(slack, ALICE, second, ALICES)

    stored_first, stored_second = _anonymous(database, first), _anonymous(database, second)
    assert [row[1] for row in stored_first] == [row[1] for row in stored_second]
    midnight = datetime.combine(AFTER_CLOSE.date(), time(0), UTC)
    for _, learned, created, learning, learning_created, author in stored_first:
        assert (created, learning_created) == (midnight, midnight)  # no answer's own moment
        assert learning == learned and author is None
    assert _answered_at(database, first) == [midnight, midnight]
    assert _answered_at(database, second) == [midnight, midnight]


def test_answering_without_a_name_logs_nothing_that_points_to_the_author(
    slack: SlackHarness, database: Database, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    first, _ = _close_and_ask(slack, database, seeded)
    caplog.set_level(logging.INFO, logger="bot")
    caplog.clear()
    answer_retro(slack, BOB, first, BOBS)
    slack.idle()
    # A line logged now would pair, by its time, with the receipt in the author's DM.
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("bot.")]
    assert ours == [], ours


def test_a_receipt_slack_refuses_is_logged_without_whose_dm_it_was(
    slack: SlackHarness, database: Database, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    first, _ = _close_and_ask(slack, database, seeded)
    view = open_retro(slack, BOB, first)
    slack.fake.fail("chat.update", "message_not_found", times=1)
    caplog.clear()
    assert slack.submit(view, BOBS, BOB).body == ""  # saved, and the modal closes
    slack.idle()
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "message_not_found" in logged
    assert BOB not in logged and f"D{BOB}" not in logged and str(first) not in logged
    told = [c.body for c in slack.fake.calls if c.method in ("chat.postMessage", "response_url")]
    assert not [body for body in told if "went wrong" in str(body)]
    assert len(_anonymous(database, first)) == 1


def test_the_export_carries_no_retro_answers(
    slack: SlackHarness, database: Database, seeded: Seeded
) -> None:
    first, _ = _close_and_ask(slack, database, seeded)
    answer_retro(slack, BOB, first, BOBS)
    files = slack.services.exports.export(ALICE, None)
    for text in (files.yaml_text, files.csv_text):
        assert "Plan for holidays" not in text and "Two of us were out" not in text


def _anonymity_hint(view: dict[str, Any]) -> str:
    block = next(
        b for b in view["blocks"] if b.get("block_id") == retro_block_id(RetroField.ANONYMOUS)
    )
    return str(block["hint"]["text"])


def test_alone_the_modal_says_plainly_the_team_will_know(
    slack: SlackHarness, database: Database, seeded: Seeded
) -> None:
    slack.clock.set(AFTER_CLOSE)
    with database.transaction() as session:
        close_cycle(session, session.exec(select(Cycle)).one(), slack.clock.now())
    slack.services.retros.run_due(force=True)
    alone = retro_id(database, seeded.sessions_kr, "close:1")  # Alice's, nobody else's
    hint = _anonymity_hint(open_retro(slack, ALICE, alone))
    assert "only one asked" in hint and "the team will know this answer is yours" in hint


def test_with_others_asked_the_modal_promises_no_name_time_or_order(
    slack: SlackHarness, database: Database, seeded: Seeded
) -> None:
    first, _ = _close_and_ask(slack, database, seeded)
    hint = _anonymity_hint(open_retro(slack, ALICE, first))
    assert "no name, time or order" in hint and "only one asked" not in hint
    assert json_body(slack.submit(open_retro(slack, ALICE, first), ALICES, ALICE)) == {}
