"""Members, teams and the workspace's settings."""

from datetime import date, datetime, time

from sqlmodel import Field, SQLModel

from bot.db.models.columns import revision_column, utc_column


class Member(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slack_user_id: str = Field(max_length=32, unique=True)
    display_name: str | None = Field(default=None, max_length=200)
    timezone: str | None = Field(default=None, max_length=64)
    profile_fetched_at: datetime | None = utc_column()
    dm_channel_id: str | None = Field(default=None, max_length=32)
    is_admin: bool = False  # made an admin in the bot
    slack_admin: bool = False  # last seen in Slack: names admins to others, never grants
    deactivated: bool = False
    away_until: date | None = None
    # When the member last opened the App Home: Home is republished after a check-in only
    # for those who may be looking at it.
    home_opened_at: datetime | None = utc_column()
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
    status_away_until: datetime | None = utc_column()
    revision: int = revision_column()


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
    revision: int = revision_column()


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
    revision: int = revision_column()


class TeamMember(SQLModel, table=True):
    __tablename__ = "team_member"

    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", primary_key=True, ondelete="CASCADE")
    is_lead: bool = False
