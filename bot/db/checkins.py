"""Queries on key results as their owners see them, and on their check-ins."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, or_, select

from bot.db.models import CheckIn, Cycle, KeyResult, KRContributor, Member, Objective


@dataclass(frozen=True)
class KRRow:
    key_result: KeyResult
    objective: Objective
    cycle: Cycle
    is_owner: bool


def active_key_results(
    session: Session, member_id: int, today: date, *, include_contributed: bool = False
) -> list[KRRow]:
    """The member's unarchived KRs in cycles open on `today`, in a stable order."""
    contributed = select(KRContributor.key_result_id).where(KRContributor.member_id == member_id)
    mine = col(KeyResult.owner_id) == member_id
    who = or_(mine, col(KeyResult.id).in_(contributed)) if include_contributed else mine
    rows = session.exec(
        select(KeyResult, Objective, Cycle)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(who, col(KeyResult.archived_at).is_(None))
        .where(Cycle.start_date <= today, Cycle.end_date >= today)
        .order_by(col(Objective.id), col(KeyResult.id))
    ).all()
    return [KRRow(kr, objective, cycle, kr.owner_id == member_id) for kr, objective, cycle in rows]


def owners_with_active_key_results(session: Session, around: date) -> list[Member]:
    """Members owning a KR in a cycle open within a day of `around` (zones differ by a day)."""
    return list(
        session.exec(
            select(Member)
            .join(KeyResult, col(KeyResult.owner_id) == Member.id)
            .join(Objective, col(Objective.id) == KeyResult.objective_id)
            .join(Cycle, col(Cycle.id) == Objective.cycle_id)
            .where(col(KeyResult.archived_at).is_(None))
            .where(Cycle.start_date <= date.fromordinal(around.toordinal() + 1))
            .where(Cycle.end_date >= date.fromordinal(around.toordinal() - 1))
            .distinct()
            .order_by(col(Member.id))
        ).all()
    )


def recent_checkins(
    session: Session, kr_ids: list[int], per_kr: int = 2
) -> dict[int, list[CheckIn]]:
    """Each KR's latest check-ins, newest first (period keys sort chronologically)."""
    found: dict[int, list[CheckIn]] = defaultdict(list)
    if not kr_ids:
        return found
    rows = session.exec(
        select(CheckIn)
        .where(col(CheckIn.key_result_id).in_(kr_ids))
        .order_by(col(CheckIn.key_result_id), col(CheckIn.period).desc())
    ).all()
    for row in rows:
        if len(found[row.key_result_id]) < per_kr:
            found[row.key_result_id].append(row)
    return found


def upsert_checkin(
    session: Session,
    *,
    key_result_id: int,
    author_id: int,
    period: str,
    value: float,
    confidence: int,
    note: str | None,
    blocker: str | None,
    now: datetime,
) -> None:
    """Record the period's check-in for a KR, replacing an earlier one for the same period."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = {
        "author_id": author_id,
        "value": value,
        "confidence": confidence,
        "note": note,
        "blocker": blocker,
        "created_at": now,
    }
    statement = insert(CheckIn).values(key_result_id=key_result_id, period=period, **values)
    session.execute(
        statement.on_conflict_do_update(index_elements=["key_result_id", "period"], set_=values)
    )
