"""The `/okr prefs` modal: my prompt day and time, my reminder, my holidays."""

from typing import Any

from bot.domain.prefs import DAY_NAMES
from bot.services.settings.prefs import PrefsView
from bot.slack.ids import DEFAULT, REMINDERS_OFF, REMINDERS_ON, Callback
from bot.slack.ids import SettingsField as F
from bot.slack.render.blocks import Block, context, input_block, option, plain, static_select
from bot.slack.render.quiet_fields import holidays_block
from bot.slack.render.settings_fields import timepicker


def prefs_modal(prefs: PrefsView) -> dict[str, Any]:
    form, team = prefs.form, prefs.team
    blocks: list[Block] = [
        context(
            f"Your team asks on {DAY_NAMES[team.weekday]} at {team.at:%H:%M} in your time zone. "
            "Choose your own within the team's rules."
        )
    ]
    if prefs.days:
        days = [option(DEFAULT, f"As my team ({DAY_NAMES[team.weekday]})")]
        days += [option(str(day), DAY_NAMES[day]) for day in prefs.days]
        chosen = DEFAULT if form.prompt_weekday is None else str(form.prompt_weekday)
        blocks.append(
            input_block(
                F.PROMPT_WEEKDAY, "My check-in day", static_select(F.PROMPT_WEEKDAY, days, chosen)
            )
        )
    hours = f"{prefs.hours.start:%H:%M}–{prefs.hours.end:%H:%M}"
    blocks.append(
        input_block(
            F.PROMPT_AT,
            "My check-in time",
            timepicker(F.PROMPT_AT, form.prompt_at),
            optional=True,
            hint=f"Within working hours, {hours}. Empty: as my team ({team.at:%H:%M}).",
        )
    )
    blocks.append(_reminders(prefs))
    blocks.append(holidays_block(form.holidays, _team_region(prefs.team_holidays)))
    return {
        "type": "modal",
        "callback_id": Callback.PREFS_MODAL,
        "title": plain("My check-in settings"),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "blocks": blocks,
    }


def _reminders(prefs: PrefsView) -> Block:
    options = [option(REMINDERS_ON, "Remind me once"), option(REMINDERS_OFF, "No reminders")]
    chosen = REMINDERS_ON if prefs.form.reminders else REMINDERS_OFF
    hint = None if prefs.team_reminds else "Your team sends no reminders, so none will come."
    return input_block(
        F.REMINDERS, "Reminder", static_select(F.REMINDERS, options, chosen), hint=hint
    )


def _team_region(region: str | None) -> str:
    return f"As my team ({region})" if region else "No public holidays kept"
