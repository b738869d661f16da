"""Members' working hours with their public holidays closed."""

from dataclasses import replace
from datetime import date

from bot.db import reach as repo
from bot.db.engine import Session
from bot.domain.working_hours import WorkingHours
from bot.services.public_holidays import closed_days


def hours_by_member(
    session: Session, member_ids: list[int], hours: WorkingHours, around: date
) -> dict[int, WorkingHours]:
    """Each member's working hours with their public holidays closed (no check-ins read)."""
    regions = repo.holiday_regions(session, member_ids)
    return {
        member_id: replace(hours, closed=closed_days(regions.get(member_id), around))
        for member_id in member_ids
    }
