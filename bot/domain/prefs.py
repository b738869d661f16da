"""A member's own prompt day and time, and the team and workspace rules that bound them.

A weekly or sprint team's member may move their prompt to another working day of the week
it falls in, before the team's weekly digest so their answer is in it; a monthly team's
member keeps the first working day and may choose only the time. The time lies within the
workspace's working hours. A choice the rules no longer allow (the team went monthly) is
ignored rather than lost, so it applies again if the rules change back.
"""

from dataclasses import dataclass, replace
from datetime import time

from bot.domain.cadence import Cadence, CadenceKind
from bot.domain.working_hours import WorkingHours

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class PromptPrefs:
    """None in a field follows the team."""

    weekday: int | None = None
    at: time | None = None


def personal_cadence(team: Cadence, prefs: PromptPrefs) -> Cadence:
    """The team's cadence with the member's own day (not for monthly teams) and time."""
    weekday = team.weekday if prefs.weekday is None or not day_is_choosable(team) else prefs.weekday
    return replace(team, weekday=weekday % 7, at=prefs.at or team.at)


def day_is_choosable(team: Cadence) -> bool:
    return team.kind is not CadenceKind.MONTHLY


def choosable_days(team: Cadence, hours: WorkingHours, digest: Cadence | None) -> tuple[int, ...]:
    """The weekdays a member may pick: working days, up to the digest's day."""
    if not day_is_choosable(team):
        return ()
    last = 6 if digest is None else digest.weekday
    return tuple(day for day in sorted(hours.days) if day <= last)


def prefs_problems(
    prefs: PromptPrefs, team: Cadence, hours: WorkingHours, digest: Cadence | None
) -> dict[str, str]:
    """{field: what to fix}: `prompt_weekday` and `prompt_at`; empty when allowed."""
    errors: dict[str, str] = {}
    if prefs.weekday is not None:
        if not day_is_choosable(team):
            errors["prompt_weekday"] = (
                "Your team checks in monthly, on the month's first working day; "
                "only the time is yours to choose."
            )
        elif prefs.weekday not in choosable_days(team, hours, digest):
            days = ", ".join(DAY_NAMES[day] for day in choosable_days(team, hours, digest))
            errors["prompt_weekday"] = f"Pick a working day before your team's digest: {days}."
    at = prefs.at
    if at is not None and not hours.start <= at < hours.end:
        errors["prompt_at"] = (
            f"Pick a time within working hours, {hours.start:%H:%M}–{hours.end:%H:%M}."
        )
    elif "prompt_weekday" not in errors and digest is not None and day_is_choosable(team):
        day = team.weekday if prefs.weekday is None else prefs.weekday
        if (prefs.weekday is not None or at is not None) and (day, at or team.at) >= (
            digest.weekday,
            digest.at,
        ):
            errors["prompt_at"] = (
                f"Your team's digest goes out {DAY_NAMES[digest.weekday]} at "
                f"{digest.at:%H:%M}; pick an earlier time so your answer is in it."
            )
    return errors
