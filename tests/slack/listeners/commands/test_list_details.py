"""`/okr list` and the Home tab through Slack: hypotheses, closed cycles' scores, inert text."""

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import Cycle, Hypothesis, KeyResult, Objective, Team
from bot.services.scoring import close_cycle
from tests.fakes.blockkit import assert_no_live_mentions
from tests.seed import ALICE, BOB, Seeded
from tests.slack.digest_examples import HOSTILE, HOSTILE_TEXT
from tests.slack.harness import SlackHarness
from tests.slack.list_steps import (
    NOW,
    add_rows,
    alice_checks_in,
    listed,
    objective_id,
    refused,
    said_in,
)


def test_hypotheses_are_listed_by_ice_with_decided_ones_marked(
    slack: SlackHarness, seeded: Seeded
) -> None:
    bets = [
        ("Small bet", 2, 2, 2, "open"),
        ("Push notifications at kick-off raise sessions", 8, 6, 5, "open"),
        ("Highlights reels raise sessions", 9, 5, 4, "validated"),
        ("Dark mode raises sessions", 5, 5, 5, "invalidated"),
    ]
    add_rows(
        slack.database,
        *(
            Hypothesis(
                key_result_id=seeded.sessions_kr,
                statement=statement,
                impact=impact,
                confidence=confidence,
                ease=ease,
                status=state,
                created_at=NOW,
            )
            for statement, impact, confidence, ease, state in bets
        ),
    )
    said = said_in(listed(slack, "list"))
    lines = [line.strip() for line in said.splitlines() if "💡" in line]
    assert lines == [
        "💡 ICE 240 · Push notifications at kick-off raise sessions",
        "💡 ICE 180 · Highlights reels raise sessions ✅ validated",
        "💡 ICE 125 · Dark mode raises sessions ❌ invalidated",
    ]
    assert "…and 1 more hypotheses" in said


def test_a_closed_cycle_shows_scores_coloured_by_band(slack: SlackHarness, seeded: Seeded) -> None:
    alice_checks_in(slack, seeded, sessions=(2.8, 8), churn=(7, 4), launch=(1, 9))
    with slack.database.transaction() as session:
        cycle = session.get_one(Cycle, 1)
        close_cycle(session, cycle, NOW)
    said = said_in(listed(slack, "list team Growth cycle 2026-q4"))
    assert "Growth's key results · 2026-Q4 (closed)" in said
    assert "score 🟢 0.8" in said  # sessions: 2 → 2.8 of 3
    assert "score 🔴 0.33" in said  # churn: 8 → 7 of 5
    assert "score 🟢 1.0" in said or "score 🟢 1" in said
    assert "score 🟡 0.53" in said  # the objective: (0.8 + 0.33 + 1 + 0) / 4
    assert "no cycle called 'Q3'" in refused(slack, "list cycle Q3")


def test_user_text_stays_inert(slack: SlackHarness, database: Database) -> None:
    with database.transaction() as session:
        bob = get_or_create_member(session, BOB)
        session.add(Team(name=HOSTILE_TEXT))
        objective = Objective(cycle_id=1, team_id=1, owner_id=bob.id, title=HOSTILE_TEXT)
        session.add(objective)
        session.flush()
        session.add(
            KeyResult(
                objective_id=objective.id or 0,
                owner_id=bob.id or 0,
                title=HOSTILE_TEXT,
                unit="<!here> u",
            )
        )
    body = listed(slack, "list", BOB)
    assert_no_live_mentions(body, [*HOSTILE, "<!here> u"])
    assert_no_live_mentions(listed(slack, "list team growth"), HOSTILE)


def test_the_home_tab_shows_refs_scores_and_hypotheses(slack: SlackHarness, seeded: Seeded) -> None:
    add_rows(
        slack.database,
        Hypothesis(
            key_result_id=seeded.sessions_kr,
            statement="Kick-off alerts raise sessions",
            impact=8,
            confidence=6,
            ease=5,
            created_at=NOW,
        ),
    )
    alice_checks_in(slack, seeded, sessions=(2.8, 8))
    with slack.database.transaction() as session:
        close_cycle(session, session.get_one(Cycle, 1), NOW)
    assert slack.event({"type": "app_home_opened", "user": ALICE, "tab": "home"}).status == 200
    view = slack.fake.wait_for("views.publish")[-1].body["view"]
    said = said_in(view)
    objective = objective_id(slack.database, seeded.sessions_kr)
    assert f"🎯 *O-{objective} Become the best platform for sports fans*" in said
    assert "💡 ICE 240 · Kick-off alerts raise sessions" in said
    assert "🟢 On track · confidence 8/10 · score 🟢 0.8" in said
    assert "*🏁 Your scores in 2026-Q4*" in said
    assert f"`KR-{seeded.churn_kr}` Monthly churn of sports subscribers — 🔴 0.0" in said
