"""Posted team digests (one claim per channel and period) and digest subscriptions."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.models.columns import utc_column


class Digest(SQLModel, table=True):
    """One team's digest for one period in one channel; the row is the claim to post it."""

    __table_args__ = (UniqueConstraint("team_id", "period", "channel_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    period: str = Field(max_length=10)
    channel_id: str = Field(max_length=32)
    status: str = Field(default="claimed", max_length=12)
    claimed_at: datetime = utc_column(nullable=False)
    posted_at: datetime | None = utc_column()
    message_ts: str | None = Field(default=None, max_length=32)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=200)


class DigestSubscription(SQLModel, table=True):
    """Another channel that gets a team's digest too, e.g. leadership's."""

    __tablename__ = "digest_subscription"

    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    channel_id: str = Field(max_length=32, primary_key=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")  # who subscribed it
