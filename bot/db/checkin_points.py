"""The latest check-ins of many key results in one statement, as plain rows."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, true
from sqlalchemy import select as sql_select
from sqlalchemy.orm import Mapped, aliased
from sqlmodel import Session, col

from bot.db.models import CheckIn, KeyResult


@dataclass(frozen=True)
class CheckinPoint:
    """One check-in as readers need it; plain rows load far faster than ORM objects."""

    key_result_id: int
    period: str
    value: float
    confidence: int
    note: str | None
    blocker: str | None
    source: str | None = None  # set when the value came from the key result's source
    created_at: datetime | None = field(default=None, compare=False)  # when it was recorded


POINT_FIELDS = tuple(field.name for field in fields(CheckinPoint))
POINT_COLUMNS = tuple(col(getattr(CheckIn, name)) for name in POINT_FIELDS)
KRIds = Collection[int] | Select[Any]


def latest_checkins(
    session: Session,
    kr_ids: KRIds,
    per_kr: int,
    *,
    up_to: str | None = None,
    before: str | None = None,
) -> dict[int, list[CheckinPoint]]:
    """Each KR's latest `per_kr` check-ins (up to or before a period), newest first.

    One statement whose work does not grow with history: per KR, the database walks the
    (key result, period) index backwards and stops after `per_kr` rows. A window function
    (ROW_NUMBER() OVER …) would rank every check-in of every KR first: at 26 weeks that made
    App Home three times slower than at one. `kr_ids` is a list or a query of ids."""
    found: dict[int, list[CheckinPoint]] = defaultdict(list)
    if not isinstance(kr_ids, Select) and not kr_ids:
        return found
    periods = _periods(col(CheckIn.period), up_to, before)
    if session.get_bind().dialect.name == "postgresql":
        statement = _lateral(kr_ids, per_kr, periods)
    else:
        statement = _from_threshold(kr_ids, per_kr, up_to, before)
    for row in session.execute(statement):
        found[row.key_result_id].append(CheckinPoint(*row))
    return found


def _periods(period: Mapped[str], up_to: str | None, before: str | None) -> ColumnElement[bool]:
    limits = [period <= up_to] if up_to is not None else []
    limits += [period < before] if before is not None else []
    return and_(true(), *limits)


def _lateral(kr_ids: KRIds, per_kr: int, periods: ColumnElement[bool]) -> Select[Any]:
    """PostgreSQL: for each KR, a LIMIT-ed index scan joined LATERAL."""
    newest = (
        sql_select(*POINT_COLUMNS)
        .where(col(CheckIn.key_result_id) == KeyResult.id, periods)
        .order_by(col(CheckIn.period).desc())
        .limit(per_kr)
        .lateral()
    )
    return (
        sql_select(*(newest.c[name] for name in POINT_FIELDS))
        .select_from(KeyResult)
        .join(newest, true())
        .where(col(KeyResult.id).in_(kr_ids))
        .order_by(newest.c.key_result_id, newest.c.period.desc())
    )


def _from_threshold(
    kr_ids: KRIds, per_kr: int, up_to: str | None, before: str | None
) -> Select[Any]:
    """SQLite has no LATERAL: per KR, the index finds the `per_kr`-th newest period, and the
    check-ins from that period on (one per period, by the unique key) are the ones wanted."""
    earlier = aliased(CheckIn)
    earlier_period = col(earlier.period)
    nth_newest = (
        sql_select(earlier_period)
        .where(col(earlier.key_result_id) == KeyResult.id)
        .where(_periods(earlier_period, up_to, before))
        .order_by(earlier_period.desc())
        .limit(1)
        .offset(per_kr - 1)
        .correlate(KeyResult)
        .scalar_subquery()
    )
    period = col(CheckIn.period)
    joined = and_(
        col(CheckIn.key_result_id) == KeyResult.id,
        period >= func.coalesce(nth_newest, ""),
        _periods(period, up_to, before),
    )
    return (
        sql_select(*POINT_COLUMNS)
        .select_from(KeyResult)
        .join(CheckIn, joined)
        .where(col(KeyResult.id).in_(kr_ids))
        .order_by(col(CheckIn.key_result_id), period.desc())
    )
