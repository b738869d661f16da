"""Plain data for `/okr settings`: what each section shows and what a person submits."""

from dataclasses import dataclass, field
from datetime import date, time


@dataclass(frozen=True)
class Schedule:
    """Cadence, reminder, digest time and bands; None everywhere means "use the default"."""

    cadence: str | None = None
    cadence_every: int | None = None
    cadence_anchor: date | None = None
    prompt_weekday: int | None = None
    prompt_at: time | None = None
    reminder_after_hours: int | None = None  # 0: no reminder
    digest_weekday: int | None = None
    digest_at: time | None = None
    band_red_max: int | None = None
    band_yellow_max: int | None = None
    holidays: str | None = None  # a country or region code, e.g. DE-BY


@dataclass(frozen=True)
class WorkspaceForm:
    schedule: Schedule = field(default_factory=Schedule)
    timezone: str | None = None
    retro_below: float | None = None


@dataclass(frozen=True)
class TeamChoice:
    team_id: int
    name: str


@dataclass(frozen=True)
class TeamForm:
    """A team's settings; people are Slack user ids."""

    name: str
    channel_id: str | None = None
    parent_id: int | None = None
    leads: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    schedule: Schedule = field(default_factory=Schedule)
    mention_blockers: bool = False


@dataclass(frozen=True)
class TeamSettings:
    team_id: int
    form: TeamForm
    parent: TeamChoice | None


@dataclass(frozen=True)
class CycleSummary:
    cycle_id: int
    name: str
    start: date
    end: date
    closed: bool


@dataclass(frozen=True)
class NewCycle:
    name: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class SettingsMenu:
    """What the caller may change: admins see everything, leads their own teams."""

    is_admin: bool
    teams: tuple[TeamChoice, ...]
    cycles: tuple[CycleSummary, ...] = ()


@dataclass(frozen=True)
class CycleClosed:
    name: str
    scored: int
