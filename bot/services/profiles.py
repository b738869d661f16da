"""A Slack profile onto the member row: the one place users.info's answer becomes member fields."""

from datetime import datetime

from bot.db.models import Member
from bot.domain.away_status import StatusAway, status_away
from bot.services.ports import SlackProfile


def store_profile(member: Member, profile: SlackProfile, now: datetime) -> None:
    """Name, zone, whether to prompt them at all, Slack admin, and away by status, as of `now`."""
    store_name_and_role(member, profile)
    member.timezone = profile.timezone
    member.profile_fetched_at = now
    member.deactivated = profile.deleted or profile.is_bot
    away = status_away(profile.status_emoji, profile.status_text, profile.status_expiration, now)
    member.status_away = away is not None
    member.status_away_until = away.until if away else None


def store_name_and_role(member: Member, profile: SlackProfile) -> None:
    """What a role check learns: the name, and Slack admin (kept to name admins, never to
    grant anything)."""
    member.display_name = profile.display_name or member.display_name
    member.slack_admin = profile.is_admin


def away_by_status(member: Member) -> StatusAway | None:
    """The member's absence as their Slack status said at the last refresh."""
    return StatusAway(member.status_away_until) if member.status_away else None
