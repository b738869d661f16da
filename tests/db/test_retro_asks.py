"""The retro tick reads only asks with work left: to send, to retry, or to remind."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import KRContributor, Member, Retro, RetroRequest
from bot.db.retro_asks import open_asks
from bot.domain.retros import MAX_ATTEMPTS, RequestStatus
from tests.seed import ALICE, BOB, LEAD, Seeded, seed_quarter

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
GONE = "U0GONE0001"


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed_quarter(database)


def _retro(database: Database, kr_id: int, key: str, *, days_ago: int = 1) -> int:
    with database.transaction() as session:
        retro = Retro(
            key_result_id=kr_id,
            trigger="confidence_drop",
            trigger_key=key,
            created_at=NOW - timedelta(days=days_ago),
        )
        session.add(retro)
        session.flush()
        assert retro.id is not None
        return retro.id


def _request(database: Database, retro_id: int, slack_user_id: str, **state: Any) -> None:
    with database.transaction() as session:
        member = get_or_create_member(session, slack_user_id)
        assert member.id is not None
        row = RetroRequest(retro_id=retro_id, member_id=member.id, claimed_at=NOW, **state)
        session.add(row)


def _contributes(database: Database, kr_id: int, slack_user_id: str, *, gone: bool = False) -> None:
    with database.transaction() as session:
        member = get_or_create_member(session, slack_user_id)
        assert member.id is not None
        member.deactivated = gone
        session.add(KRContributor(key_result_id=kr_id, member_id=member.id))


def _open(database: Database) -> list[tuple[int, str, str | None]]:
    """(retro, who, request status) of each ask the tick would read."""
    with database.read() as session:
        asks = open_asks(
            session,
            created_since=NOW - timedelta(days=60),
            sent_since=NOW - timedelta(days=7),
            max_attempts=MAX_ATTEMPTS,
        )
        people = {m.id: m.slack_user_id for m in session.exec(select(Member)).all()}
    return [(ask.retro_id, people[ask.member_id], ask.status) for ask in asks]


def test_only_asks_with_work_left_are_read(database: Database, seeded: Seeded) -> None:
    sent = RequestStatus.SENT
    to_send = _retro(database, seeded.sessions_kr, "drop:a")
    to_remind = _retro(database, seeded.churn_kr, "drop:b")
    _request(database, to_remind, ALICE, status=sent, sent_at=NOW - timedelta(days=4))
    to_retry = _retro(database, seeded.launch_kr, "drop:c")
    _request(database, to_retry, ALICE, status=RequestStatus.FAILED, attempts=2)
    given_up = _retro(database, seeded.sessions_kr, "drop:d")
    _request(database, given_up, ALICE, status=RequestStatus.FAILED, attempts=MAX_ATTEMPTS)
    reminded = _retro(database, seeded.churn_kr, "drop:e")
    _request(database, reminded, ALICE, status=sent, sent_at=NOW, reminded_at=NOW)
    answered = _retro(database, seeded.launch_kr, "drop:f")
    _request(database, answered, ALICE, status=RequestStatus.ANSWERED, sent_at=NOW)
    stale = _retro(database, seeded.sessions_kr, "drop:g", days_ago=10)
    _request(database, stale, ALICE, status=sent, sent_at=NOW - timedelta(days=9))
    _retro(database, seeded.churn_kr, "drop:h", days_ago=61)  # older than the look-back
    assert _open(database) == [
        (to_send, ALICE, None),
        (to_remind, ALICE, RequestStatus.SENT),
        (to_retry, ALICE, RequestStatus.FAILED),
    ]


def test_owner_first_then_contributors_once_each_and_never_the_deactivated(
    database: Database, seeded: Seeded
) -> None:
    _contributes(database, seeded.sessions_kr, LEAD)
    _contributes(database, seeded.sessions_kr, ALICE)  # the owner helps too: asked once
    _contributes(database, seeded.sessions_kr, GONE, gone=True)
    sessions = _retro(database, seeded.sessions_kr, "drop:a")
    bobs = _retro(database, seeded.bob_kr, "drop:b")
    assert _open(database) == [
        (sessions, ALICE, None),
        (sessions, LEAD, None),
        (bobs, BOB, None),
    ]
