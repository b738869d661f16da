"""Check-ins recorded from a key result's source: a person's own answer for the period wins."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.db.checkin_points import latest_checkins
from bot.db.checkins import KRRow, key_result_rows
from bot.db.dialect import insert_if_absent
from bot.db.models import CheckIn, Member


@dataclass(frozen=True)
class SourceValue:
    key_result_id: int
    author_id: int  # the key result's owner: the value is recorded on their behalf
    period: str
    value: float
    source: str  # the source's kind
    at: datetime


def owned_key_result(session: Session, kr_id: int) -> tuple[KRRow, Member] | None:
    """The unarchived key result with its cycle, and its owner; None when there is none."""
    rows = key_result_rows(session, [kr_id], 0)
    if not rows:
        return None
    owner = session.get(Member, rows[0].key_result.owner_id)
    return (rows[0], owner) if owner is not None else None


def record_source_value(session: Session, recorded: SourceValue) -> bool:
    """Make the value the period's check-in, keeping its confidence and note; True if it did.

    A person's own check-in for the period is left as it is. Without an earlier check-in
    there is no confidence to keep, so nothing is recorded: the owner answers first."""
    kr_id, period = recorded.key_result_id, recorded.period
    existing = session.exec(
        select(CheckIn)
        .where(col(CheckIn.key_result_id) == kr_id, col(CheckIn.period) == period)
        .with_for_update()
    ).first()
    if existing is not None:
        if existing.source is None:
            return False
        existing.value, existing.source, existing.created_at = (
            recorded.value,
            recorded.source,
            recorded.at,
        )
        session.add(existing)
        return True
    earlier = latest_checkins(session, [kr_id], 1, before=period).get(kr_id)
    if not earlier:
        return False
    return _insert(session, recorded, earlier[0].confidence)


def _insert(session: Session, recorded: SourceValue, confidence: int) -> bool:
    row = {
        "key_result_id": recorded.key_result_id,
        "author_id": recorded.author_id,
        "period": recorded.period,
        "value": recorded.value,
        "confidence": confidence,
        "note": None,
        "blocker": None,
        "created_at": recorded.at,
        "source": recorded.source,
    }
    # A person answering at this very moment wins: their row stays, this one is dropped.
    unique = ["key_result_id", "period"]
    return (
        insert_if_absent(session, CheckIn, row, unique=unique, returning=col(CheckIn.id))
        is not None
    )
