"""What a valid schedule, workspace, team and cycle look like; errors keyed by field name."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.cadence import CadenceKind
from bot.domain.errors import FieldErrors
from bot.services.public_holidays import region_problem
from bot.services.settings.results import NewCycle, Schedule, TeamForm

MAX_REMINDER_HOURS = 168
MAX_SPRINT_WEEKS = 12
MAX_TEAM_NAME = 120
MAX_CYCLE_NAME = 60


def schedule_errors(schedule: Schedule) -> dict[str, str]:
    errors: dict[str, str] = {}
    kinds = {kind.value for kind in CadenceKind}
    if schedule.cadence is not None and schedule.cadence not in kinds:
        errors["cadence"] = "Pick weekly, every N weeks or monthly."
    if schedule.cadence == CadenceKind.EVERY_N_WEEKS:
        every = schedule.cadence_every
        if every is None or not 2 <= every <= MAX_SPRINT_WEEKS:
            errors["cadence_every"] = (
                f"Every how many weeks? A number from 2 to {MAX_SPRINT_WEEKS}."
            )
        if schedule.cadence_anchor is None:
            errors["cadence_anchor"] = "Pick the day a sprint started, so I know where they fall."
    for name in ("prompt_weekday", "digest_weekday"):
        weekday = getattr(schedule, name)
        if weekday is not None and not 0 <= weekday <= 6:
            errors[name] = "Pick a day of the week."
    hours = schedule.reminder_after_hours
    if hours is not None and not 0 <= hours <= MAX_REMINDER_HOURS:
        errors["reminder_after_hours"] = f"A number of hours from 1 to {MAX_REMINDER_HOURS}."
    errors |= _band_errors(schedule.band_red_max, schedule.band_yellow_max)
    if schedule.holidays is not None and (problem := region_problem(schedule.holidays)):
        errors["holidays"] = problem[:1].upper() + problem[1:] + "."
    return errors


def _band_errors(red: int | None, yellow: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, value in (("band_red_max", red), ("band_yellow_max", yellow)):
        if value is not None and not 0 <= value <= 9:
            errors[name] = "A whole number from 0 to 9."
    if errors:
        return errors
    if (red is None) != (yellow is None):
        missing = "band_red_max" if red is None else "band_yellow_max"
        errors[missing] = "Give both band limits, or leave both empty for the default."
    elif red is not None and yellow is not None and red >= yellow:
        errors["band_yellow_max"] = "The yellow band's top must be above the red band's."
    return errors


def check_workspace(schedule: Schedule, timezone: str | None, retro_below: float | None) -> None:
    errors = schedule_errors(schedule)
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = "Not a time zone I know; use a name like Europe/Berlin."
    if retro_below is not None and not 0.0 <= retro_below <= 1.0:
        errors["retro_below"] = "A score from 0.0 to 1.0, like 0.7."
    _raise_if(errors)


def check_team(form: TeamForm, name_taken: bool, parent_allowed: bool) -> None:
    errors = schedule_errors(form.schedule)
    name = form.name.strip()
    if not name:
        errors["name"] = "Give the team a name."
    elif len(name) > MAX_TEAM_NAME:
        errors["name"] = f"Keep the name under {MAX_TEAM_NAME} characters."
    elif name_taken:
        errors["name"] = f"There is already a team named {name}."
    if not parent_allowed:
        errors["parent_id"] = "A team cannot sit under itself or a team below it."
    _raise_if(errors)


def check_cycle(cycle: NewCycle, name_taken: bool) -> None:
    errors: dict[str, str] = {}
    name = cycle.name.strip()
    if not name:
        errors["name"] = "Give the cycle a name, like 2027-Q1."
    elif len(name) > MAX_CYCLE_NAME:
        errors["name"] = f"Keep the name under {MAX_CYCLE_NAME} characters."
    elif name_taken:
        errors["name"] = f"There is already a cycle named {name}."
    if cycle.start is None:
        errors["start"] = "Pick the first day."
    if cycle.end is None:
        errors["end"] = "Pick the last day."
    elif cycle.start is not None and cycle.end <= cycle.start:
        errors["end"] = "The last day must come after the first."
    _raise_if(errors)


def _raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise FieldErrors(errors)
