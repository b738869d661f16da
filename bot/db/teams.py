"""Queries on teams: which team sets a member's check-in cadence."""

from sqlmodel import Session, col, func, select

from bot.db.models import KeyResult, Objective, Team


def primary_teams(session: Session, member_ids: list[int]) -> dict[int, Team]:
    """Each member's team with the most of their unarchived KRs (ties: the oldest team)."""
    if not member_ids:
        return {}
    rows = session.exec(
        select(KeyResult.owner_id, Objective.team_id, func.count())
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .where(col(KeyResult.owner_id).in_(member_ids), col(KeyResult.archived_at).is_(None))
        .group_by(col(KeyResult.owner_id), col(Objective.team_id))
    ).all()
    best: dict[int, tuple[int, int]] = {}
    for owner_id, team_id, count in rows:
        current = best.get(owner_id)
        if current is None or (count, -team_id) > (current[1], -current[0]):
            best[owner_id] = (team_id, count)
    team_ids = {team_id for team_id, _ in best.values()}
    teams = {t.id: t for t in session.exec(select(Team).where(col(Team.id).in_(team_ids))).all()}
    return {owner: teams[team_id] for owner, (team_id, _) in best.items()}
