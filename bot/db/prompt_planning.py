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
    session: Session, around: date, member_ids: list[int]
) -> list[tuple[OwnerRow, list[Ownership]]]:
    """These owners in id order, each with their KRs' cycles open within a day of `around`
    and since when they have owned each. A member's columns are read once, not once per KR."""
    owned = session.execute(
        _active(
            select(
                col(KeyResult.owner_id),
                col(Cycle.start_date),
                col(Cycle.end_date),
                col(KeyResult.owner_since),
            ),
            around,
        ).where(col(KeyResult.owner_id).in_(member_ids))
    ).all()
    krs: dict[int, list[Ownership]] = {}
    for owner_id, *ownership in owned:
        krs.setdefault(owner_id, []).append(Ownership(*ownership))
    members = session.execute(
        select(*_OWNER_COLUMNS).where(col(Member.id).in_(list(krs))).order_by(col(Member.id))
    ).all()
    return [(OwnerRow(*row), krs[row[0]]) for row in members]


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
