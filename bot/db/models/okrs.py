"""Cycles, objectives, key results and their contributors, hypotheses and learnings."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.models.columns import revision_column, utc_column


class Cycle(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60, unique=True)
    start_date: date
    end_date: date
    closed_at: datetime | None = utc_column()
    revision: int = revision_column()


class Objective(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("cycle_id", "team_id", "title"),)

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="cycle.id", index=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    owner_id: int | None = Field(default=None, foreign_key="member.id")
    title: str = Field(max_length=300)
    description: str | None = None
    kind: str = Field(default="committed", max_length=20)
    parent_id: int | None = Field(default=None, foreign_key="objective.id")  # alignment
    tags: str | None = Field(default=None, max_length=300)  # comma-separated, lower case
    revision: int = revision_column()


class KeyResult(SQLModel, table=True):
    __tablename__ = "key_result"
    __table_args__ = (UniqueConstraint("objective_id", "title"),)

    id: int | None = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", index=True)
    owner_id: int = Field(foreign_key="member.id", index=True)
    title: str = Field(max_length=300)
    kr_type: str = Field(default="increase_to", max_length=20)
    start_value: float = 0.0
    target_value: float = 1.0
    unit: str | None = Field(default=None, max_length=40)
    indicator: str | None = Field(default=None, max_length=10)
    archived_at: datetime | None = utc_column()
    # Made, and with its owner since (made, handed over, unarchived): prompts and digests are
    # owed only from then. None on older rows: there before anything now due fell due.
    created_at: datetime | None = utc_column()
    owner_since: datetime | None = utc_column()
    # Set when the cycle closes, from final progress; an owner's override carries a reason.
    score: float | None = None
    score_reason: str | None = Field(default=None, max_length=500)
    revision: int = revision_column()


class KRContributor(SQLModel, table=True):
    __tablename__ = "kr_contributor"

    key_result_id: int = Field(foreign_key="key_result.id", primary_key=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", primary_key=True, ondelete="CASCADE")


class Hypothesis(SQLModel, table=True):
    """A bet under a key result, ranked by ICE, ending validated or invalidated."""

    id: int | None = Field(default=None, primary_key=True)
    key_result_id: int = Field(foreign_key="key_result.id", index=True, ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="member.id")
    statement: str = Field(max_length=1000)
    impact: int
    confidence: int
    ease: int
    status: str = Field(default="open", max_length=12)  # open, validated, invalidated
    result: str | None = None
    created_at: datetime = utc_column(nullable=False)
    decided_at: datetime | None = utc_column()


class Learning(SQLModel, table=True):
    """One entry of the learnings library: from a retro answer or a decided hypothesis."""

    id: int | None = Field(default=None, primary_key=True)
    key_result_id: int = Field(foreign_key="key_result.id", index=True, ondelete="CASCADE")
    source: str = Field(max_length=12)  # retro, hypothesis
    text: str
    retro_answer_id: int | None = Field(
        default=None, foreign_key="retro_answer.id", ondelete="CASCADE"
    )
    hypothesis_id: int | None = Field(default=None, foreign_key="hypothesis.id", ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="member.id")  # None: anonymous
    created_at: datetime = utc_column(nullable=False)
