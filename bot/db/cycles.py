"""Cycles: the one running today, finding and listing them, and what a closing cycle scores."""

from datetime import date, datetime

from sqlmodel import Session, col, func, select

from bot.db.models import Cycle, KeyResult, Objective


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


def open_cycle(session: Session, today: date) -> Cycle | None:
    """The cycle running on `today`; of overlapping ones, the one that started last."""
    return session.exec(
        select(Cycle)
        .where(Cycle.start_date <= today, Cycle.end_date >= today)
        .order_by(col(Cycle.start_date).desc(), col(Cycle.id).desc())
    ).first()


def find_cycle_named(session: Session, name: str) -> Cycle | None:
    """The cycle named so, ignoring case."""
    wanted = name.strip().lower()
    return session.exec(select(Cycle).where(func.lower(Cycle.name) == wanted)).first()


def all_cycles(session: Session) -> list[Cycle]:
    return list(session.exec(select(Cycle).order_by(col(Cycle.start_date).desc())).all())


def open_cycles(session: Session) -> list[Cycle]:
    """Cycles not yet closed, oldest first."""
    query = select(Cycle).where(col(Cycle.closed_at).is_(None))
    return list(session.exec(query.order_by(col(Cycle.start_date), col(Cycle.id))).all())


def find_cycle(session: Session, name: str) -> Cycle | None:
    return session.exec(select(Cycle).where(Cycle.name == name)).first()


def latest_cycle(session: Session) -> Cycle | None:
    """The cycle that starts last."""
    newest_first = select(Cycle).order_by(col(Cycle.start_date).desc(), col(Cycle.id).desc())
    return session.exec(newest_first).first()


def cycle_names(session: Session) -> list[str]:
    """Every cycle's name, oldest first."""
    in_order = select(Cycle.name).order_by(col(Cycle.start_date), col(Cycle.id))
    return list(session.exec(in_order).all())


def recently_closed_cycles(session: Session, since: datetime) -> list[Cycle]:
    return list(
        session.exec(
            select(Cycle).where(col(Cycle.closed_at) >= since).order_by(col(Cycle.id))
        ).all()
    )


def cycle_by_id(session: Session, cycle_id: int) -> Cycle | None:
    return session.get(Cycle, cycle_id)


def load_cycle(session: Session, cycle_id: int) -> Cycle:
    """The cycle, which must exist."""
    return session.get_one(Cycle, cycle_id)


def add_cycle(session: Session, cycle: Cycle) -> int:
    """Add the cycle and return its new id."""
    session.add(cycle)
    session.flush()
    assert cycle.id is not None
    return cycle.id
