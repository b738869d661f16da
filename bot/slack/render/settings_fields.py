"""Inputs shared by the settings modals: cadence, prompt and digest times, reminder, bands."""

from datetime import date, time

from bot.services.settings.results import Schedule
from bot.slack.ids import DEFAULT, REMINDER_24H, REMINDER_CUSTOM, REMINDER_OFF
from bot.slack.ids import SettingsField as F
from bot.slack.render.blocks import Block, input_block, option, static_select
from bot.slack.render.quiet_fields import holidays_block

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CADENCES = (("weekly", "Weekly"), ("every_n_weeks", "Every N weeks"), ("monthly", "Monthly"))


def number(field: F, value: float | None, low: int, high: int, *, decimal: bool = False) -> Block:
    element: Block = {"type": "number_input", "action_id": field, "is_decimal_allowed": decimal}
    element |= {"min_value": str(low), "max_value": str(high)}
    if value is not None:
        element["initial_value"] = str(value)
    return element


def timepicker(field: F, at: time | None) -> Block:
    element: Block = {"type": "timepicker", "action_id": field}
    if at is not None:
        element["initial_time"] = at.strftime("%H:%M")
    return element


def datepicker(field: F, day: date | None) -> Block:
    element: Block = {"type": "datepicker", "action_id": field}
    if day is not None:
        element["initial_date"] = day.isoformat()
    return element


def weekday_select(field: F, weekday: int | None, default_label: str) -> Block:
    options = [option(DEFAULT, default_label)]
    options += [option(str(i), name) for i, name in enumerate(WEEKDAYS)]
    return static_select(field, options, DEFAULT if weekday is None else str(weekday))


def schedule_blocks(schedule: Schedule, default_label: str) -> list[Block]:
    """The inputs of a schedule; `default_label` names what an unset value falls back to."""
    return [
        *cadence_blocks(schedule, default_label),
        *prompt_time_blocks(schedule, default_label),
        *reminder_blocks(schedule.reminder_after_hours, default_label),
        *digest_time_blocks(schedule, default_label),
        *band_blocks(schedule),
        holidays_block(schedule.holidays, default_label),
    ]


def cadence_blocks(s: Schedule, default_label: str) -> list[Block]:
    cadences = [option(DEFAULT, default_label)] + [option(v, t) for v, t in CADENCES]
    return [
        input_block(
            F.CADENCE, "Check-in cadence", static_select(F.CADENCE, cadences, s.cadence or DEFAULT)
        ),
        input_block(
            F.CADENCE_EVERY,
            "Every how many weeks (for every N weeks)",
            number(F.CADENCE_EVERY, s.cadence_every, 2, 12),
            optional=True,
        ),
        input_block(
            F.CADENCE_ANCHOR,
            "A day the first sprint started (for every N weeks)",
            datepicker(F.CADENCE_ANCHOR, s.cadence_anchor),
            optional=True,
        ),
    ]


def prompt_time_blocks(s: Schedule, default_label: str) -> list[Block]:
    return [
        input_block(
            F.PROMPT_WEEKDAY,
            "Check-in day",
            weekday_select(F.PROMPT_WEEKDAY, s.prompt_weekday, default_label),
            hint="Monthly check-ins fall on the month's first working day.",
        ),
        input_block(
            F.PROMPT_AT,
            "Check-in time (each person's own time zone)",
            timepicker(F.PROMPT_AT, s.prompt_at),
            optional=True,
            hint="Leave empty for the default.",
        ),
    ]


def digest_time_blocks(s: Schedule, default_label: str) -> list[Block]:
    return [
        input_block(
            F.DIGEST_WEEKDAY,
            "Digest day",
            weekday_select(F.DIGEST_WEEKDAY, s.digest_weekday, default_label),
        ),
        input_block(
            F.DIGEST_AT, "Digest time", timepicker(F.DIGEST_AT, s.digest_at), optional=True
        ),
    ]


def band_blocks(s: Schedule) -> list[Block]:
    """Where the red and yellow confidence bands end; green takes the rest."""
    return [
        input_block(
            F.BAND_RED,
            "Red band: confidence from 0 up to",
            number(F.BAND_RED, s.band_red_max, 0, 9),
            optional=True,
            hint="Empty for the default (0–3 red, 4–6 yellow, 7–10 green).",
        ),
        input_block(
            F.BAND_YELLOW,
            "Yellow band: confidence up to",
            number(F.BAND_YELLOW, s.band_yellow_max, 0, 9),
            optional=True,
        ),
    ]


def reminder_blocks(hours: int | None, default_label: str) -> list[Block]:
    options = [
        option(DEFAULT, default_label),
        option(REMINDER_24H, "After 24 hours"),
        option(REMINDER_CUSTOM, "After the hours below"),
        option(REMINDER_OFF, "No reminder"),
    ]
    if hours is None:
        chosen = DEFAULT
    elif hours == 0:
        chosen = REMINDER_OFF
    else:
        chosen = REMINDER_24H if hours == 24 else REMINDER_CUSTOM
    custom = hours if chosen == REMINDER_CUSTOM else None
    return [
        input_block(
            F.REMINDER,
            "Reminder to who has not checked in",
            static_select(F.REMINDER, options, chosen),
        ),
        input_block(
            F.REMINDER_HOURS,
            "Remind after how many hours",
            number(F.REMINDER_HOURS, custom, 1, 168),
            optional=True,
        ),
    ]
