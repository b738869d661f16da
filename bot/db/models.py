"""Every table of OKR Bot; times are aware UTC, dates are calendar dates."""

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Column, DateTime, MetaData, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

# Stable constraint names let Alembic alter SQLite tables in batch mode.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and hands them back aware, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _utc_column(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable))


class Member(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slack_user_id: str = Field(max_length=32, unique=True)
    display_name: str | None = Field(default=None, max_length=200)
    timezone: str | None = Field(default=None, max_length=64)
    profile_fetched_at: datetime | None = _utc_column()
    dm_channel_id: str | None = Field(default=None, max_length=32)
    is_admin: bool = False  # made an admin in the bot
    slack_admin: bool = False  # last seen in Slack: names admins to others, never grants
    deactivated: bool = False
    away_until: date | None = None
    # When the member last opened the App Home: Home is republished after a check-in only
    # for those who may be looking at it.
    home_opened_at: datetime | None = _utc_column()
    # Public holidays of this country/region (`DE-BY`); None follows the team, then workspace.
    holidays: str | None = Field(default=None, max_length=16)
    # `/okr prefs`: the member's own prompt day and time within the team's cadence (None: the
    # team's), and whether they want the one reminder.
    prompt_weekday: int | None = None
    prompt_at: time | None = None
    reminders_off: bool = False
    # Away as their Slack status says (an away emoji or words), until it expires; None: until
    # the status changes. Read with each profile refresh.
    status_away: bool = False
    status_away_until: datetime | None = _utc_column()


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    channel_id: str | None = Field(default=None, max_length=32)
    timezone: str | None = Field(default=None, max_length=64)
    parent_id: int | None = Field(default=None, foreign_key="team.id")
    # Check-in cadence; None falls back to the workspace default (weekly, Monday 10:00).
    cadence: str | None = Field(default=None, max_length=16)
    cadence_every: int | None = None
    cadence_anchor: date | None = None
    prompt_weekday: int | None = None
    prompt_at: time | None = None
    # When the weekly digest is posted; None falls back to Friday 15:00 in the team's zone.
    digest_weekday: int | None = None
    digest_at: time | None = None
    # Hours from a prompt to its one reminder; 0 turns reminders off, None is the default.
    reminder_after_hours: int | None = None
    # Confidence bands: 0..red_max is off track, ..yellow_max at risk, above on track.
    band_red_max: int | None = None
    band_yellow_max: int | None = None
    # Channel posts name people; a team may opt in to pinging the owners of blockers.
    mention_blockers: bool = False
    holidays: str | None = Field(default=None, max_length=16)


class WorkspaceSettings(SQLModel, table=True):
    """The workspace's defaults, one row (id 1); None in a column means the built-in default."""

    __tablename__ = "workspace_settings"

    id: int | None = Field(default=None, primary_key=True)
    timezone: str | None = Field(default=None, max_length=64)
    cadence: str | None = Field(default=None, max_length=16)
    cadence_every: int | None = None
    cadence_anchor: date | None = None
    prompt_weekday: int | None = None
    prompt_at: time | None = None
    reminder_after_hours: int | None = None
    digest_weekday: int | None = None
    digest_at: time | None = None
    band_red_max: int | None = None
    band_yellow_max: int | None = None
    retro_below: float | None = None  # KRs scored below this get a retro at cycle close
    holidays: str | None = Field(default=None, max_length=16)


class TeamMember(SQLModel, table=True):
    __tablename__ = "team_member"

    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", primary_key=True, ondelete="CASCADE")
    is_lead: bool = False


class Cycle(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60, unique=True)
    start_date: date
    end_date: date
    closed_at: datetime | None = _utc_column()


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
    archived_at: datetime | None = _utc_column()
    # Made, and with its owner since (made, handed over, unarchived): prompts and digests are
    # owed only from then. None on older rows: there before anything now due fell due.
    created_at: datetime | None = _utc_column()
    owner_since: datetime | None = _utc_column()
    # Set when the cycle closes, from final progress; an owner's override carries a reason.
    score: float | None = None
    score_reason: str | None = Field(default=None, max_length=500)


class KRContributor(SQLModel, table=True):
    __tablename__ = "kr_contributor"

    key_result_id: int = Field(foreign_key="key_result.id", primary_key=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", primary_key=True, ondelete="CASCADE")


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
    created_at: datetime = _utc_column(nullable=False)


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
    created_at: datetime = _utc_column(nullable=False)


class Prompt(SQLModel, table=True):
    """One member's check-in question for one period; the row is the claim to send it."""

    __table_args__ = (UniqueConstraint("member_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    period: str = Field(max_length=10)
    status: str = Field(default="claimed", max_length=12, index=True)
    claimed_at: datetime = _utc_column(nullable=False)
    sent_at: datetime | None = _utc_column()
    reminded_at: datetime | None = _utc_column()
    ends_at: datetime | None = _utc_column()
    snoozed_until: datetime | None = _utc_column()
    answered_at: datetime | None = _utc_column()
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=200)


class Digest(SQLModel, table=True):
    """One team's digest for one period in one channel; the row is the claim to post it."""

    __table_args__ = (UniqueConstraint("team_id", "period", "channel_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    period: str = Field(max_length=10)
    channel_id: str = Field(max_length=32)
    status: str = Field(default="claimed", max_length=12)
    claimed_at: datetime = _utc_column(nullable=False)
    posted_at: datetime | None = _utc_column()
    message_ts: str | None = Field(default=None, max_length=32)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=200)


class DigestSubscription(SQLModel, table=True):
    """Another channel that gets a team's digest too, e.g. leadership's."""

    __tablename__ = "digest_subscription"

    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    channel_id: str = Field(max_length=32, primary_key=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")  # who subscribed it


class Retro(SQLModel, table=True):
    """A request to learn from one key result, for one trigger; asked once per trigger."""

    __table_args__ = (UniqueConstraint("key_result_id", "trigger_key"),)

    id: int | None = Field(default=None, primary_key=True)
    key_result_id: int = Field(foreign_key="key_result.id", index=True, ondelete="CASCADE")
    trigger: str = Field(max_length=20)  # cycle_close, off_track, confidence_drop, on_demand
    trigger_key: str = Field(max_length=60)  # e.g. "close:3", "drop:2026-W47"
    created_at: datetime = _utc_column(nullable=False)


class RetroRequest(SQLModel, table=True):
    """One person's DM asking for a retro; the row is the claim to send it."""

    __tablename__ = "retro_request"
    __table_args__ = (UniqueConstraint("retro_id", "member_id"),)

    id: int | None = Field(default=None, primary_key=True)
    retro_id: int = Field(foreign_key="retro.id", index=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    status: str = Field(default="claimed", max_length=12, index=True)
    claimed_at: datetime = _utc_column(nullable=False)
    sent_at: datetime | None = _utc_column()
    reminded_at: datetime | None = _utc_column()
    answered_at: datetime | None = _utc_column()
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
    created_at: datetime = _utc_column(nullable=False)


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
    created_at: datetime = _utc_column(nullable=False)
    decided_at: datetime | None = _utc_column()


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
    created_at: datetime = _utc_column(nullable=False)


class SlackEventClaim(SQLModel, table=True):
    """An Events API delivery being or already handled; a redelivery finds its event_id here."""

    __tablename__ = "slack_event_claim"

    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class KRSource(SQLModel, table=True):
    """Where one key result's value comes from, and how that source is doing.

    `headers` is a JSON object whose values may hold `${NAME}` references, filled from the
    environment at fetch time: a secret is never stored here. Only a hash of a webhook's token
    is kept. `next_due_at` is None for webhooks, which are never fetched."""

    __tablename__ = "kr_source"

    key_result_id: int = Field(foreign_key="key_result.id", primary_key=True, ondelete="CASCADE")
    kind: str = Field(max_length=12)  # http_json, prometheus, csv, webhook
    url: str | None = Field(default=None, max_length=2000)
    path: str | None = Field(default=None, max_length=1000)  # JMESPath, for http_json
    query: str | None = Field(default=None, max_length=1000)  # PromQL, for prometheus
    cell: str | None = Field(default=None, max_length=12)  # e.g. B7, for csv
    row_label: str | None = Field(default=None, max_length=1000)
    column_label: str | None = Field(default=None, max_length=1000)
    every_seconds: int | None = None
    headers: str | None = None
    next_due_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True)
    )
    last_success_at: datetime | None = _utc_column()
    last_value: float | None = None
    last_error: str | None = Field(default=None, max_length=300)
    last_error_at: datetime | None = _utc_column()
    failures_in_a_row: int = 0
    failing_since: datetime | None = _utc_column()
    owner_told_failing: bool = False
    token_hash: str | None = Field(default=None, max_length=64)  # SHA-256, hex
    push_tokens: float | None = None  # the webhook's allowance of pushes (a token bucket)
    push_counted_at: datetime | None = _utc_column()


class SourcePush(SQLModel, table=True):
    """A push's idempotency key: the same id pushed again to the same key result changes nothing."""

    __tablename__ = "source_push"

    key_result_id: int = Field(foreign_key="key_result.id", primary_key=True, ondelete="CASCADE")
    push_id: str = Field(primary_key=True, max_length=128)
    received_at: datetime = _utc_column(nullable=False)
