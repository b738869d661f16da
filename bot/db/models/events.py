"""Slack events already handled, so a redelivered one is handled once."""

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from bot.db.models.columns import UTCDateTime


class SlackEventClaim(SQLModel, table=True):
    """An Events API delivery being or already handled; a redelivery finds its event_id here."""

    __tablename__ = "slack_event_claim"

    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
