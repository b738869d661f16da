"""A generated workspace: teams with objectives, KRs and weeks of check-ins, written in bulk."""

import argparse
import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

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
class TeamOwners:
    team_id: int
    name: str
    member_ids: list[int]


def build_workspace(
    database: Database,
    krs_per_team: Sequence[int],
    weeks: int = 13,
    seed: int = 7,
    *,
    dates: tuple[str, date, date] = CYCLE,
    owners_per_team: int = OWNERS_PER_TEAM,
    team_prefix: str = "Team",
    min_confidence: int = 0,
    stamped_weekly: bool = False,
) -> list[str]:
    """One team per entry of `krs_per_team`, each with that many KRs and `owners_per_team`
    people, and check-ins for the cycle's first `weeks` weeks; returns the team names.

    `min_confidence` 4 keeps every KR out of the red, so that no retro is due; with
    `stamped_weekly` each check-in is stamped noon UTC of its own week, else DIGEST_NOW."""
    rng = random.Random(seed)
    name, start, end = dates
    days = [start + timedelta(weeks=week) for week in range(weeks)]
    periods = [(period_key(day), _stamp(day) if stamped_weekly else DIGEST_NOW) for day in days]
    names = [f"{team_prefix} {index:03d}" for index in range(len(krs_per_team))]
    with database.transaction() as session:
        cycle = Cycle(name=name, start_date=start, end_date=end)
        session.add(cycle)
        session.flush()
        assert cycle.id is not None
        for index, (team_name, kr_count) in enumerate(zip(names, krs_per_team, strict=True)):
            owners = _add_team(session, index, team_name, owners_per_team)
            krs = _add_key_results(session, cycle.id, owners, kr_count)
            rows = _checkin_rows(krs, periods, rng, min_confidence)
            if rows:
                session.execute(insert(CheckIn), rows)
    return names


def _add_team(session: Session, index: int, team_name: str, people_count: int) -> TeamOwners:
    """The team and its people, the first of them its lead."""
    team = Team(name=team_name, channel_id=f"C{index:09d}")
    people = [Member(slack_user_id=f"U{index:04d}{p:05d}") for p in range(people_count)]
    session.add_all([team, *people])
    session.flush()
    assert team.id is not None
    ids = [person.id for person in people if person.id is not None]
    session.add_all(
        TeamMember(team_id=team.id, member_id=member_id, is_lead=p == 0)
        for p, member_id in enumerate(ids)
    )
    return TeamOwners(team.id, team_name, ids)


def _add_key_results(
    session: Session, cycle_id: int, team: TeamOwners, kr_count: int
) -> list[KeyResult]:
    """`kr_count` KRs, KRS_PER_OBJECTIVE to an objective, owned by the team's people in turn."""
    objectives = [
        Objective(cycle_id=cycle_id, team_id=team.team_id, title=f"Objective {o}")
        for o in range(max(1, -(-kr_count // KRS_PER_OBJECTIVE)))
    ]
    session.add_all(objectives)
    session.flush()
    krs = [
        KeyResult(
            objective_id=objectives[k // KRS_PER_OBJECTIVE].id or 0,
            owner_id=team.member_ids[k % len(team.member_ids)],
            title=f"Key result {k} of {team.name}",
            start_value=0,
            target_value=100,
            unit="points",
        )
        for k in range(kr_count)
    ]
    session.add_all(krs)
    session.flush()
    return krs


def _checkin_rows(
    krs: list[KeyResult],
    periods: list[tuple[str, datetime]],
    rng: random.Random,
    min_confidence: int,
) -> list[dict[str, object]]:
    """Each KR's check-ins, week after week, its value climbing and its confidence wandering."""
    rows: list[dict[str, object]] = []
    for kr in krs:
        value, confidence = 0.0, rng.randint(max(5, min_confidence), 9)
        for period, stamp in periods:
            value += rng.uniform(0, 12)
            confidence = min(10, max(min_confidence, confidence + rng.randint(-2, 2)))
            rows.append(
                {
                    "key_result_id": kr.id,
                    "author_id": kr.owner_id,
                    "period": period,
                    "value": round(value, 1),
                    "confidence": confidence,
                    "note": "On it" if rng.random() < 0.2 else None,
                    "blocker": "Waiting on data" if rng.random() < 0.05 else None,
                    "created_at": stamp,
                }
            )
    return rows


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


class DigestClock:
    """The benches' clock: always DIGEST_NOW."""

    def now(self) -> datetime:
        return DIGEST_NOW


def run_on_database(description: str | None, run: Callable[[Database], None]) -> None:
    """`run` on the empty database of `--database-url`, else on a temporary SQLite file."""
    parser = argparse.ArgumentParser(description=(description or "").splitlines()[0] or None)
    parser.add_argument("--database-url", help="an empty database (default: a temp SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        database = Database.from_url(url)
        try:
            run(database)
        finally:
            database.dispose()
