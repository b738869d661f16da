"""What the prompt planning reads, as plain rows: owners by the page, and a sign of change."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, literal, select, union_all
from sqlmodel import Session, col

from bot.db.models import Cycle, KeyResult, Member, Objective, Prompt, Team, WorkspaceSettings
from bot.domain.prompting import OPEN_STATUSES, Ownership

# Tables whose rows decide who is owed a prompt or a reminder, and when.
_WATCHED: tuple[Any, ...] = (Member, Team, WorkspaceSettings, Cycle, Objective, KeyResult)


@dataclass(frozen=True)
class OwnerRow:
    """The member columns a plan needs, read without building ORM objects."""

    id: int
    slack_user_id: str
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


def owner_page(
    session: Session, around: date, after_id: int, limit: int
) -> list[tuple[OwnerRow, list[Ownership]]]:
    """Up to `limit` members with ids above `after_id`, in id order, owning a KR in a cycle open
    within a day of `around` (zones differ by a day), with each such KR's cycle and since when
    they have owned it."""
    ids = (
        _active(select(col(KeyResult.owner_id)), around)
        .where(col(KeyResult.owner_id) > after_id)
        .distinct()
        .order_by(col(KeyResult.owner_id))
        .limit(limit)
    )
    rows = session.execute(
        _active(
            select(
                *_OWNER_COLUMNS,
                col(Cycle.start_date),
                col(Cycle.end_date),
                col(KeyResult.owner_since),
            )
            .select_from(KeyResult)
            .join(Member, col(Member.id) == KeyResult.owner_id),
            around,
        )
        .where(col(KeyResult.owner_id).in_(ids.scalar_subquery()))
        .order_by(col(Member.id))
    ).all()
    width = len(_OWNER_COLUMNS)
    owners: dict[int, tuple[OwnerRow, list[Ownership]]] = {}
    for row in rows:
        entry = owners.setdefault(row[0], (OwnerRow(*row[:width]), []))
        entry[1].append(Ownership(*row[width:]))
    return list(owners.values())


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
