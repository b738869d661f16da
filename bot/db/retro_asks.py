"""Retro asks with work left to do (first DM, retry, reminder), as plain rows for the tick."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Label, and_, false, or_, true, union_all
from sqlalchemy import select as sql_select
from sqlmodel import Session, col

from bot.db.models import KeyResult, KRContributor, Member, Retro, RetroRequest
from bot.domain.retros import RequestStatus


@dataclass(frozen=True)
class OpenAsk:
    """One person a recent retro asks, and where their request stands (None: not yet sent)."""

    retro_id: int
    member_id: int
    timezone: str | None
    away_until: date | None
    request_id: int | None
    status: str | None
    attempts: int | None
    sent_at: datetime | None
    reminded_at: datetime | None
    status_away: bool = False  # away by Slack status, until status_away_until (None: open)
    status_away_until: datetime | None = None


def open_asks(
    session: Session, *, created_since: datetime, sent_since: datetime, max_attempts: int
) -> list[OpenAsk]:
    """Owners, then contributors, of retros created since then, whose request is still to
    send, failed fewer than `max_attempts` times, or was sent since `sent_since` and not yet
    reminded. Answered, reminded and given-up requests are left in the database."""
    asked = _asked(created_since).subquery()
    request_of = and_(
        col(RetroRequest.retro_id) == asked.c.retro_id,
        col(RetroRequest.member_id) == asked.c.member_id,
    )
    rows = session.execute(
        sql_select(
            asked.c.retro_id,
            asked.c.member_id,
            col(Member.timezone),
            col(Member.away_until),
            col(RetroRequest.id),
            col(RetroRequest.status),
            col(RetroRequest.attempts),
            col(RetroRequest.sent_at),
            col(RetroRequest.reminded_at),
            col(Member.status_away),
            col(Member.status_away_until),
        )
        .join(Member, col(Member.id) == asked.c.member_id)
        .outerjoin(RetroRequest, request_of)
        .where(col(Member.deactivated).is_(False), _work_left(sent_since, max_attempts))
        .order_by(asked.c.retro_id, asked.c.is_owner.desc(), asked.c.member_id)
    )
    return _once_per_person(OpenAsk(*row) for row in rows)


def _work_left(sent_since: datetime, max_attempts: int) -> ColumnElement[bool]:
    """A request not made yet, failed but to retry, or sent lately and not yet reminded."""
    return or_(
        col(RetroRequest.id).is_(None),
        and_(
            col(RetroRequest.status) == RequestStatus.FAILED,
            col(RetroRequest.attempts) < max_attempts,
        ),
        and_(
            col(RetroRequest.status) == RequestStatus.SENT,
            col(RetroRequest.reminded_at).is_(None),
            col(RetroRequest.sent_at) >= sent_since,
        ),
    )


def _once_per_person(asks: Iterable[OpenAsk]) -> list[OpenAsk]:
    """The first ask of each (retro, member): an owner who also contributes comes twice."""
    seen: set[tuple[int, int]] = set()
    found = []
    for ask in asks:
        if (ask.retro_id, ask.member_id) not in seen:
            seen.add((ask.retro_id, ask.member_id))
            found.append(ask)
    return found


def _asked(created_since: datetime) -> CompoundSelect[Any]:
    """(retro, member) for each retro's KR owner and each of its contributors."""
    retro_id: Label[int] = col(Retro.id).label("retro_id")
    owner_id: Label[int] = col(KeyResult.owner_id).label("member_id")
    is_owner: Label[bool] = true().label("is_owner")
    owners = (
        sql_select(retro_id, owner_id, is_owner)
        .join(KeyResult, col(KeyResult.id) == Retro.key_result_id)
        .where(col(Retro.created_at) >= created_since)
    )
    contributors = (
        sql_select(col(Retro.id), col(KRContributor.member_id), false())
        .join(KRContributor, col(KRContributor.key_result_id) == Retro.key_result_id)
        .where(col(Retro.created_at) >= created_since)
    )
    return union_all(owners, contributors)
