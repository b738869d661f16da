"""Queries for drafting and editing objectives and key results."""

from collections.abc import Collection

from sqlmodel import Session, col, func, select

from bot.db.models import KeyResult, KRContributor, Member, Objective


def cycle_alignment(session: Session, cycle_id: int) -> list[tuple[int, int]]:
    """(objective id, parent id) of each of the cycle's objectives that has a parent."""
    query = select(Objective.id, Objective.parent_id).where(
        Objective.cycle_id == cycle_id, col(Objective.parent_id).is_not(None)
    )
    return [(child, parent) for child, parent in session.exec(query) if child and parent]


def objective_title_taken(
    session: Session, cycle_id: int, team_id: int, title: str, except_id: int | None = None
) -> bool:
    query = select(Objective.id).where(
        Objective.cycle_id == cycle_id, Objective.team_id == team_id, Objective.title == title
    )
    if except_id is not None:
        query = query.where(Objective.id != except_id)
    return session.exec(query).first() is not None


def key_result_title_taken(
    session: Session, objective_id: int, title: str, except_id: int | None = None
) -> bool:
    query = select(KeyResult.id).where(
        KeyResult.objective_id == objective_id, KeyResult.title == title
    )
    if except_id is not None:
        query = query.where(KeyResult.id != except_id)
    return session.exec(query).first() is not None


def active_key_result_count(session: Session, objective_id: int) -> int:
    query = select(func.count()).where(
        KeyResult.objective_id == objective_id, col(KeyResult.archived_at).is_(None)
    )
    return int(session.exec(query).one())


def slack_ids(session: Session, member_ids: Collection[int]) -> dict[int, str]:
    if not member_ids:
        return {}
    query = select(Member.id, Member.slack_user_id).where(col(Member.id).in_(set(member_ids)))
    return {member_id: slack_id for member_id, slack_id in session.exec(query) if member_id}


def contributor_ids(session: Session, kr_id: int) -> set[int]:
    return set(contributor_ids_in_order(session, kr_id))


def contributor_ids_in_order(session: Session, kr_id: int) -> list[int]:
    query = select(KRContributor.member_id).where(KRContributor.key_result_id == kr_id)
    return list(session.exec(query.order_by(col(KRContributor.member_id))).all())


def set_contributors(session: Session, kr_id: int, wanted: Collection[int]) -> None:
    """Make the key result's contributors exactly `wanted`."""
    query = select(KRContributor).where(KRContributor.key_result_id == kr_id)
    existing = {row.member_id: row for row in session.exec(query).all()}
    for member_id in existing.keys() - set(wanted):
        session.delete(existing[member_id])
    for member_id in set(wanted) - existing.keys():
        session.add(KRContributor(key_result_id=kr_id, member_id=member_id))
    session.flush()


def parent_chain_has(session: Session, start_id: int | None, wanted_id: int) -> bool:
    """Whether `wanted_id` is `start_id` or one of its ancestors: a loop in alignment."""
    seen: set[int] = set()
    current = start_id
    while current is not None and current not in seen:
        if current == wanted_id:
            return True
        seen.add(current)
        parent = session.get(Objective, current)
        current = parent.parent_id if parent is not None else None
    return False
