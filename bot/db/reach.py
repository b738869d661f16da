"""What decides whether members may be nudged: holiday regions and their latest check-ins."""

from collections import defaultdict
from datetime import date, timedelta

from sqlmodel import Session, col, func, select

from bot.db.models import CheckIn, Cycle, KeyResult, Member, Objective
from bot.db.teams import primary_teams
from bot.db.workspace import workspace_settings
from bot.domain.reach import KRUpdate


def holiday_regions(session: Session, member_ids: list[int]) -> dict[int, str | None]:
    """Each member's holiday region: their own, else their primary team's, else the workspace's."""
    if not member_ids:
        return {}
    own = dict(
        session.exec(select(Member.id, Member.holidays).where(col(Member.id).in_(member_ids))).all()
    )
    teams = primary_teams(session, member_ids)
    fallback = workspace_settings(session).holidays
    return {
        member_id: own.get(member_id)
        or (teams[member_id].holidays if member_id in teams else None)
        or fallback
        for member_id in member_ids
    }


def kr_updates(session: Session, member_ids: list[int], around: date) -> dict[int, list[KRUpdate]]:
    """Each member's owned, unarchived KRs in cycles open within a day of `around`, with the
    time of their latest stored check-in (however it was made)."""
    if not member_ids:
        return {}
    latest = (
        select(func.max(CheckIn.created_at))
        .where(col(CheckIn.key_result_id) == KeyResult.id)
        .correlate(KeyResult)
        .scalar_subquery()
    )
    rows = session.exec(
        select(col(KeyResult.owner_id), col(Cycle.start_date), col(Cycle.end_date), latest)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(col(KeyResult.owner_id).in_(member_ids), col(KeyResult.archived_at).is_(None))
        .where(Cycle.start_date <= around + timedelta(days=1))
        .where(Cycle.end_date >= around - timedelta(days=1))
    ).all()
    found: dict[int, list[KRUpdate]] = defaultdict(list)
    for owner_id, start, end, when in rows:
        found[owner_id].append(KRUpdate(start, end, when))
    return dict(found)
