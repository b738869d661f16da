"""The slack_event_claim table: one row per Events API event_id, whichever replica got it."""

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col

from bot.db.dialect import insert_if_absent
from bot.db.models import SlackEventClaim


def claim_event(session: Session, event_id: str, now: datetime) -> bool:
    """True for the first delivery of event_id; False when another delivery claimed it."""
    row = {"event_id": event_id, "received_at": now}
    claimed = insert_if_absent(
        session, SlackEventClaim, row, unique=["event_id"], returning=col(SlackEventClaim.event_id)
    )
    return claimed is not None


def forget_claims_before(session: Session, cutoff: datetime) -> None:
    session.execute(delete(SlackEventClaim).where(col(SlackEventClaim.received_at) < cutoff))
