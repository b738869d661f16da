"""Type-ahead lookups for Slack's external selects: rows whose name holds what was typed."""

from collections.abc import Collection

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from bot.db.models import Cycle, Objective, Team
from bot.domain.refs import OBJECTIVE_PREFIX


def _holding(column: Mapped[str], typed: str) -> ColumnElement[bool]:
    """Case-insensitive "contains", with the typed text taken literally (no % or _ magic)."""
    literal = typed.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{literal}%", escape="\\")


def teams_matching(
    session: Session,
    typed: str,
    *,
    limit: int,
    only: Collection[int] | None = None,
    exclude: Collection[int] = (),
) -> list[Team]:
    """Teams by name; `only` keeps those ids (None: any team), `exclude` drops some."""
    query = select(Team).where(_holding(col(Team.name), typed))
    if only is not None:
        query = query.where(col(Team.id).in_(set(only)))
    if exclude:
        query = query.where(col(Team.id).not_in(set(exclude)))
    return list(session.exec(query.order_by(col(Team.name)).limit(limit)).all())


def open_cycles_matching(session: Session, typed: str, *, limit: int) -> list[Cycle]:
    """Cycles not closed yet, oldest first."""
    query = select(Cycle).where(col(Cycle.closed_at).is_(None), _holding(col(Cycle.name), typed))
    query = query.order_by(col(Cycle.start_date), col(Cycle.id))
    return list(session.exec(query.limit(limit)).all())


def objectives_matching(
    session: Session, cycle_id: int, typed: str, *, limit: int, exclude: Collection[int] = ()
) -> list[Objective]:
    """A cycle's objectives whose title holds `typed`, or whose reference is `O-<typed>`."""
    wanted = typed.strip().upper().removeprefix(OBJECTIVE_PREFIX)
    found = _holding(col(Objective.title), typed)
    if wanted.isascii() and wanted.isdigit() and len(wanted) <= 18:
        found = found | (col(Objective.id) == int(wanted))
    query = select(Objective).where(Objective.cycle_id == cycle_id, found)
    if exclude:
        query = query.where(col(Objective.id).not_in(set(exclude)))
    return list(session.exec(query.order_by(col(Objective.id)).limit(limit)).all())
