"""Finding the acting member and their local calendar."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.db.engine import Session
from bot.db.members import get_or_create_member
from bot.db.models import Member
from bot.domain.cadence import current_period, zone


@dataclass(frozen=True)
class LocalCalendar:
    """A member's own today and period, from their cached Slack time zone."""

    tz: ZoneInfo
    today: date
    period: str


def acting_member(session: Session, slack_user_id: str) -> Member:
    """The member behind a signed Slack payload; first contact creates them."""
    return get_or_create_member(session, slack_user_id)


def local_calendar(member: Member, now: datetime, default_timezone: str) -> LocalCalendar:
    tz = zone(member.timezone, default_timezone)
    return LocalCalendar(tz, now.astimezone(tz).date(), current_period(now, tz))
