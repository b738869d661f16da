"""Hypotheses of key results, and the objective or key result a tree starts from."""

from sqlmodel import Session, col, select

from bot.db.models import Cycle, Hypothesis, KeyResult, Objective


def hypotheses_of(session: Session, kr_ids: list[int]) -> list[Hypothesis]:
    if not kr_ids:
        return []
    return list(
        session.exec(
            select(Hypothesis)
            .where(col(Hypothesis.key_result_id).in_(kr_ids))
            .order_by(col(Hypothesis.id))
        ).all()
    )


def objective_key_results(session: Session, objective_id: int) -> list[KeyResult]:
    return list(
        session.exec(
            select(KeyResult)
            .where(KeyResult.objective_id == objective_id, col(KeyResult.archived_at).is_(None))
            .order_by(col(KeyResult.id))
        ).all()
    )


def objective_with_cycle(session: Session, objective_id: int) -> tuple[Objective, Cycle] | None:
    row = session.exec(
        select(Objective, Cycle)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(Objective.id == objective_id)
    ).first()
    return None if row is None else (row[0], row[1])


def hypothesis_by_id(session: Session, hypothesis_id: int) -> Hypothesis | None:
    return session.get(Hypothesis, hypothesis_id)


def add_hypothesis(session: Session, hypothesis: Hypothesis) -> None:
    session.add(hypothesis)
    session.flush()
