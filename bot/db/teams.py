"""Teams: by name or channel, who leads them, a member's teams, and which sets their cadence."""

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from bot.db.models import KeyResult, Objective, Team, TeamMember
from bot.db.prompt_planning import Owners


def primary_teams(session: Session, member_ids: list[int]) -> dict[int, Team]:
    """Each member's team with the most of their unarchived KRs (ties: the oldest team)."""
    if not member_ids:
        return {}
    best = _primary_team_ids(session, col(KeyResult.owner_id).in_(member_ids))
    team_ids = set(best.values())
    teams = {t.id: t for t in session.exec(select(Team).where(col(Team.id).in_(team_ids))).all()}
    return {owner: teams[team_id] for owner, team_id in best.items()}


def primary_team_ids(session: Session, owners: Owners) -> dict[int, int]:
    """The same for these owners, as plain member → team ids."""
    return _primary_team_ids(session, owners.where(KeyResult.owner_id))


def _primary_team_ids(session: Session, owners: ColumnElement[bool]) -> dict[int, int]:
    rows = session.exec(
        select(KeyResult.owner_id, Objective.team_id, func.count())
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .where(owners, col(KeyResult.archived_at).is_(None))
        .group_by(col(KeyResult.owner_id), col(Objective.team_id))
    ).all()
    best: dict[int, tuple[int, int]] = {}
    for owner_id, team_id, count in rows:
        current = best.get(owner_id)
        if current is None or (count, -team_id) > (current[1], -current[0]):
            best[owner_id] = (team_id, count)
    return {owner: team_id for owner, (team_id, _) in best.items()}


def all_teams(session: Session) -> list[Team]:
    return list(session.exec(select(Team).order_by(col(Team.id))).all())


def find_team(session: Session, name: str) -> Team | None:
    """The team named so, ignoring case and surrounding spaces."""
    wanted = name.strip().lower()
    return session.exec(select(Team).where(func.lower(Team.name) == wanted)).first()


def is_lead(session: Session, member_id: int, team_id: int) -> bool:
    row = session.get(TeamMember, (team_id, member_id))
    return row is not None and row.is_lead


def led_team_ids(session: Session, member_id: int) -> set[int]:
    rows = session.exec(
        select(TeamMember.team_id).where(
            TeamMember.member_id == member_id, col(TeamMember.is_lead).is_(True)
        )
    ).all()
    return set(rows)


def teams_of_member(session: Session, member_id: int, cycle_id: int | None) -> list[int]:
    """Team ids the member leads, then belongs to, then owns key results in (in the cycle)."""
    memberships = session.exec(
        select(TeamMember.team_id, TeamMember.is_lead)
        .where(TeamMember.member_id == member_id)
        .order_by(col(TeamMember.is_lead).desc(), col(TeamMember.team_id))
    ).all()
    found = [team_id for team_id, _ in memberships]
    if cycle_id is not None:
        owned = session.exec(
            select(Objective.team_id)
            .join(KeyResult, col(KeyResult.objective_id) == Objective.id)
            .where(KeyResult.owner_id == member_id, Objective.cycle_id == cycle_id)
            .distinct()
            .order_by(col(Objective.team_id))
        ).all()
        found += [team_id for team_id in owned if team_id not in found]
    return found


def find_team_by_channel(session: Session, channel_id: str) -> Team | None:
    return session.exec(
        select(Team).where(Team.channel_id == channel_id).order_by(col(Team.id))
    ).first()


def teams_by_id(session: Session, team_ids: set[int]) -> dict[int, Team]:
    if not team_ids:
        return {}
    rows = session.exec(select(Team).where(col(Team.id).in_(team_ids))).all()
    return {team.id: team for team in rows if team.id is not None}


def cycle_teams(session: Session, cycle_id: int) -> list[Team]:
    """Teams with objectives in the cycle, by id."""
    with_objectives = select(Objective.team_id).where(Objective.cycle_id == cycle_id)
    return list(
        session.exec(
            select(Team).where(col(Team.id).in_(with_objectives)).order_by(col(Team.id))
        ).all()
    )


def team_by_id(session: Session, team_id: int) -> Team | None:
    return session.get(Team, team_id)


def load_team(session: Session, team_id: int) -> Team:
    """The team, which must exist."""
    return session.get_one(Team, team_id)


def add_team(session: Session, team: Team) -> int:
    """Add the team and return its new id."""
    session.add(team)
    session.flush()
    assert team.id is not None
    return team.id
