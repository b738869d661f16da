"""A small quarter written straight into the tables, for service and Slack-flow tests."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import insert
from sqlmodel import Session, select

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import CheckIn, Cycle, KeyResult, Objective, Team, TeamMember

ALICE = "U0ALICE001"
BOB = "U0BOB00001"
LEAD = "U0LEAD0001"
Q4 = (date(2026, 10, 1), date(2026, 12, 31))


@dataclass(frozen=True)
class Seeded:
    sessions_kr: int
    churn_kr: int
    launch_kr: int
    bob_kr: int


def seed_quarter(database: Database, *, hostile_title: str | None = None) -> Seeded:
    """Growth team, one objective; Alice owns three KRs (one a milestone), Bob one."""
    with database.transaction() as session:
        people = _add_people(session)
        objective_id = _add_growth_objective(session, lead_id=people.lead)
        return _add_key_results(session, objective_id, people, hostile_title)


@dataclass(frozen=True)
class _People:
    alice: int
    bob: int
    lead: int


def _add_people(session: Session) -> _People:
    alice = get_or_create_member(session, ALICE)
    bob = get_or_create_member(session, BOB)
    lead = get_or_create_member(session, LEAD)
    assert alice.id is not None and bob.id is not None and lead.id is not None
    return _People(alice=alice.id, bob=bob.id, lead=lead.id)


def _add_growth_objective(session: Session, *, lead_id: int) -> int:
    """The quarter, the Growth team led by the lead, and the lead's objective for it."""
    cycle = Cycle(name="2026-Q4", start_date=Q4[0], end_date=Q4[1])
    team = Team(name="Growth", channel_id="C0GROWTH01")
    session.add_all([cycle, team])
    session.flush()
    assert team.id is not None and cycle.id is not None
    session.add(TeamMember(team_id=team.id, member_id=lead_id, is_lead=True))
    objective = Objective(
        cycle_id=cycle.id,
        team_id=team.id,
        owner_id=lead_id,
        title="Become the best platform for sports fans",
    )
    session.add(objective)
    session.flush()
    assert objective.id is not None
    return objective.id


def _add_key_results(
    session: Session, objective_id: int, people: _People, hostile_title: str | None
) -> Seeded:
    krs = _growth_key_results(objective_id, people, hostile_title)
    session.add_all(krs)
    session.flush()
    ids = [kr.id for kr in krs]
    assert all(kr_id is not None for kr_id in ids)
    return Seeded(*(kr_id for kr_id in ids if kr_id is not None))


def _growth_key_results(
    objective_id: int, people: _People, hostile_title: str | None
) -> list[KeyResult]:
    """In `Seeded`'s order: Alice's sessions, churn and launch milestone, then Bob's fans."""
    return [
        KeyResult(
            objective_id=objective_id,
            owner_id=people.alice,
            title=hostile_title or "Median monthly 20+ minute sessions per fan",
            start_value=2,
            target_value=3,
            unit="sessions",
        ),
        KeyResult(
            objective_id=objective_id,
            owner_id=people.alice,
            title="Monthly churn of sports subscribers",
            kr_type="decrease_to",
            start_value=8,
            target_value=5,
            unit="%",
        ),
        KeyResult(
            objective_id=objective_id,
            owner_id=people.alice,
            title="Live scores available in the app",
            kr_type="milestone",
            start_value=0,
            target_value=1,
        ),
        KeyResult(
            objective_id=objective_id,
            owner_id=people.bob,
            title="Weekly active sports fans",
            start_value=1000,
            target_value=5000,
            unit="fans",
        ),
    ]


def add_checkins(
    database: Database, periods: list[str], *, leave_out: Collection[int] = ()
) -> None:
    """Each KR (but those left out) checked in by its owner on each period, straight into the
    table: the n-th period's value is n and its confidence 5 + n (at most 10)."""
    with database.transaction() as session:
        krs = session.exec(select(KeyResult)).all()
        rows = [
            {
                "key_result_id": kr.id,
                "author_id": kr.owner_id,
                "period": period,
                "value": float(index),
                "confidence": min(10, 5 + index),
                "created_at": datetime(2026, 10, 1, tzinfo=UTC),
            }
            for kr in krs
            if kr.id not in leave_out
            for index, period in enumerate(periods)
        ]
        session.execute(insert(CheckIn), rows)
