"""The learnings library: find learnings by words in the learning, its KR and its objective."""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, literal, or_
from sqlmodel import Session, col, select

from bot.db.models import Cycle, KeyResult, Learning, Objective


@dataclass(frozen=True)
class LearningRow:
    learning: Learning
    key_result: KeyResult
    objective: Objective
    cycle: Cycle


def search_learnings(
    session: Session, words: list[str], *, match_all: bool = True, limit: int = 20
) -> list[LearningRow]:
    """Newest first. `match_all` wants every word; otherwise the most words matched rank first."""
    matches = [_mentions(word) for word in words]
    query = (
        select(Learning, KeyResult, Objective, Cycle)
        .join(KeyResult, col(KeyResult.id) == Learning.key_result_id)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
    )
    if matches and match_all:
        query = query.where(and_(*matches))
    elif matches:
        score = sum((case((match, 1), else_=0) for match in matches), literal(0))
        query = query.where(or_(*matches)).order_by(score.desc())
    rows = session.exec(
        query.order_by(col(Learning.created_at).desc(), col(Learning.id).desc()).limit(limit)
    ).all()
    return [LearningRow(*row) for row in rows]


def _mentions(word: str) -> ColumnElement[bool]:
    # LIKE with escaped wildcards behaves alike on SQLite and PostgreSQL; lower() on both sides.
    pattern = "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(
        func.lower(Learning.text).like(pattern, escape="\\"),
        func.lower(KeyResult.title).like(pattern, escape="\\"),
        func.lower(Objective.title).like(pattern, escape="\\"),
    )


def add_learning(session: Session, learning: Learning) -> None:
    session.add(learning)
    session.flush()
