"""What the prompt planning reads, as plain rows: owners by the page, and signs of change."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, null, or_, select, type_coerce, union_all
from sqlmodel import Session, col

from bot.db.models import Cycle, KeyResult, Member, Objective, Prompt, Team, WorkspaceSettings
from bot.db.models.columns import UTCDateTime
from bot.domain.prompting import OPEN_STATUSES, Ownership

# Tables whose rows decide who is owed a prompt or a reminder, and when.
_WATCHED: tuple[Any, ...] = (Member, Team, WorkspaceSettings, Cycle, Objective, KeyResult)
# A change to the workspace's settings may move anyone's prompt; one to a KR or an objective
# only its owners', as `owner_signatures` tells; to a cycle's dates, only its KRs' owners'; to
# a team, only its owners'; to a member or a prompt, only that member's.
EVERYONE_TABLES = frozenset({WorkspaceSettings.__tablename__})
KEY_RESULT_TABLES = frozenset(model.__tablename__ for model in (Objective, KeyResult))
CYCLE_TABLE = str(Cycle.__tablename__)
MEMBER_TABLE = str(Member.__tablename__)
TEAM_TABLE = str(Team.__tablename__)
PROMPT_TABLE = str(Prompt.__tablename__)


@dataclass(frozen=True, slots=True)  # a workspace's worth is kept between ticks
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


# Past this many ids, a read by list asks for the ids' range instead: on PostgreSQL a long
# IN list costs more to send, parse and plan than the rows in between cost to read.
LISTED_AT_MOST = 100


@dataclass(frozen=True)
class Owners:
    """Whose rows a read is for: every member from id `first` to `last` (a page of everyone),
    or with `only`, just those (whose rows changed or whose moment came). Reads of a long
    list may return others of its range too; `owner_page` returns just those listed."""

    first: int
    last: int
    only: frozenset[int] | None = None

    @classmethod
    def listed(cls, ids: Sequence[int]) -> "Owners":
        return cls(min(ids), max(ids), frozenset(ids))

    def where(self, column: Any) -> ColumnElement[bool]:
        if self.only is None or len(self.only) > LISTED_AT_MOST:
            return col(column).between(self.first, self.last)
        return col(column).in_(sorted(self.only))

    def holds(self, member_id: int) -> bool:
        return self.only is None or member_id in self.only


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
    session: Session, around: date, owners: Owners
) -> list[tuple[OwnerRow, list[Ownership]]]:
    """These owners in id order, each with their KRs' cycles open within a day of `around`
    and, per cycle, since when they have owned one (the earliest: a plan wants no later). One
    statement, a row per owner and cycle: a member's columns, not one per KR."""
    owned = _owned(around, owners).subquery()
    rows = session.execute(
        select(*_OWNER_COLUMNS, owned.c.start_date, owned.c.end_date, owned.c.since)
        .join(owned, owned.c.owner == Member.id)
        .order_by(col(Member.id))
    ).all()
    page: dict[int, tuple[OwnerRow, list[Ownership]]] = {}
    for row in rows:
        if owners.holds(row[0]):
            member = page.setdefault(row[0], (OwnerRow(*row[:_WIDTH]), []))
            member[1].append(Ownership(*row[_WIDTH:]))
    return list(page.values())


def ownerships(session: Session, around: date, owners: Owners) -> dict[int, list[Ownership]]:
    """The same cycles and since-whens alone, by owner: what a cycle's new days change."""
    found: dict[int, list[Ownership]] = {}
    for owner, *ownership in session.execute(_owned(around, owners)).all():
        if owners.holds(owner):
            found.setdefault(owner, []).append(Ownership(*ownership))
    return found


def _owned(around: date, owners: Owners) -> Any:
    """Per owner and cycle open around `around`: the cycle's days and the earliest since."""
    return (
        _active(select(_OWNER.label("owner"), *_CYCLE_DAYS, _EARLIEST.label("since")), around)
        .where(owners.where(KeyResult.owner_id))
        .group_by(_OWNER, *_CYCLE_DAYS)
    )


_OWNER = col(KeyResult.owner_id)
_WIDTH = len(_OWNER_COLUMNS)
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
    return _unarchived(statement).where(_open_around(around))


def _unarchived(statement: Any) -> Any:
    return (
        statement.join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(col(KeyResult.archived_at).is_(None))
    )


def _open_around(around: date) -> ColumnElement[bool]:
    """Cycles open within a day of `around`: zones differ by up to a day."""
    return (col(Cycle.start_date) <= around + timedelta(days=1)) & (
        col(Cycle.end_date) >= around - timedelta(days=1)
    )


def owner_signatures(session: Session, around: date) -> dict[int, int]:
    """Per owner `owner_ids` lists, a number that changes with anything their plan reads of
    their key results: their unarchived KRs (added, edited, moved, archived) and those KRs'
    objectives, and whether their cycles are open (`cycle_dates` tells of a cycle's dates).
    Revisions only grow, so any update changes a sum. Plain integers: one row per owner,
    however long the history."""
    rows = session.execute(
        _unarchived(
            select(
                col(KeyResult.owner_id),
                func.count(),
                func.sum(KeyResult.id),
                func.sum(KeyResult.revision),
                func.sum(Objective.revision),
                func.sum(case((_open_around(around), 1), else_=0)),
            )
        ).group_by(col(KeyResult.owner_id))
    ).all()
    # The primary team counts every unarchived KR; only owners of an open cycle's are planned.
    return {owner: hash(tuple(signs)) for owner, *signs in rows if signs[-1]}


def cycle_dates(session: Session) -> dict[int, tuple[date, date]]:
    """Every cycle's first and last day: all a plan reads of a cycle (not its name, not when it
    was closed)."""
    rows = session.execute(select(col(Cycle.id), *_CYCLE_DAYS)).all()
    return {id_: (start, end) for id_, start, end in rows}


def cycle_owners(session: Session, cycle_ids: set[int]) -> set[int]:
    """The owners of these cycles' unarchived key results."""
    owners = _unarchived(select(col(KeyResult.owner_id))).where(
        col(Objective.cycle_id).in_(cycle_ids)
    )
    return set(session.execute(owners.distinct()).scalars())


def revisions(session: Session, model: type[Member] | type[Team]) -> dict[int, int]:
    """Every member's (or team's) revision: whose row changed, in plain integers."""
    rows = session.execute(select(col(model.id), col(model.revision))).all()
    return {id_: revision for id_, revision in rows}  # noqa: C416 -- rows, not pairs, to mypy


def prompt_revisions(session: Session, newer_than: int) -> list[tuple[int, int, int, bool]]:
    """(id, member id, revision, open) of every open prompt and of every prompt with an id
    over `newer_than`: what a plan could be told by a prompt that changed since."""
    is_open = col(Prompt.status).in_(OPEN_STATUSES)
    rows = session.execute(
        select(
            col(Prompt.id), col(Prompt.member_id), col(Prompt.revision), col(Prompt.status)
        ).where(or_(is_open, col(Prompt.id) > newer_than))
    ).all()
    return [
        (id_, member, revision, status in OPEN_STATUSES) for id_, member, revision, status in rows
    ]


Fingerprint = dict[str, tuple[Any, ...]]


def plan_fingerprint(session: Session) -> Fingerprint:
    """Per watched table (by name) its row count, highest id and sum of revisions; for
    prompts, those of the open ones (a closed prompt is never due again) and the highest id of
    all. An equal part: no row of that table was inserted, updated or deleted in between."""
    parts = [
        select(
            literal(model.__tablename__), func.count(), func.max(model.id), func.sum(model.revision)
        )
        for model in _WATCHED
    ]
    newest_prompt = select(func.max(Prompt.id)).scalar_subquery()
    parts.append(
        select(
            literal(Prompt.__tablename__), func.count(), newest_prompt, func.sum(Prompt.revision)
        ).where(col(Prompt.status).in_(OPEN_STATUSES))
    )
    return {table: tuple(signs) for table, *signs in session.execute(union_all(*parts)).all()}


def earliest_open_end(session: Session) -> datetime | None:
    """When the first open prompt's period ends: until then none is to be recorded missed."""
    return session.execute(
        select(func.min(Prompt.ends_at)).where(col(Prompt.status).in_(OPEN_STATUSES))
    ).scalar_one_or_none()


def owner_row(member: Member) -> OwnerRow:
    """The same row from a loaded member (one whose profile was just stored)."""
    return OwnerRow(*(getattr(member, name) for name in OwnerRow.__dataclass_fields__))
