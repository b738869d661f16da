"""A claim left by a crashed process is taken over by one process only, on both databases."""

from datetime import UTC, datetime, timedelta

from bot.db import digests, prompts
from bot.db.digests import DigestStatus
from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import Team
from bot.domain.prompting import STALE_CLAIM, PromptStatus

LEFT_AT = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
NOW = LEFT_AT + STALE_CLAIM


def test_of_two_processes_taking_over_a_prompt_left_by_a_crash_one_wins(
    database: Database,
) -> None:
    with database.transaction() as session:
        member = get_or_create_member(session, "U0ALICE001")
        assert member.id is not None
        left = prompts.claim_new(session, member.id, "2026-W47", LEFT_AT, NOW + timedelta(days=6))
    assert left is not None
    claimed = PromptStatus.CLAIMED

    for process in range(2):  # both read the claim as old before either moved it
        with database.transaction() as session:
            took = prompts.transition(
                session, left, claimed, claimed, NOW + timedelta(seconds=process), NOW - STALE_CLAIM
            )
        assert took is (process == 0)


def test_of_two_processes_taking_over_a_digest_left_by_a_crash_one_wins(
    database: Database,
) -> None:
    with database.transaction() as session:
        team = Team(name="Growth", channel_id="C0GROWTH01")
        session.add(team)
        session.flush()
        assert team.id is not None
        left = digests.claim_new(session, team.id, "2026-W47", "C0GROWTH01", LEFT_AT)
    assert left is not None

    for process in range(2):
        with database.transaction() as session:
            now = NOW + timedelta(seconds=process)
            took = digests.reclaim(session, left, DigestStatus.CLAIMED, now, NOW - STALE_CLAIM)
        assert took is (process == 0)
