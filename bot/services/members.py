"""Finding the acting member, and their own calendar: zone, today and check-in period."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.db.engine import Database, Session
from bot.db.members import find_member, get_or_create_member
from bot.db.models import Member, Team
from bot.db.teams import primary_teams
from bot.domain.cadence import Cadence, Period, period_on, zone
from bot.domain.prefs import PromptPrefs, personal_cadence
from bot.services.cadences import team_cadence
from bot.services.workspace_defaults import CalendarDefaults, calendar_defaults

__all__ = [
    "CalendarDefaults",
    "LocalCalendar",
    "acting_member",
    "calendar_for",
    "local_calendar",
    "looks_at_home",
    "reading_as",
]

# Home is republished after a check-in only for members who opened it within this long: opening
# it again publishes a fresh view anyway, and most people never look at it on a Monday.
HOME_RECENTLY = timedelta(hours=12)


@dataclass(frozen=True)
class LocalCalendar:
    """A member's own zone, today and current period, from their profile and main team."""

    tz: ZoneInfo
    today: date
    cadence: Cadence
    period: Period


def acting_member(session: Session, slack_user_id: str) -> Member:
    """The member behind a signed Slack payload; first contact creates them."""
    return get_or_create_member(session, slack_user_id)


@contextmanager
def reading_as(database: Database, slack_user_id: str) -> Iterator[tuple[Session, Member]]:
    """A read-only unit of work for the member behind a signed payload.

    Only a first contact writes (to record the member), in a short transaction of its own."""
    with database.read() as session:
        member = find_member(session, slack_user_id)
        if member is not None:
            yield session, member
            return
    with database.transaction() as session:
        acting_member(session, slack_user_id)
    with database.read() as session:
        member = find_member(session, slack_user_id)
        assert member is not None
        yield session, member


def local_calendar(
    session: Session, member: Member, now: datetime, defaults: CalendarDefaults
) -> LocalCalendar:
    """`defaults` are the environment's; the workspace's stored defaults win over them."""
    assert member.id is not None
    team = primary_teams(session, [member.id]).get(member.id)
    return calendar_for(member, team, now, calendar_defaults(session, defaults))


class CalendarPerson(Protocol):
    """What a calendar needs of a member: a Member, or a plain row with these columns."""

    @property
    def timezone(self) -> str | None: ...
    @property
    def prompt_weekday(self) -> int | None: ...
    @property
    def prompt_at(self) -> time | None: ...


def calendar_for(
    member: CalendarPerson, team: Team | None, now: datetime, defaults: CalendarDefaults
) -> LocalCalendar:
    tz = zone(member.timezone, defaults.timezone)
    today = now.astimezone(tz).date()
    prefs = PromptPrefs(member.prompt_weekday, member.prompt_at)
    cadence = personal_cadence(team_cadence(team, defaults.cadence), prefs)
    return LocalCalendar(tz, today, cadence, period_on(cadence, today))


def looks_at_home(member: Member, now: datetime) -> bool:
    """Whether the member opened the App Home recently enough to be looking at it now."""
    opened = member.home_opened_at
    return opened is not None and now - opened <= HOME_RECENTLY
