"""Mini-retros, the requests sent for them and the answers given."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.models.columns import utc_column


class Retro(SQLModel, table=True):
    """A request to learn from one key result, for one trigger; asked once per trigger."""

    __table_args__ = (UniqueConstraint("key_result_id", "trigger_key"),)

    id: int | None = Field(default=None, primary_key=True)
    key_result_id: int = Field(foreign_key="key_result.id", index=True, ondelete="CASCADE")
    trigger: str = Field(max_length=20)  # cycle_close, off_track, confidence_drop, on_demand
    trigger_key: str = Field(max_length=60)  # e.g. "close:3", "drop:2026-W47"
    created_at: datetime = utc_column(nullable=False)


class RetroRequest(SQLModel, table=True):
    """One person's DM asking for a retro; the row is the claim to send it."""

    __tablename__ = "retro_request"
    __table_args__ = (UniqueConstraint("retro_id", "member_id"),)

    id: int | None = Field(default=None, primary_key=True)
    retro_id: int = Field(foreign_key="retro.id", index=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    status: str = Field(default="claimed", max_length=12, index=True)
    claimed_at: datetime = utc_column(nullable=False)
    sent_at: datetime | None = utc_column()
    reminded_at: datetime | None = utc_column()
    answered_at: datetime | None = utc_column()
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=200)


class RetroAnswer(SQLModel, table=True):
    """What someone shared in a retro; an anonymous answer keeps no author at all."""

    __tablename__ = "retro_answer"

    id: int | None = Field(default=None, primary_key=True)
    retro_id: int = Field(foreign_key="retro.id", index=True, ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="member.id")
    reason: str = Field(max_length=30)
    what_happened: str
    learned: str
    next_try: str | None = None
    created_at: datetime = utc_column(nullable=False)
