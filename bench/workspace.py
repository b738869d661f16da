"""A generated workspace: teams with objectives, KRs and weeks of check-ins, written in bulk."""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert

from bot.db.engine import Database, Session
from bot.db.models import CheckIn, Cycle, KeyResult, Member, Objective, Team, TeamMember
from bot.domain.cadence import period_key

CYCLE = ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
KRS_PER_OBJECTIVE = 5
OWNERS_PER_TEAM = 8
# Friday of the cycle's 13th week, after the digest time anywhere from UTC-8 to UTC+9.
DIGEST_NOW = datetime(2026, 12, 25, 23, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Shape:
    """How big the workspace is; the defaults are the digest benchmark's."""

    krs_per_team: Sequence[int]
    weeks: int = 13
    people_per_team: int = OWNERS_PER_TEAM
    cycle: tuple[str, date, date] = CYCLE
    # Confidence never below this: 4 keeps every KR out of the red, so no retro is due.
    min_confidence: int = 0
    # Check-ins are stamped at this time; None: Monday noon UTC of their own week.
    stamped_at: datetime | None = DIGEST_NOW
    team_prefix: str = "Team"


def build_workspace(
    database: Database, krs_per_team: Sequence[int], weeks: int = 13, seed: int = 7
) -> list[str]:
    """One team per entry of `krs_per_team`, each with that many KRs; returns the team names."""
    return build(database, Shape(krs_per_team, weeks), seed)


def build(database: Database, shape: Shape, seed: int = 7) -> list[str]:
    """The workspace `shape` describes, written in one transaction; returns the team names."""
    rng = random.Random(seed)
    name, start, end = shape.cycle
    names = [f"{shape.team_prefix} {index:03d}" for index in range(len(shape.krs_per_team))]
    with database.transaction() as session:
        cycle = Cycle(name=name, start_date=start, end_date=end)
        session.add(cycle)
        session.flush()
        assert cycle.id is not None
        for index, (team_name, kr_count) in enumerate(zip(names, shape.krs_per_team, strict=True)):
            team = Team(name=team_name, channel_id=f"C{index:09d}")
            people = [
                Member(slack_user_id=f"U{index:04d}{p:05d}") for p in range(shape.people_per_team)
            ]
            session.add_all([team, *people])
            session.flush()
            assert team.id is not None
            ids = [person.id for person in people if person.id is not None]
            session.add_all(
                TeamMember(team_id=team.id, member_id=member_id, is_lead=p == 0)
                for p, member_id in enumerate(ids)
            )
            krs = _key_results(session, cycle.id, team.id, team_name, kr_count, ids)
            rows = [row for kr in krs for row in _history(kr, shape, rng)]
            if rows:
                session.execute(insert(CheckIn), rows)
    return names


def _key_results(
    session: Session, cycle_id: int, team_id: int, team_name: str, count: int, owners: list[int]
) -> list[KeyResult]:
    objectives = [
        Objective(cycle_id=cycle_id, team_id=team_id, title=f"Objective {o}")
        for o in range(max(1, -(-count // KRS_PER_OBJECTIVE)))
    ]
    session.add_all(objectives)
    session.flush()
    krs = [
        KeyResult(
            objective_id=objectives[k // KRS_PER_OBJECTIVE].id or 0,
            owner_id=owners[k % len(owners)],
            title=f"Key result {k} of {team_name}",
            start_value=0,
            target_value=100,
            unit="points",
        )
        for k in range(count)
    ]
    session.add_all(krs)
    session.flush()
    return krs


def _history(kr: KeyResult, shape: Shape, rng: random.Random) -> list[dict[str, object]]:
    """One check-in a week, a value that grows and a confidence that wanders by up to 2."""
    start = shape.cycle[1]
    rows: list[dict[str, object]] = []
    value, confidence = 0.0, rng.randint(max(5, shape.min_confidence), 9)
    for week in range(shape.weeks):
        monday = start + timedelta(weeks=week)
        value += rng.uniform(0, 12)
        confidence = min(10, max(shape.min_confidence, confidence + rng.randint(-2, 2)))
        stamp = shape.stamped_at or datetime.combine(monday, time(12), tzinfo=UTC)
        rows.append(
            {
                "key_result_id": kr.id,
                "author_id": kr.owner_id,
                "period": period_key(monday),
                "value": round(value, 1),
                "confidence": confidence,
                "note": "On it" if rng.random() < 0.2 else None,
                "blocker": "Waiting on data" if rng.random() < 0.05 else None,
                "created_at": stamp,
            }
        )
    return rows
