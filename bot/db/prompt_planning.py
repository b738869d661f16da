"""What the prompt planning reads, as plain rows: owners by the page, and a sign of change."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, literal, null, select, type_coerce, union_all
from sqlmodel import Session, col

from bot.db.models import Cycle, KeyResult, Member, Objective, Prompt, Team, WorkspaceSettings
from bot.db.models.columns import UTCDateTime
from bot.domain.prompting import OPEN_STATUSES, Ownership

# Tables whose rows decide who is owed a prompt or a reminder, and when.
_WATCHED: tuple[Any, ...] = (Member, Team, WorkspaceSettings, Cycle, Objective, KeyResult)


@dataclass(frozen=True)
class OwnerRow:
    """The member columns a plan needs, read without building ORM objects."""

    id: int
    slack_user_id: str
    dm_channel_id: str | None
    timezone: str | None
    profile_fetched_at: datetime | None
    deactivated: bool
    away_until: date | None
    holidays: str | None
    prompt_weekday: int | None
    prompt_at: time | None
    reminders_off: bool
    status_away: bool
    status_away_until: datetime | None


_OWNER_COLUMNS: tuple[Any, ...] = tuple(
    col(getattr(Member, name)) for name in OwnerRow.__dataclass_fields__
)


def owner_ids(session: Session, around: date) -> list[int]:
    """Members owning a KR in a cycle open within a day of `around` (zones differ by a day),
    in id order: the planning's pages are cut from this list."""
    return list(
        session.execute(
            _active(select(col(KeyResult.owner_id)), around)
            .distinct()
            .order_by(col(KeyResult.owner_id))
        ).scalars()
    )


def owner_page(
    session: Session, around: date, first: int, last: int
) -> list[tuple[OwnerRow, list[Ownership]]]:
    """The owners from id `first` to `last` (a slice of `owner_ids`) in id order, each with
    their KRs' cycles open within a day of `around` and, per cycle, since when they have owned
    one (the earliest: a plan wants no later). A member's columns are read once, not per KR."""
    owners = col(KeyResult.owner_id).between(first, last)
    owned = session.execute(
        _active(select(col(KeyResult.owner_id), *_CYCLE_DAYS, _EARLIEST), around)
        .where(owners)
        .group_by(col(KeyResult.owner_id), *_CYCLE_DAYS)
    ).all()
    krs: dict[int, list[Ownership]] = {}
    for owner_id, *ownership in owned:
        krs.setdefault(owner_id, []).append(Ownership(*ownership))
    active = _active(select(col(KeyResult.owner_id)), around).where(owners)
    members = session.execute(
        select(*_OWNER_COLUMNS).where(col(Member.id).in_(active)).order_by(col(Member.id))
    ).all()
    # On PostgreSQL each statement reads its own snapshot: an owner made between the two is
    # planned at the next tick, not half-read in this one.
    return [(OwnerRow(*row), krs[row[0]]) for row in members if row[0] in krs]


_CYCLE_DAYS = (col(Cycle.start_date), col(Cycle.end_date))
# NULL (owned since before this was recorded) is the earliest of all, which MIN would skip.
_EARLIEST = type_coerce(
    case(
        (func.count() > func.count(col(KeyResult.owner_since)), null()),
        else_=func.min(col(KeyResult.owner_since)),
    ),
    UTCDateTime(),
)


def _active(statement: Any, around: date) -> Any:
    """Only unarchived KRs in cycles open within a day of `around`."""
    return (
        statement.join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(col(KeyResult.archived_at).is_(None))
        .where(col(Cycle.start_date) <= around + timedelta(days=1))
        .where(col(Cycle.end_date) >= around - timedelta(days=1))
    )


def plan_fingerprint(session: Session) -> tuple[tuple[Any, ...], ...]:
    """Per watched table its row count, highest id and sum of revisions; for prompts, those
    of the open ones (a closed prompt is never due again) and the highest id of all. Equal
    fingerprints: no row a plan reads was inserted, updated or deleted in between."""
    parts = [
        select(literal(n), func.count(), func.max(model.id), func.sum(model.revision))
        for n, model in enumerate(_WATCHED)
    ]
    newest_prompt = select(func.max(Prompt.id)).scalar_subquery()
    parts.append(
        select(
            literal(len(_WATCHED)), func.count(), newest_prompt, func.sum(Prompt.revision)
        ).where(col(Prompt.status).in_(OPEN_STATUSES))
    )
    rows = session.execute(union_all(*parts)).all()
    return tuple(sorted(tuple(row) for row in rows))


def owner_row(member: Member) -> OwnerRow:
    """The same row from a loaded member (one whose profile was just stored)."""
    return OwnerRow(*(getattr(member, name) for name in OwnerRow.__dataclass_fields__))
