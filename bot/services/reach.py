"""Loads each member's Reach: working hours with their public holidays closed, away, updates."""

from dataclasses import replace
from datetime import date

from bot.db import reach as repo
from bot.db.engine import Session
from bot.db.models import Member
from bot.domain.reach import Reach
from bot.domain.working_hours import WorkingHours
from bot.services.profiles import away_by_status
from bot.services.public_holidays import closed_days


def load_reach(
    session: Session, members: list[Member], hours: WorkingHours, around: date
) -> dict[int, Reach]:
    """Every member's Reach in one pass: their region, holidays and latest check-ins."""
    ids = [member.id for member in members if member.id is not None]
    regions = repo.holiday_regions(session, ids)
    updates = repo.kr_updates(session, ids, around)
    return {
        member.id: Reach(
            replace(hours, closed=closed_days(regions.get(member.id), around)),
            member.away_until,
            tuple(updates.get(member.id, ())),
            away_by_status(member),
        )
        for member in members
        if member.id is not None
    }


def hours_by_member(
    session: Session, member_ids: list[int], hours: WorkingHours, around: date
) -> dict[int, WorkingHours]:
    """Each member's working hours with their public holidays closed (no check-ins read)."""
    regions = repo.holiday_regions(session, member_ids)
    return {
        member_id: replace(hours, closed=closed_days(regions.get(member_id), around))
        for member_id in member_ids
    }
