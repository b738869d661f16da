"""Values from a key result's source, as the prompt, the check-in modal and History show them."""

from datetime import UTC, datetime

import pytest

from bot.domain.progress import KRType
from bot.domain.source_health import HealthNotice
from bot.services.checkins.results import (
    CheckinForm,
    HistoryEntry,
    HomeView,
    KRHistory,
    KRSnapshot,
    PromptCard,
)
from bot.services.source_badges import SourceBadge
from bot.services.sources.notices import OwnerNotice
from bot.slack.render.checkin_modal import checkin_modal
from bot.slack.render.checkin_prompt import checkin_prompt
from bot.slack.render.history import history_modal
from bot.slack.render.home import home_view
from bot.slack.render.source_notice import source_notice
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message, assert_valid_view
from tests.slack.render.test_render import HOSTILE, _kr

FETCHED = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
AGO = f"<!date^{int(FETCHED.timestamp())}^{{ago}}|2026-11-18 10:00 UTC>"


def fed(kr_id: int = 1) -> KRSnapshot:
    return _kr(kr_id, value=47.0, previous_value=45.0, value_source="http_json", value_at=FETCHED)


def test_the_prompt_shows_the_fresh_value_and_asks_for_confidence_and_a_note() -> None:
    text, blocks = checkin_prompt(PromptCard("U1", "2026-W47", (fed(), _kr(2))))

    assert_valid_message(blocks, text)
    assert_no_live_mentions({"text": text, "blocks": blocks}, HOSTILE)
    line = blocks[2]["text"]["text"]
    assert f"from its source {AGO}: 45 &lt;!here&gt; units → 47 &lt;!here&gt; units" in line
    assert "just set your confidence and a note" in line
    assert "from its source" not in blocks[3]["text"]["text"]


def test_the_modal_pre_fills_the_source_s_value() -> None:
    view = checkin_modal(CheckinForm("2026-W47", (fed(),)))

    assert_valid_view(view)
    assert view["blocks"][0]["text"]["text"].endswith(
        f"From its source {AGO}: 45 &lt;!here&gt; units → 47 &lt;!here&gt; units"
        " · just set your confidence and a note."
    )
    assert view["blocks"][1]["element"]["initial_value"] == "47"


def test_history_says_which_values_came_from_the_source() -> None:
    entry = HistoryEntry("2026-W47", 47, 6, None, None, "U0ALICE001", FETCHED, 0, "webhook")
    view = history_modal(KRHistory(7, "Fans", KRType.INCREASE_TO, 50, None, (entry,)))

    assert_valid_view(view)
    assert view["blocks"][2]["elements"][0]["text"].startswith("from its source (webhook) · ")


@pytest.mark.parametrize("notice", list(HealthNotice))
def test_the_owner_s_dm_is_valid_and_inert(notice: HealthNotice) -> None:
    told = OwnerNotice("U0ALICE001", 7, " ".join(HOSTILE), notice, "HTTP 401 <!here>", FETCHED)

    text, blocks = source_notice(told)

    assert_valid_message(blocks, text)
    assert_no_live_mentions({"text": text, "blocks": blocks}, HOSTILE)
    if notice is HealthNotice.FAILING:
        assert "check the secret its ${NAME} holds" in blocks[1]["elements"][0]["text"]


def test_home_shows_a_failing_source_inertly() -> None:
    failing = SourceBadge(FETCHED, FETCHED, "HTTP 503 <!channel>")
    krs = (_kr(1, source=failing), _kr(2, source=SourceBadge(FETCHED)), _kr(3))
    view = home_view(HomeView("U1", FETCHED.date(), "2026-W47", krs, checked_in=False))

    assert_valid_view(view)
    assert_no_live_mentions(view, HOSTILE)
    texts = [block["text"]["text"] for block in view["blocks"] if block["type"] == "section"]
    assert sum("⚠️ source failing since" in text for text in texts) == 1
    assert sum(f"🔄 synced {AGO}" in text for text in texts) == 1
