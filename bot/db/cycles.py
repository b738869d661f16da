"""Cycles: find one, and the key results a closing cycle must score."""

from sqlmodel import Session, col, select

from bot.db.models import Cycle, KeyResult, Objective


def find_cycle_by_id(session: Session, cycle_id: int) -> Cycle | None:
    return session.get(Cycle, cycle_id)


def cycle_key_results(session: Session, cycle_id: int) -> list[KeyResult]:
    """The cycle's unarchived key results, locked for update where the database can."""
    return list(
        session.exec(
            select(KeyResult)
            .join(Objective, col(Objective.id) == KeyResult.objective_id)
            .where(Objective.cycle_id == cycle_id, col(KeyResult.archived_at).is_(None))
            .order_by(col(KeyResult.id))
            .with_for_update(of=KeyResult)
        ).all()
    )
