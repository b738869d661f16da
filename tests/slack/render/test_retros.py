"""Retro, learnings and tree surfaces stay valid Block Kit however much people write."""

from datetime import UTC, datetime

from bot.domain.hypotheses import HypothesisStatus
from bot.domain.progress import Status
from bot.domain.retros import RetroReason
from bot.services.okrs.hypotheses import HypothesisView, Tree, TreeKR
from bot.services.okrs.learnings import LearningEntry, LearningSearch
from bot.services.retros.ports import ObjectiveScore, ReasonGroup, RetroDigest, SharedLearning
from bot.slack.render.learnings import learnings_message, tree_message
from bot.slack.render.retro_digest import retro_digest_messages
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message
from tests.fakes.pings import assert_no_pings
from tests.slack.retro_steps import HOSTILE, HOSTILE_TEXT

LONG = ("ü" + HOSTILE_TEXT) * 40


def test_a_long_search_result_is_cut_to_fit_and_says_so() -> None:
    entry = LearningEntry(
        LONG, "KR-1", LONG, "O-1", LONG, "2026-Q4", "retro", None, datetime(2026, 11, 1, tzinfo=UTC)
    )
    text, blocks = learnings_message(LearningSearch(["fans"], [entry] * 40))
    assert_valid_message(blocks, text)
    assert_no_live_mentions(blocks, HOSTILE)
    assert "more: add words to narrow" in blocks[-1]["elements"][0]["text"]


def test_a_huge_tree_is_cut_to_fit_and_points_to_one_branch() -> None:
    bets = [HypothesisView(n, LONG, 7.3, HypothesisStatus.OPEN, None) for n in range(10)]
    krs = [TreeKR(f"KR-{n}", LONG, 0.5, Status.AT_RISK, bets) for n in range(30)]
    text, blocks = tree_message(Tree("O-1", LONG, krs))
    assert_valid_message(blocks, text)
    assert_no_live_mentions(blocks, HOSTILE)
    assert "one branch" in blocks[-1]["elements"][0]["text"]


def test_the_retro_digest_splits_into_valid_messages_and_never_names_anonymous_answers() -> None:
    named = SharedLearning("KR-1", LONG, LONG, LONG, "U0ALICE001")
    anonymous = SharedLearning("KR-2", LONG, LONG, None, None)
    digest = RetroDigest(
        team_name=HOSTILE_TEXT,
        cycle_name="2026-Q4",
        groups=[
            ReasonGroup(RetroReason.CAPACITY, [named] * 20),
            ReasonGroup(RetroReason.OTHER, [anonymous] * 20),
        ],
        objectives=[ObjectiveScore("O-1", LONG, 1.0, [("KR-1", LONG, 1.0)] * 3, sandbagged=True)],
        thanked=["U0ALICE001"],
        anonymous_count=20,
        names={"U0ALICE001": "Alice"},
    )
    parent, replies = retro_digest_messages(digest)
    assert replies
    for text, blocks in [parent, *replies]:
        assert_valid_message(blocks, text)
        assert_no_live_mentions([text, blocks], HOSTILE)
    everything = str([parent, replies])
    assert "Capacity 20 · Other 20" in str(parent[1][1])
    assert "a bolder target" in everything
    assert everything.count("Thank you Alice") == 1  # thanked once, never beside a learning
    for text, blocks in [parent, *replies]:
        assert_no_pings({"text": text, "blocks": blocks})  # by name: a channel post pings nobody
