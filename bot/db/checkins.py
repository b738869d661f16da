"""Queries on key results as their owners see them, and on their check-ins."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, func, or_, select

from bot.db.dialect import insert_if_absent
from bot.db.models import (
    CheckIn,
    CheckInVersion,
    Cycle,
    KeyResult,
    KRContributor,
    Member,
    Objective,
)


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


def find_key_result(session: Session, kr_id: int) -> KeyResult | None:
    return session.get(KeyResult, kr_id)


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
    """Record the period's check-in for a KR; an earlier answer is kept as a version."""
    answer = {
        "author_id": author_id,
        "value": value,
        "confidence": confidence,
        "note": note,
        "blocker": blocker,
        "created_at": now,
        "source": None,  # a person's answer, even over a value from the source
    }
    existing = _checkin_for_update(session, key_result_id, period)
    if existing is None:
        if _insert_first_answer(session, key_result_id, period, answer):
            return
        # Someone answered the same period a moment ago: theirs becomes the earlier version.
        existing = _checkin_for_update(session, key_result_id, period)
        assert existing is not None
    _keep_as_version(session, existing)
    for name, new_value in answer.items():
        setattr(existing, name, new_value)


def _insert_first_answer(
    session: Session, key_result_id: int, period: str, answer: Mapping[str, object]
) -> bool:
    """Insert the period's first check-in; False when another answer got there first."""
    row = {"key_result_id": key_result_id, "period": period, **answer}
    unique = ["key_result_id", "period"]
    return (
        insert_if_absent(session, CheckIn, row, unique=unique, returning=col(CheckIn.id))
        is not None
    )


def _keep_as_version(session: Session, existing: CheckIn) -> None:
    """Copy the answer about to be replaced into the check-in's versions."""
    assert existing.id is not None
    session.add(
        CheckInVersion(
            check_in_id=existing.id,
            author_id=existing.author_id,
            value=existing.value,
            confidence=existing.confidence,
            note=existing.note,
            blocker=existing.blocker,
            created_at=existing.created_at,
        )
    )


def _checkin_for_update(session: Session, key_result_id: int, period: str) -> CheckIn | None:
    return session.exec(
        select(CheckIn)
        .where(CheckIn.key_result_id == key_result_id, CheckIn.period == period)
        .with_for_update()
    ).first()


def checkin_history(
    session: Session, key_result_id: int, limit: int = 8
) -> list[tuple[CheckIn, Member, int]]:
    """The KR's latest check-ins, newest first, with their author and count of earlier versions."""
    versions = (
        select(func.count())
        .where(col(CheckInVersion.check_in_id) == CheckIn.id)
        .correlate(CheckIn)
        .scalar_subquery()
    )
    rows = session.exec(
        select(CheckIn, Member, versions)
        .join(Member, col(Member.id) == CheckIn.author_id)
        .where(CheckIn.key_result_id == key_result_id)
        .order_by(col(CheckIn.period).desc())
        .limit(limit)
    ).all()
    return [(checkin, author, int(count)) for checkin, author, count in rows]


def key_result_rows(session: Session, kr_ids: list[int], member_id: int) -> list[KRRow]:
    """These unarchived KRs with their objective and cycle, whoever owns them."""
    if not kr_ids:
        return []
    rows = session.exec(
        select(KeyResult, Objective, Cycle)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(col(KeyResult.id).in_(kr_ids), col(KeyResult.archived_at).is_(None))
        .order_by(col(Objective.id), col(KeyResult.id))
    ).all()
    return [KRRow(kr, objective, cycle, kr.owner_id == member_id) for kr, objective, cycle in rows]
