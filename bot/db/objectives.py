"""Objectives and key results by id, and adding them."""

from sqlmodel import Session

from bot.db.models import KeyResult, Objective


def objective_by_id(session: Session, objective_id: int) -> Objective | None:
    return session.get(Objective, objective_id)


def objective_of(session: Session, kr: KeyResult) -> Objective:
    """The key result's objective, which always exists."""
    return session.get_one(Objective, kr.objective_id)


def add_objective(session: Session, objective: Objective) -> int:
    """Add the objective and return its new id."""
    session.add(objective)
    session.flush()
    assert objective.id is not None
    return objective.id


def save_key_result(session: Session, kr: KeyResult) -> int:
    """Add or update the key result and return its id."""
    session.add(kr)
    session.flush()
    assert kr.id is not None
    return kr.id
