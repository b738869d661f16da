"""The slack_event_claim table: one row per Events API event_id, whichever replica got it."""

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col

from bot.db.dialect import dialect_insert
from bot.db.models import SlackEventClaim


def claim_event(session: Session, event_id: str, now: datetime) -> bool:
    """True for the first delivery of event_id; False when another delivery claimed it."""
    insert = dialect_insert(session)
    statement = (
        insert(SlackEventClaim)
        .values(event_id=event_id, received_at=now)
        .on_conflict_do_nothing(index_elements=["event_id"])
        # RETURNING, not rowcount: psycopg reports -1 rows for a skipped INSERT … ON CONFLICT.
        .returning(col(SlackEventClaim.event_id))
    )
    return session.execute(statement).scalar_one_or_none() is not None


def forget_claims_before(session: Session, cutoff: datetime) -> None:
    session.execute(delete(SlackEventClaim).where(col(SlackEventClaim.received_at) < cutoff))
