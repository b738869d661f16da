"""Every surface is valid Block Kit within Slack's limits, and user text arrives inert."""

from datetime import UTC, date, datetime

import pytest

from bot.domain.progress import KRType, Status
from bot.services.checkins.results import (
    CheckinForm,
    CheckinReceipt,
    HistoryEntry,
    HomeView,
    KRHistory,
    KRSnapshot,
    PastScores,
    PromptCard,
    PromptMessage,
    ReceiptLine,
    ScoredKR,
)
from bot.services.okrs.results import HypothesisLine, HypothesisStatus
from bot.slack.render.away import away_modal, away_set, welcome_back
from bot.slack.render.checkin_modal import MAX_KRS_PER_MODAL, checkin_modal
from bot.slack.render.checkin_prompt import checkin_prompt
from bot.slack.render.checkin_receipt import checkin_receipt, snoozed
from bot.slack.render.help import error_message, help_message, notice_view
from bot.slack.render.history import history_modal
from bot.slack.render.home import home_view
from bot.slack.render.text import escape, progress_bar
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message, assert_valid_view

HOSTILE = ["<!channel>", "<!here>", "<@U0EVIL0001>", "<https://evil.example|click me>", "a & b"]
HOSTILE_TEXT = " ".join(HOSTILE)
USAGE = (("/okr checkin", "check in"), ("/okr help", "show this list"))


def _kr(kr_id: int, title: str = HOSTILE_TEXT, **changes: object) -> KRSnapshot:
    fields: dict[str, object] = {
        "kr_id": kr_id,
        "title": title,
        "objective_title": HOSTILE_TEXT,
        "kr_type": KRType.INCREASE_TO,
        "start": 2.0,
        "target": 3.0,
        "unit": "<!here> units",
        "value": 2.5,
        "confidence": 6,
        "previous_confidence": 8,
        "progress": 0.5,
        "pace": 0.5,
        "status": Status.AT_RISK,
    }
    fields.update(changes)
    return KRSnapshot(**fields)  # type: ignore[arg-type]


def test_escape_turns_the_three_entities_in_order() -> None:
    assert escape("<@U1> & <!channel>") == "&lt;@U1&gt; &amp; &lt;!channel&gt;"
    assert escape("&lt;") == "&amp;lt;"


def test_the_prompt_is_valid_and_inert() -> None:
    text, blocks = checkin_prompt(PromptCard("U1", "2026-W47", (_kr(1), _kr(2, value=None))))
    assert_valid_message(blocks, text)
    assert_no_live_mentions({"text": text, "blocks": blocks}, HOSTILE)


def test_a_prompt_for_very_many_key_results_stays_within_50_blocks() -> None:
    krs = tuple(_kr(i, "x" * 300) for i in range(1, 120))
    text, blocks = checkin_prompt(PromptCard("U1", "2026-W47", krs))
    assert_valid_message(blocks, text)
    assert "99 more" in blocks[-2]["elements"][0]["text"]


def test_the_modal_is_valid_inert_and_prefilled() -> None:
    milestone = _kr(3, kr_type=KRType.MILESTONE, value=1.0)
    view = checkin_modal(CheckinForm("2026-W47", (_kr(1), milestone), notice=HOSTILE_TEXT))
    assert_valid_view(view)
    assert_no_live_mentions(view, HOSTILE)
    inputs = [block for block in view["blocks"] if block["type"] == "input"]
    assert inputs[0]["element"]["initial_value"] == "2.5"
    assert inputs[1]["element"]["initial_value"] == "6"
    assert inputs[1]["element"]["min_value"] == "0"
    assert inputs[1]["element"]["max_value"] == "10"
    assert inputs[4]["element"]["initial_options"][0]["value"] == "done"


def test_a_modal_for_many_key_results_stays_within_100_blocks() -> None:
    krs = tuple(_kr(i) for i in range(1, 40))
    view = checkin_modal(CheckinForm("2026-W47", krs))
    assert_valid_view(view)
    assert f"first {MAX_KRS_PER_MODAL} of 39" in view["blocks"][0]["elements"][0]["text"]


def test_the_receipt_shows_value_change_and_confidence_trend() -> None:
    lines = (
        ReceiptLine(HOSTILE_TEXT, KRType.INCREASE_TO, "sessions", 2.6, 2.4, 3.0, 7, 5, kr_id=12),
        ReceiptLine("Launch", KRType.MILESTONE, None, 1.0, 0.0, 1.0, 9, 9),
        ReceiptLine("Churn", KRType.DECREASE_TO, "%", 7.0, None, 5.0, 4, None),
    )
    text, blocks = checkin_receipt(
        CheckinReceipt("U1", "2026-W47", lines, PromptMessage("D1", "1.1"))
    )
    assert_valid_message(blocks, text)
    assert_no_live_mentions(blocks, HOSTILE)
    rendered = [block["text"]["text"] for block in blocks if block["type"] == "section"]
    assert rendered[0].endswith("2.6 / 3 sessions (+0.2 sessions) · confidence 7/10 ↑")
    assert "* `KR-12`\n" in rendered[0]
    assert rendered[1].endswith("done (newly done) · confidence 9/10")
    assert rendered[2].endswith("7 / 5 % (first check-in) · confidence 4/10")


def test_snoozed_message_is_valid() -> None:
    text, blocks = snoozed("2026-W47", datetime(2026, 11, 16, 14, 0, tzinfo=UTC))
    assert_valid_message(blocks, text)


@pytest.mark.parametrize("count", [0, 1, 80])
def test_home_is_valid_inert_and_within_100_blocks(count: int) -> None:
    krs = tuple(_kr(i, objective_title=f"Objective {i // 3} {HOSTILE_TEXT}") for i in range(count))
    view = home_view(HomeView("U1", date(2026, 11, 16), "2026-W47", krs, checked_in=False))
    assert_valid_view(view)
    assert_no_live_mentions(view, HOSTILE)


def test_home_shows_objective_refs_scores_and_hypotheses_by_ice() -> None:
    bets = (
        HypothesisLine(HOSTILE_TEXT, 8, 6, 5, HypothesisStatus.OPEN),
        HypothesisLine("Highlights reels", 9, 5, 4, HypothesisStatus.VALIDATED),
        HypothesisLine("Never shown: third", 1, 1, 1, HypothesisStatus.OPEN),
    )
    past = PastScores(HOSTILE_TEXT, (ScoredKR(3, HOSTILE_TEXT, 0.65), ScoredKR(4, "Fans", None)))
    home = HomeView(
        "U1",
        date(2026, 11, 16),
        "2026-W47",
        (_kr(12, objective_id=7, score=0.7),),
        checked_in=True,
        hypotheses={12: bets},
        past_scores=past,
    )
    view = home_view(home)
    assert_valid_view(view)
    assert_no_live_mentions(view, HOSTILE)
    texts = [block.get("text", {}).get("text", "") for block in view["blocks"]]
    texts += [e["text"] for block in view["blocks"] for e in block.get("elements", [])]
    said = "\n".join(texts)
    assert f"🎯 *O-7 {escape(HOSTILE_TEXT)}*" in said
    assert "🟡 At risk · confidence 6/10 ↓ · score 🟢 0.7" in said
    assert f"💡 ICE 240 · {escape(HOSTILE_TEXT)}\n    💡 ICE 180 · Highlights reels ✅" in said
    assert "Never shown" not in said
    assert "`KR-3` " in said and "— 🟡 0.65" in said and "`KR-4` Fans — not scored" in said


def test_help_and_errors_are_valid_and_inert() -> None:
    for text, blocks in (
        help_message(USAGE),
        help_message(USAGE, HOSTILE_TEXT, "/okr help"),
        error_message(HOSTILE_TEXT),
    ):
        assert_valid_message(blocks, text)
        assert_no_live_mentions({"text": text, "blocks": blocks}, HOSTILE)
    assert_valid_view(notice_view("Check-in", HOSTILE_TEXT))


def test_progress_bar() -> None:
    assert progress_bar(0.0) == "▱▱▱▱▱▱▱▱▱▱ 0%"
    assert progress_bar(0.44) == "▰▰▰▰▱▱▱▱▱▱ 44%"
    assert progress_bar(1.0) == "▰▰▰▰▰▰▰▰▰▰ 100%"


def test_history_is_valid_and_inert() -> None:
    entry = HistoryEntry(
        "2026-W47",
        2.5,
        6,
        HOSTILE_TEXT,
        HOSTILE_TEXT,
        "U0BOB00001",
        datetime(2026, 11, 18, tzinfo=UTC),
        2,
    )
    history = KRHistory(7, HOSTILE_TEXT, KRType.INCREASE_TO, 3.0, "<!here>", (entry,) * 8)
    view = history_modal(history)
    assert_valid_view(view)
    assert_no_live_mentions(view, HOSTILE)
    assert_valid_view(history_modal(KRHistory(7, "Empty", KRType.MILESTONE, 1.0, None, ())))


def test_away_surfaces_are_valid() -> None:
    assert_valid_view(away_modal("2026-W47", date(2026, 11, 16)))
    for text, blocks in (away_set(date(2026, 11, 27)), welcome_back()):
        assert_valid_message(blocks, text)
