"""The learnings library finds words in the learning, its KR or its objective, newest first."""

from datetime import UTC, datetime

from bot.db.engine import Database
from bot.db.learnings import search_learnings
from bot.db.models import Learning
from bot.domain.words import search_words
from tests.seed import seed_quarter


def test_search_words_drop_filler_and_repeats() -> None:
    assert search_words("Grow the NPS! Grow it 100% (for real_ly)") == [
        "grow",
        "nps",
        "100",
        "real",
    ]


def test_finds_by_learning_kr_or_objective_words(database: Database) -> None:
    kr_id = seed_quarter(database).sessions_kr
    with database.transaction() as session:
        for day, text in (
            (1, "Onboarding emails 50%_off did nothing"),
            (2, "Pricing page A/B test"),
        ):
            session.add(
                Learning(
                    key_result_id=kr_id,
                    source="retro",
                    text=text,
                    created_at=datetime(2026, 11, day, tzinfo=UTC),
                )
            )
    with database.transaction() as session:
        assert [r.learning.text for r in search_learnings(session, ["pricing"])] == [
            "Pricing page A/B test"
        ]
        assert len(search_learnings(session, [])) == 2
        assert search_learnings(session, ["50%_off"])[0].learning.text.startswith("Onboarding")
        # Wildcards are escaped: "_" and "%" match only themselves.
        assert search_learnings(session, ["50__off"]) == []
        ranked = search_learnings(session, ["onboarding", "pricing", "test"], match_all=False)
        assert [r.learning.text[:7] for r in ranked] == ["Pricing", "Onboard"]
