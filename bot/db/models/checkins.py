"""Check-ins, their earlier versions, and the prompts that ask for them."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.models.columns import revision_column, utc_column


class CheckIn(SQLModel, table=True):
    __tablename__ = "check_in"
    __table_args__ = (UniqueConstraint("key_result_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    key_result_id: int = Field(foreign_key="key_result.id", index=True)
    author_id: int = Field(foreign_key="member.id")
    period: str = Field(max_length=10)
    value: float
    confidence: int
    note: str | None = None
    blocker: str | None = None
    created_at: datetime = utc_column(nullable=False)
    # The source kind (http_json, webhook, …) when the value came from the KR's source; a
    # person's own answer is None, and wins over the source for its period.
    source: str | None = Field(default=None, max_length=20)


class CheckInVersion(SQLModel, table=True):
    """An earlier answer to a check-in, kept when its author changed it."""

    __tablename__ = "check_in_version"

    id: int | None = Field(default=None, primary_key=True)
    check_in_id: int = Field(foreign_key="check_in.id", index=True, ondelete="CASCADE")
    author_id: int = Field(foreign_key="member.id")
    value: float
    confidence: int
    note: str | None = None
    blocker: str | None = None
    created_at: datetime = utc_column(nullable=False)


class Prompt(SQLModel, table=True):
    """One member's check-in question for one period; the row is the claim to send it."""

    __table_args__ = (UniqueConstraint("member_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    period: str = Field(max_length=10)
    status: str = Field(default="claimed", max_length=12, index=True)
    claimed_at: datetime = utc_column(nullable=False)
    sent_at: datetime | None = utc_column()
    reminded_at: datetime | None = utc_column()
    ends_at: datetime | None = utc_column()
    snoozed_until: datetime | None = utc_column()
    answered_at: datetime | None = utc_column()
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=200)
    revision: int = revision_column()
