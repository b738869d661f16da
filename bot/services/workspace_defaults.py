"""Stored workspace defaults over built-in ones, and a team's own settings over both."""

from dataclasses import dataclass, field
from datetime import timedelta

from bot.db.engine import Session
from bot.db.models import Team, WorkspaceSettings
from bot.db.workspace import workspace_settings
from bot.domain.cadence import Cadence
from bot.domain.digest_schedule import DEFAULT_DIGEST_CADENCE
from bot.domain.progress import ConfidenceBands
from bot.domain.prompting import REMIND_AFTER
from bot.domain.scoring import RETRO_BELOW
from bot.services.cadences import team_cadence


@dataclass(frozen=True)
class CalendarDefaults:
    """Workspace defaults for members whose profile or team says nothing."""

    timezone: str = "UTC"
    cadence: Cadence = field(default_factory=Cadence)


@dataclass(frozen=True)
class WorkspaceDefaults:
    """Every default in force: what is stored, else the environment's or built-in value."""

    calendar: CalendarDefaults
    reminder_after_hours: int  # 0: no reminders
    digest: Cadence
    bands: ConfidenceBands
    retro_below: float
    holidays: str | None = None  # the workspace's holiday region, for teams without their own


DEFAULT_REMINDER_HOURS = int(REMIND_AFTER.total_seconds() // 3600)


def workspace_defaults(
    session: Session,
    fallback: CalendarDefaults,
    *,
    digest: Cadence = DEFAULT_DIGEST_CADENCE,
    bands: ConfidenceBands | None = None,
) -> WorkspaceDefaults:
    """What is stored, over the given fallbacks (the environment's or built-in)."""
    row = workspace_settings(session)
    return WorkspaceDefaults(
        calendar=stored_calendar(row, fallback),
        reminder_after_hours=_first(row.reminder_after_hours, DEFAULT_REMINDER_HOURS),
        digest=digest_cadence(row, digest),
        bands=team_bands(row, bands or ConfidenceBands()),
        retro_below=RETRO_BELOW if row.retro_below is None else row.retro_below,
        holidays=row.holidays,
    )


def calendar_defaults(session: Session, fallback: CalendarDefaults) -> CalendarDefaults:
    return stored_calendar(workspace_settings(session), fallback)


def stored_calendar(row: WorkspaceSettings, fallback: CalendarDefaults) -> CalendarDefaults:
    return CalendarDefaults(row.timezone or fallback.timezone, team_cadence(row, fallback.cadence))


def team_bands(team: Team | WorkspaceSettings | None, default: ConfidenceBands) -> ConfidenceBands:
    """The team's (or workspace's) bands where set; each bound falls back on its own."""
    if team is None:
        return default
    return ConfidenceBands(
        off_track_max=_first(team.band_red_max, default.off_track_max),
        at_risk_max=_first(team.band_yellow_max, default.at_risk_max),
    )


def bands_by_team(
    session: Session, teams: list[Team], default: ConfidenceBands
) -> dict[int, ConfidenceBands]:
    """Each team's bands: its own, else the workspace's stored ones, else `default`."""
    workspace = team_bands(workspace_settings(session), default)
    return {team.id: team_bands(team, workspace) for team in teams if team.id is not None}


def reminder_delay(team: Team | None, default_hours: int) -> timedelta | None:
    """How long after a prompt its one reminder comes; None when reminders are off."""
    hours = default_hours if team is None else _first(team.reminder_after_hours, default_hours)
    return timedelta(hours=hours) if hours > 0 else None


def digest_cadence(team: Team | WorkspaceSettings, default: Cadence) -> Cadence:
    """The digest day and time, each falling back to the default's."""
    weekday = _first(team.digest_weekday, default.weekday)
    return Cadence(weekday=weekday, at=team.digest_at or default.at)


def _first(value: int | None, default: int) -> int:
    return default if value is None else value
