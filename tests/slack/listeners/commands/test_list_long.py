"""`/okr list` for big teams: split across messages, capped, read in few statements."""

from typing import Any

from sqlalchemy import event

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import KeyResult, Objective, Team
from bot.services.okrs.listing import ListQuery
from tests.fakes.blockkit import assert_valid_message
from tests.seed import ALICE, LEAD, Seeded
from tests.slack.harness import SlackHarness
from tests.slack.list_steps import alice_checks_in, said_in


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


def _platform_list(slack: SlackHarness, count: int) -> tuple[list[dict[str, Any]], str]:
    """The first `count` private answers to `/okr list team Platform`, and all they say."""
    messages = slack.answers("list team Platform", ALICE, escape=False, count=count)
    for message in messages:
        assert message["response_type"] == "ephemeral"
        assert_valid_message(message["blocks"], message["text"])
    return messages, "\n".join(said_in(message) for message in messages)


def test_a_long_list_is_split_across_private_messages(
    slack: SlackHarness, database: Database
) -> None:
    _platform(database, krs_per_objective=25, title_padding=0)
    messages, said = _platform_list(slack, count=4)
    assert said.count("*KR-") == 150
    assert "(continued)" in said
    assert messages[1]["text"] == "Platform's key results · 2026-Q4 (2 of 4)"


def test_a_very_long_list_stops_at_five_messages_and_says_how_to_narrow_it(
    slack: SlackHarness, database: Database
) -> None:
    _platform(database, krs_per_objective=50, title_padding=140)
    _, said = _platform_list(slack, count=5)
    shown = said.count("*KR-")
    assert f"…and {300 - shown} more key result(s). Narrow it with `/okr list team NAME`" in said
    # Slack takes five posts to one response_url, no more.
    assert len(slack.fake.calls_to("response_url")) == 5


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
    alice_checks_in(slack, seeded, sessions=(2.5, 6))
    assert statements() == few
