"""`/okr retro`, `/okr score`, `/okr learnings`, `/okr tree` and the retro modal's edges."""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import Cycle, KeyResult, RetroAnswer
from bot.services.scoring import close_cycle
from bot.slack.ids import RetroAction, RetroField, retro_block_id
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.harness import SlackHarness, json_body
from tests.slack.reads import learnings
from tests.slack.retro_steps import (
    HOSTILE,
    HOSTILE_TEXT,
    answer_retro,
    answer_values,
    open_retro,
    request_message,
    retro_dms,
    retro_id,
)

# Every message these tests send to a channel is checked: it must notify nobody.
pytestmark = pytest.mark.usefixtures("quiet_channels")

AFTER_CLOSE = datetime(2027, 1, 4, 15, 0, tzinfo=UTC)


def _answer(slack: SlackHarness, text: str, user: str = ALICE) -> str:
    """What the caller was told, privately: the acknowledgement or a follow-up."""
    body = slack.answer(text, user)
    if not body:
        body = slack.fake.wait_for("response_url")[-1].body
    assert body["response_type"] == "ephemeral"
    assert_valid_message(body["blocks"], body["text"])
    return str(body["blocks"])


def _close(slack: SlackHarness, database: Database) -> None:
    slack.clock.set(AFTER_CLOSE)
    with database.transaction() as session:
        close_cycle(session, session.exec(select(Cycle)).one(), slack.clock.now())


def test_retro_asks_the_owner_once_per_period(slack: SlackHarness, seeded: Seeded) -> None:
    said = _answer(slack, f"retro KR-{seeded.sessions_kr}")
    assert "Retro asked" in said and f"<@{ALICE}>" in said
    assert "already asked" in _answer(slack, f"retro kr{seeded.sessions_kr}", LEAD)
    slack.services.retros.run_due(force=True)
    [dm] = retro_dms(slack, ALICE)
    assert "asked for a retro" in str(dm.body["blocks"])


def test_retro_without_a_key_result_or_for_someone_else_is_explained(
    slack: SlackHarness, seeded: Seeded
) -> None:
    assert "like `/okr retro KR-12`" in _answer(slack, "retro")
    assert "like `/okr retro KR-12`" in _answer(slack, "retro O-1")
    assert "no key result KR-999" in _answer(slack, "retro KR-999")
    refused = _answer(slack, f"retro KR-{seeded.sessions_kr}", BOB)
    assert "Only KR-" in refused and "can ask for a retro" in refused


def test_score_overrides_need_a_closed_cycle_the_owner_and_a_reason(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    kr = f"KR-{seeded.sessions_kr}"
    assert "still open" in _answer(slack, f"score {kr} 0.6 data came late")
    _close(slack, database)
    assert "Only KR-" in _answer(slack, f"score {kr} 0.6 data came late", BOB)
    assert "number from 0.0 to 1.0" in _answer(slack, f"score {kr} lots because")
    assert "number from 0.0 to 1.0" in _answer(slack, f"score {kr} 1.5 because")
    assert "Say why" in _answer(slack, f"score {kr} 0.6")
    said = _answer(slack, f"score {kr} 0.6 {HOSTILE_TEXT}")
    assert "now scores 🟡 0.6" in said
    assert_no_live_mentions(said, HOSTILE)
    with database.transaction() as session:
        row = session.get_one(KeyResult, seeded.sessions_kr)
        assert (row.score, row.score_reason) == (0.6, HOSTILE_TEXT)


def test_learnings_with_nothing_found_gives_a_kind_hint(slack: SlackHarness) -> None:
    assert "No learnings yet" in _answer(slack, "learnings")
    assert "No learnings mention “penguins”" in _answer(slack, "learnings penguins")


def test_learnings_newest_first_with_names_unless_anonymous(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    _close(slack, database)
    slack.services.retros.run_due(force=True)
    close = "close:1"
    answer_retro(
        slack,
        ALICE,
        retro_id(database, seeded.churn_kr, close),
        answer_values("external", "Prices", "Churn follows rival pricing", anonymous=True),
    )
    slack.clock.advance(minutes=5)
    answer_retro(
        slack,
        ALICE,
        retro_id(database, seeded.launch_kr, close),
        answer_values("dependency", "Late feed", f"Sign feeds early {HOSTILE_TEXT}"),
    )
    said = _answer(slack, "learnings")
    assert said.index("Sign feeds early") < said.index("Churn follows rival pricing")
    assert f"<@{ALICE}>" in said and "shared without a name" in said
    assert_no_live_mentions(said, HOSTILE)
    churn = _answer(slack, "learnings churn")  # found by its KR's title too
    assert "rival pricing" in churn and "Sign feeds" not in churn
    assert f"<@{ALICE}>" not in churn


def test_the_retro_modal_shows_field_errors_and_saves_nothing(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    _close(slack, database)
    slack.services.retros.run_due(force=True)
    retro = retro_id(database, seeded.sessions_kr, "close:1")
    view = open_retro(slack, ALICE, retro)
    assert view["title"]["text"] == f"Retro KR-{seeded.sessions_kr}"
    response = slack.submit(view, answer_values(None, " ", "x" * 2001), ALICE)
    errors = json_body(response)["errors"]
    assert set(errors) == {
        retro_block_id(RetroField.REASON),
        retro_block_id(RetroField.HAPPENED),
        retro_block_id(RetroField.LEARNED),
    }
    assert "under 2000 characters" in errors[retro_block_id(RetroField.LEARNED)]
    with database.transaction() as session:
        assert session.exec(select(RetroAnswer)).all() == []
    assert learnings(slack) == []


def test_nobody_answers_a_retro_they_were_not_asked(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    _close(slack, database)
    slack.services.retros.run_due(force=True)
    retro = retro_id(database, seeded.sessions_kr, "close:1")
    alices = request_message(slack, ALICE, retro)
    assert slack.click(RetroAction.START, str(retro), BOB, alices).status == 200
    told = slack.fake.wait_for("response_url")[-1].body
    assert "not asked of you" in told["text"]
    assert slack.fake.calls_to("views.open") == []
    view = open_retro(slack, ALICE, retro)
    response = slack.submit(view, answer_values("other", "a", "b"), BOB)  # a forged submission
    assert json_body(response)["response_action"] == "update"
    answer_retro(slack, ALICE, retro, answer_values("other", "a", "b"))
    again = slack.submit(view, answer_values("other", "a", "b"), ALICE)
    assert "already shared" in str(json_body(again)["view"])
    with database.transaction() as session:
        assert len(session.exec(select(RetroAnswer)).all()) == 1


def test_every_retro_message_is_escaped_and_valid(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    with database.transaction() as session:
        for row in session.exec(select(KeyResult)).all():
            row.title = f"{HOSTILE_TEXT} {row.id}"
    _close(slack, database)
    slack.services.retros.run_due(force=True)
    dms = retro_dms(slack, ALICE)
    assert len(dms) == 3
    for dm in dms:
        assert_no_live_mentions(dm.body, HOSTILE)
    for kr in (seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr):
        retro = retro_id(database, kr, "close:1")
        answer_retro(
            slack, ALICE, retro, answer_values("other", HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT)
        )
    answer_retro(
        slack,
        BOB,
        retro_id(database, seeded.bob_kr, "close:1"),
        answer_values("capacity", HOSTILE_TEXT, HOSTILE_TEXT * 20, HOSTILE_TEXT * 20),
    )
    for receipt in slack.fake.calls_to("chat.update"):
        assert_no_live_mentions(receipt.body, HOSTILE)
    slack.fake.clear()
    slack.services.retro_digests.post_due()
    posts = slack.fake.calls_to("chat.postMessage")
    assert posts
    for post in posts:
        assert_valid_message(post.body["blocks"], post.body["text"])
        assert_no_live_mentions(post.body, HOSTILE)
    assert_no_live_mentions(_answer(slack, "learnings"), HOSTILE)
    assert_no_live_mentions(_answer(slack, "tree O-1"), HOSTILE)


def test_a_long_retro_digest_is_split_into_a_thread(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    _close(slack, database)
    slack.services.retros.run_due(force=True)
    for kr in (seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr):
        retro = retro_id(database, kr, "close:1")
        answer_retro(slack, ALICE, retro, answer_values("other", "h", "é" * 2000, "ñ" * 2000))
    answer_retro(
        slack,
        BOB,
        retro_id(database, seeded.bob_kr, "close:1"),
        answer_values("capacity", "h", "ü" * 2000, "ö" * 2000),
    )
    slack.fake.clear()
    assert slack.services.retro_digests.post_due().posted == ["Growth"]
    parent, *replies = slack.fake.calls_to("chat.postMessage")
    assert replies and all(reply.body["thread_ts"] for reply in replies)
    for post in [parent, *replies]:
        assert_valid_message(post.body["blocks"], post.body["text"])
    assert slack.services.retro_digests.post_due().posted == []
