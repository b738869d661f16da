"""`/okr list` through Slack: whose, which team's, at risk, closed cycles, long lists."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import Cycle, Hypothesis, KeyResult, KRContributor, Objective, Team
from bot.services.checkins.results import CheckinAnswer
from bot.services.okrs.listing import ListQuery
from bot.services.scoring import close_cycle
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.digest_examples import HOSTILE, HOSTILE_TEXT
from tests.slack.harness import SlackHarness

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


def _text(message: dict[str, Any]) -> str:
    texts = [message.get("text", "")]
    for block in message.get("blocks", []):
        texts.append((block.get("text") or {}).get("text", ""))
        texts += [element.get("text", "") for element in block.get("elements", [])]
    return "\n".join(texts)


def _listed(slack: SlackHarness, text: str, user: str = ALICE) -> dict[str, Any]:
    # Sent as Slack sends picked people and channels: `<@U…|name>`, `<#C…|name>`.
    body = slack.answer(text, user, escape=False)
    assert body["response_type"] == "ephemeral"
    assert_valid_message(body["blocks"], body["text"])
    return body


def _error(slack: SlackHarness, text: str, user: str = ALICE) -> str:
    body = slack.answer(text, user, escape=False)
    assert body["response_type"] == "ephemeral"
    return str(body["text"])


def _objective_id(database: Database, kr_id: int) -> int:
    with database.transaction() as session:
        return session.get_one(KeyResult, kr_id).objective_id


def _add(database: Database, *rows: object) -> None:
    with database.transaction() as session:
        session.add_all(rows)


def _check_in(slack: SlackHarness, user: str, *answers: CheckinAnswer) -> None:
    slack.services.checkins.save_checkin(user, "2026-W47", list(answers))


def test_a_bare_list_shows_my_key_results_grouped_by_objective(
    slack: SlackHarness, seeded: Seeded
) -> None:
    _check_in(slack, ALICE, CheckinAnswer(seeded.sessions_kr, 2.5, 6))
    said = _text(_listed(slack, "list"))
    objective = _objective_id(slack.database, seeded.sessions_kr)
    assert "Your key results · 2026-Q4" in said
    assert f"🎯 *O-{objective} Become the best platform for sports fans* · _Growth_" in said
    assert f"*KR-{seeded.sessions_kr}* Median monthly 20+ minute sessions per fan" in said
    assert "▰▰▰▰▰▱▱▱▱▱ 50%  2.5 / 3 sessions · confidence 6/10 · 🟡 At risk" in said
    assert f"Owner <@{ALICE}>" in said
    assert f"KR-{seeded.bob_kr}" not in said
    assert said == _text(_listed(slack, "list me"))


def test_a_persons_list_and_a_contributors_share(slack: SlackHarness, seeded: Seeded) -> None:
    said = _text(_listed(slack, f"list <@{BOB}|bob>"))
    assert f"<@{BOB}>'s key results" in said
    assert f"KR-{seeded.bob_kr}" in said and f"KR-{seeded.sessions_kr}" not in said
    with slack.database.transaction() as session:
        alice = get_or_create_member(session, ALICE)
        assert alice.id is not None
        session.add(KRContributor(key_result_id=seeded.bob_kr, member_id=alice.id))
    said = _text(_listed(slack, "list"))
    assert f"*KR-{seeded.bob_kr}* Weekly active sports fans" in said
    assert f"Owner <@{BOB}> · with <@{ALICE}>" in said


def test_a_team_by_name_or_by_channel_lists_everyone(slack: SlackHarness, seeded: Seeded) -> None:
    by_name = _text(_listed(slack, "list team growth", "U0STRANGER"))
    assert "Growth's key results · 2026-Q4" in by_name
    for kr in (seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr, seeded.bob_kr):
        assert f"KR-{kr}*" in by_name
    by_channel = _text(_listed(slack, "list <#C0GROWTH01|growth>", "U0STRANGER"))
    assert by_channel == by_name


def test_an_unknown_team_names_the_teams_there_are(slack: SlackHarness) -> None:
    said = _error(slack, "list team Sales")
    assert "There is no team called 'Sales'. The teams are: Growth." in said


def test_a_channel_without_a_team_says_so(slack: SlackHarness) -> None:
    assert "No team has that channel" in _error(slack, "list <#C0RANDOM01|random>")


def test_a_word_it_does_not_know_gets_the_usage(slack: SlackHarness) -> None:
    said = _error(slack, "list everything")
    assert "I don't understand `everything` here" in said
    assert "/okr list [me|@person|#channel|team NAME|at-risk]" in said
    assert "Name the team after `team`" in _error(slack, "list team")


def test_at_risk_across_teams_and_within_one(slack: SlackHarness, seeded: Seeded) -> None:
    _check_in(
        slack,
        ALICE,
        CheckinAnswer(seeded.sessions_kr, 2.9, 8),
        CheckinAnswer(seeded.churn_kr, 7.5, 2),
        CheckinAnswer(seeded.launch_kr, 0, 8),  # confident, but nothing done half-way in
    )
    said = _text(_listed(slack, "list at-risk", LEAD))
    assert "Key results at risk · 2026-Q4" in said
    assert f"KR-{seeded.churn_kr}*" in said and "🔴 Off track" in said
    assert f"KR-{seeded.launch_kr}*" in said  # behind pace
    assert f"KR-{seeded.sessions_kr}*" not in said
    assert f"KR-{seeded.bob_kr}*" not in said  # no check-in yet: nothing to judge
    assert _text(_listed(slack, "list team Growth at risk", LEAD)).count("*KR-") == 2
    calm = _text(_listed(slack, "list at-risk", BOB))
    assert calm.count("*KR-") == 2  # at-risk alone is everyone's, whoever asks
    assert "Nothing at risk" in _text(_listed(slack, f"list <@{BOB}> at-risk"))


def test_nobody_s_list_gets_a_friendly_hint(slack: SlackHarness) -> None:
    said = _text(_listed(slack, "list", "U0STRANGER"))
    assert "You own or contribute to no key results in 2026-Q4" in said
    assert "`/okr list team NAME`" in said


def test_hypotheses_are_listed_by_ice_with_decided_ones_marked(
    slack: SlackHarness, seeded: Seeded
) -> None:
    bets = [
        ("Small bet", 2, 2, 2, "open"),
        ("Push notifications at kick-off raise sessions", 8, 6, 5, "open"),
        ("Highlights reels raise sessions", 9, 5, 4, "validated"),
        ("Dark mode raises sessions", 5, 5, 5, "invalidated"),
    ]
    _add(
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
    said = _text(_listed(slack, "list"))
    lines = [line.strip() for line in said.splitlines() if "💡" in line]
    assert lines == [
        "💡 ICE 240 · Push notifications at kick-off raise sessions",
        "💡 ICE 180 · Highlights reels raise sessions ✅ validated",
        "💡 ICE 125 · Dark mode raises sessions ❌ invalidated",
    ]
    assert "…and 1 more hypotheses" in said


def test_a_closed_cycle_shows_scores_coloured_by_band(slack: SlackHarness, seeded: Seeded) -> None:
    _check_in(
        slack,
        ALICE,
        CheckinAnswer(seeded.sessions_kr, 2.8, 8),
        CheckinAnswer(seeded.churn_kr, 7, 4),
        CheckinAnswer(seeded.launch_kr, 1, 9),
    )
    with slack.database.transaction() as session:
        cycle = session.get_one(Cycle, 1)
        close_cycle(session, cycle, NOW)
    said = _text(_listed(slack, "list team Growth cycle 2026-q4"))
    assert "Growth's key results · 2026-Q4 (closed)" in said
    assert "score 🟢 0.8" in said  # sessions: 2 → 2.8 of 3
    assert "score 🔴 0.33" in said  # churn: 8 → 7 of 5
    assert "score 🟢 1.0" in said or "score 🟢 1" in said
    assert "score 🟡 0.53" in said  # the objective: (0.8 + 0.33 + 1 + 0) / 4
    assert "no cycle called 'Q3'" in _error(slack, "list cycle Q3")


def _platform(database: Database, krs_per_objective: int, title_padding: int) -> None:
    """A team of six objectives with many key results, all the lead's."""
    with database.transaction() as session:
        lead = get_or_create_member(session, LEAD)
        team = Team(name="Platform", channel_id="C0PLATFORM")
        session.add(team)
        session.flush()
        assert team.id is not None and lead.id is not None
        objectives = [
            Objective(cycle_id=1, team_id=team.id, owner_id=lead.id, title=f"Objective {n}")
            for n in range(6)
        ]
        session.add_all(objectives)
        session.flush()
        session.add_all(
            KeyResult(
                objective_id=objective.id or 0,
                owner_id=lead.id,
                title=f"Key result {n} of {objective.title} " + "x" * title_padding,
                target_value=10,
            )
            for objective in objectives
            for n in range(krs_per_objective)
        )


def _all_messages(slack: SlackHarness, text: str, count: int) -> list[dict[str, Any]]:
    messages = slack.answers(text, ALICE, escape=False, count=count)
    for message in messages:
        assert message["response_type"] == "ephemeral"
        assert_valid_message(message["blocks"], message["text"])
    return messages


def test_a_long_list_is_split_across_private_messages(
    slack: SlackHarness, database: Database
) -> None:
    _platform(database, krs_per_objective=25, title_padding=0)
    messages = _all_messages(slack, "list team Platform", count=4)
    said = "\n".join(_text(message) for message in messages)
    assert said.count("*KR-") == 150
    assert "(continued)" in said
    assert messages[1]["text"] == "Platform's key results · 2026-Q4 (2 of 4)"


def test_a_very_long_list_stops_at_five_messages_and_says_how_to_narrow_it(
    slack: SlackHarness, database: Database
) -> None:
    _platform(database, krs_per_objective=50, title_padding=140)
    messages = _all_messages(slack, "list team Platform", count=5)
    said = "\n".join(_text(message) for message in messages)
    shown = said.count("*KR-")
    assert f"…and {300 - shown} more key result(s). Narrow it with `/okr list team NAME`" in said
    # Slack takes five posts to one response_url, no more.
    assert len(slack.fake.calls_to("response_url")) == 5


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
    body = _listed(slack, "list", BOB)
    assert_no_live_mentions(body, [*HOSTILE, "<!here> u"])
    assert_no_live_mentions(_listed(slack, "list team growth"), HOSTILE)


def test_the_list_reads_in_a_fixed_number_of_statements(
    slack: SlackHarness, database: Database, seeded: Seeded
) -> None:
    def statements() -> int:
        seen: list[str] = []

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(database.engine, "before_cursor_execute", count)
        try:
            slack.services.okr_list.list_okrs(LEAD, ListQuery(team_name="Growth"))
        finally:
            event.remove(database.engine, "before_cursor_execute", count)
        return len(seen)

    few = statements()
    with database.transaction() as session:
        session.add_all(
            KeyResult(objective_id=1, owner_id=1, title=f"More {n}", target_value=5)
            for n in range(40)
        )
    _check_in(slack, ALICE, CheckinAnswer(seeded.sessions_kr, 2.5, 6))
    assert statements() == few


def test_the_home_tab_shows_refs_scores_and_hypotheses(slack: SlackHarness, seeded: Seeded) -> None:
    _add(
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
    _check_in(slack, ALICE, CheckinAnswer(seeded.sessions_kr, 2.8, 8))
    with slack.database.transaction() as session:
        close_cycle(session, session.get_one(Cycle, 1), NOW)
    assert slack.event({"type": "app_home_opened", "user": ALICE, "tab": "home"}).status == 200
    view = slack.fake.wait_for("views.publish")[-1].body["view"]
    said = _text(view)
    objective = _objective_id(slack.database, seeded.sessions_kr)
    assert f"🎯 *O-{objective} Become the best platform for sports fans*" in said
    assert "💡 ICE 240 · Kick-off alerts raise sessions" in said
    assert "🟢 On track · confidence 8/10 · score 🟢 0.8" in said
    assert "*🏁 Your scores in 2026-Q4*" in said
    assert f"`KR-{seeded.churn_kr}` Monthly churn of sports subscribers — 🔴 0.0" in said
