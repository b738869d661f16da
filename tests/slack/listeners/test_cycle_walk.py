"""One team through a whole cycle on a frozen clock: check-ins, a mini-retro, the close in
/okr settings, scores, retro DMs and answers (some anonymous), the retro digest, a later
search, and next cycle's new KR showing the related learning."""

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import col, select

from bot.db.engine import Database
from bot.db.models import Cycle, Digest, RetroAnswer
from bot.scheduling.jobs import find_job
from bot.services.checkins.results import CheckinAnswer
from bot.services.registry import Services
from bot.slack.ids import Action, SettingsAction, draft_block_id
from bot.slack.ids import SettingsField as F
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.authoring_steps import act_in_modal, entry, open_modal
from tests.slack.authoring_steps import text as typed_text
from tests.slack.harness import SlackHarness, json_body
from tests.slack.reads import key_results, learnings
from tests.slack.retro_steps import (
    add_contributor,
    answer_retro,
    answer_values,
    retro_dms,
    retro_id,
    set_zones,
)
from tests.slack.settings_steps import ADMIN, click, day, open_settings, push, text
from tests.slack.settings_steps import values as form_values

# Every message these tests send to a channel is checked: it must notify nobody.
pytestmark = pytest.mark.usefixtures("quiet_channels")

CHANNEL = "C0GROWTH01"
W46_MONDAY = datetime(2026, 11, 9, 12, 0, tzinfo=UTC)
W47_MONDAY = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)  # 13:00 Berlin, 07:00 New York
AFTER_CLOSE = datetime(2027, 1, 4, 15, 0, tzinfo=UTC)  # a Monday: 16:00 Berlin, 10:00 New York
CLOSE = "close:1"  # the key of the retros that closing cycle 1 starts


def _retros(services: Services) -> str:
    job = find_job("retros")
    assert job is not None
    return job.tick(services)


def _check_in(
    slack: SlackHarness, seeded: Seeded, period: str, sessions: tuple[float, int]
) -> None:
    slack.services.checkins.save_checkin(
        ALICE,
        period,
        [
            CheckinAnswer(seeded.sessions_kr, sessions[0], sessions[1]),
            CheckinAnswer(seeded.churn_kr, 7.5, 6),
            CheckinAnswer(seeded.launch_kr, 0, 7),
        ],
    )
    slack.services.checkins.save_checkin(BOB, period, [CheckinAnswer(seeded.bob_kr, 1200, 7)])


def _digest_posts(slack: SlackHarness) -> list[dict[str, Any]]:
    return [
        c.body
        for c in slack.fake.calls_to("chat.postMessage")
        if c.body["channel"] == CHANNEL and "retro" in str(c.body["text"])
    ]


def test_a_whole_cycle_from_check_ins_to_learnings(
    slack: SlackHarness, seeded: Seeded, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    set_zones(database, {ALICE: "Europe/Berlin", BOB: "America/New_York"})
    add_contributor(database, seeded.sessions_kr, BOB)
    _two_weeks_of_check_ins_and_a_mini_retro(slack, seeded)
    _an_admin_closes_the_cycle(slack, seeded)
    _all_but_bob_on_sessions_answer_their_retros(slack, seeded)
    _bob_is_reminded_once_and_answers_without_his_name(slack, seeded, caplog)
    _the_retro_digest_goes_to_the_channel_once(slack)
    _a_later_search_finds_the_anonymous_learning(slack)
    _the_next_cycles_new_kr_shows_that_learning(slack)


def _two_weeks_of_check_ins_and_a_mini_retro(slack: SlackHarness, seeded: Seeded) -> None:
    # Two weeks of check-ins; Alice's confidence in sessions falls from 8 to 4.
    slack.clock.set(W46_MONDAY)
    _check_in(slack, seeded, "2026-W46", (2.2, 8))
    _retros(slack.services)
    assert retro_dms(slack, ALICE) == []
    slack.clock.set(W47_MONDAY)
    _check_in(slack, seeded, "2026-W47", (2.4, 4))
    # Saving the check-in started the mini-retro; the tick asks the people.
    drop = retro_id(slack.database, seeded.sessions_kr, "drop:2026-W47")
    assert "0 retro(s) started, 1 request(s) sent" in _retros(slack.services)
    [mini] = retro_dms(slack, ALICE)
    assert "Confidence fell" in str(mini.body["blocks"])
    assert retro_dms(slack, BOB) == []  # 07:00 in New York: Bob is asked in his working hours
    slack.clock.advance(hours=3)
    _retros(slack.services)
    assert len(retro_dms(slack, BOB)) == 1
    answer_retro(
        slack,
        ALICE,
        drop,
        answer_values("dependency", "The data team was busy", "Book data help a sprint early"),
    )
    assert _retros(slack.services).startswith("0 retro(s) started, 0 request(s) sent")


def _an_admin_closes_the_cycle(slack: SlackHarness, seeded: Seeded) -> None:
    # An admin closes the cycle in /okr settings; each KR is scored from its final progress.
    slack.clock.set(AFTER_CLOSE)
    slack.fake.set_user(ADMIN, is_admin=True)
    menu = open_settings(slack, ADMIN)
    click(slack, menu, SettingsAction.CLOSE_CYCLE, ADMIN, "1")
    slack.fake.wait_for("views.update")
    with slack.database.transaction() as session:
        assert session.exec(select(Cycle)).one().closed_at == AFTER_CLOSE
    scores = {kr.kr_id: kr.score for kr in key_results(slack, cycle="2026-Q4").values()}
    assert scores == {
        seeded.sessions_kr: 0.4,
        seeded.churn_kr: 0.17,
        seeded.launch_kr: 0.0,
        seeded.bob_kr: 0.05,
    }
    slack.fake.clear()
    assert "4 retro(s) started, 5 request(s) sent, 0 reminder(s)" in _retros(slack.services)
    assert len(retro_dms(slack, ALICE)) == 3
    assert len(retro_dms(slack, BOB)) == 2  # his own KR, and sessions as a contributor
    assert _digest_posts(slack) == []  # the retros are not in yet


def _all_but_bob_on_sessions_answer_their_retros(slack: SlackHarness, seeded: Seeded) -> None:
    answers = {
        (ALICE, seeded.sessions_kr): answer_values(
            "too_ambitious", "We aimed at 3", "Set targets from last year's curve", "Aim at 2.6"
        ),
        (ALICE, seeded.churn_kr): answer_values(
            "external", "A rival cut prices", "Watch rival pricing monthly", anonymous=True
        ),
        (ALICE, seeded.launch_kr): answer_values(
            "dependency", "The scores feed came late", "Sign data contracts before the cycle"
        ),
        (BOB, seeded.bob_kr): answer_values(
            "priorities",
            "We moved to the playoffs launch",
            "Agree priorities with sales",
            anonymous=True,
        ),
    }
    for (user, kr), values in answers.items():
        answer_retro(slack, user, retro_id(slack.database, kr, CLOSE), values)
    slack.fake.clear()
    _retros(slack.services)
    assert _digest_posts(slack) == []  # Bob has not answered for sessions yet


def _bob_is_reminded_once_and_answers_without_his_name(
    slack: SlackHarness, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    # Three days on, Bob gets his one reminder; he answers without his name.
    slack.clock.advance(days=3)
    assert "0 request(s) sent, 1 reminder(s)" in _retros(slack.services)
    [reminder] = retro_dms(slack, BOB)
    assert "Reminder" in reminder.body["text"]
    _retros(slack.services)
    assert len(retro_dms(slack, BOB)) == 1  # only one reminder
    caplog.clear()
    answer_retro(
        slack,
        BOB,
        retro_id(slack.database, seeded.sessions_kr, CLOSE),
        answer_values("capacity", "Two of us were out", "Plan for holidays", anonymous=True),
    )
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("bot")]
    assert ours and not [line for line in ours if BOB in line], "an anonymous answer was logged"


def _the_retro_digest_goes_to_the_channel_once(slack: SlackHarness) -> None:
    # All retros are in: the digest goes to the channel once.
    slack.fake.clear()
    _retros(slack.services)
    _retros(slack.services)
    [digest] = _digest_posts(slack)
    assert_valid_message(digest["blocks"], digest["text"])
    assert digest["unfurl_links"] is False
    blocks = digest["blocks"]
    assert blocks[0]["text"]["text"] == "🔁 Growth · 2026-Q4 retro"
    summary = blocks[1]["text"]["text"]
    assert summary.startswith("*What we learned* — 6 learning(s)")
    assert "Dependency or blocker 2" in summary
    said = str(blocks)
    assert "Watch rival pricing monthly" in said and "Plan for holidays" in said
    assert "🙏 Thank you " in said and f"<@{ALICE}>" not in said  # thanked, not pinged
    assert BOB not in said, "Bob only shared anonymously: his name must not appear"
    assert "thank you for the 3 answers shared without a name" in said
    assert said.index("What we learned") < said.index("🔴 0.17")  # learnings lead, scores follow
    with slack.database.transaction() as session:
        claims = session.exec(select(Digest).where(Digest.period == "retro-1")).all()
        assert [claim.status for claim in claims] == ["posted"]
        anonymous = session.exec(
            select(RetroAnswer).where(col(RetroAnswer.author_id).is_(None))
        ).all()
        assert len(anonymous) == 3
    assert [entry.author for entry in learnings(slack)].count(None) == 3


def _a_later_search_finds_the_anonymous_learning(slack: SlackHarness) -> None:
    # A later search of the library finds the anonymous learning, with no name.
    reply = slack.answer("learnings rival pricing", ALICE)
    assert_valid_message(reply["blocks"], reply["text"])
    assert "Watch rival pricing monthly" in str(reply["blocks"])
    assert "shared without a name" in str(reply["blocks"])
    assert_no_live_mentions(reply, ["<!channel>"])


def _the_next_cycles_new_kr_shows_that_learning(slack: SlackHarness) -> None:
    # The admin opens the next cycle; drafting a KR for it, the lead sees that learning under
    # the title, still without a name.
    modal = push(slack, open_settings(slack, ADMIN), SettingsAction.NEW_CYCLE, ADMIN)
    next_cycle = form_values(
        text(F.NAME, "2027-Q1"), day(F.START, "2027-01-01"), day(F.END, "2027-03-31")
    )
    assert json_body(slack.submit(modal, next_cycle, ADMIN)) == {}
    view = open_modal(slack, "new", LEAD)
    typed = entry("title", typed_text("Match rival pricing within a day"), 0)
    updated = act_in_modal(slack, view, Action.DRAFT_TITLE, draft_block_id("title", 0), typed, LEAD)
    feedback = next(
        b for b in updated["blocks"] if b.get("block_id") == draft_block_id("feedback", 0)
    )
    coaching = str(feedback["elements"])
    assert "Related learnings" in coaching and "Watch rival pricing monthly" in coaching
    assert BOB not in coaching and ALICE not in coaching
