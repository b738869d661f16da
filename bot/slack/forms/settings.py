"""Settings modal state → typed forms, or {block_id: what to fix} for values that do not parse."""

from datetime import date, time
from typing import Any

from bot.domain.errors import FieldErrors
from bot.services.settings.prefs import PrefsForm
from bot.services.settings.results import NewCycle, Schedule, TeamForm, WorkspaceForm
from bot.slack import payload
from bot.slack.ids import (
    DEFAULT,
    MENTION_BLOCKERS,
    NO_PARENT,
    REMINDER_24H,
    REMINDER_CUSTOM,
    REMINDER_OFF,
    REMINDERS_OFF,
)
from bot.slack.ids import SettingsField as F

# Service errors name fields; a few of them are shown on another block of the modal.
BLOCK_OF_FIELD = {"reminder_after_hours": F.REMINDER_HOURS.value}


class _Reader:
    def __init__(self, view: dict[str, Any]) -> None:
        self.values: payload.State = payload.state_values(view)
        self.errors: dict[str, str] = {}

    def element(self, field: F) -> dict[str, Any]:
        return self.values.get(field, {}).get(field, {})

    def choice(self, field: F) -> str | None:
        value = payload.picked(self.element(field))
        return None if value in (None, DEFAULT) else value

    def text(self, field: F) -> str | None:
        return payload.typed(self.element(field)).strip() or None

    def integer(self, field: F) -> int | None:
        raw = self.text(field)
        try:
            return None if raw is None else int(raw)
        except ValueError:
            self.errors[field] = "Type a whole number."
            return None

    def decimal(self, field: F) -> float | None:
        raw = self.text(field)
        try:
            return None if raw is None else float(raw)
        except ValueError:
            self.errors[field] = "Type a number, like 0.7."
            return None

    def weekday(self, field: F) -> int | None:
        value = self.choice(field)
        return None if value is None or not value.isdigit() else int(value)

    def clock_time(self, field: F) -> time | None:
        raw = payload.typed(self.element(field), "selected_time")
        try:
            return time.fromisoformat(raw) if raw else None
        except ValueError:
            self.errors[field] = "Pick a time."
            return None

    def day(self, field: F) -> date | None:
        raw = payload.typed(self.element(field), "selected_date")
        try:
            return date.fromisoformat(raw) if raw else None
        except ValueError:
            self.errors[field] = "Pick a date."
            return None

    def users(self, field: F) -> tuple[str, ...]:
        return tuple(payload.picked_all(self.element(field), "selected_users"))

    def reminder(self) -> int | None:
        choice = self.choice(F.REMINDER)
        if choice == REMINDER_OFF:
            return 0
        if choice == REMINDER_24H:
            return 24
        if choice == REMINDER_CUSTOM:
            hours = self.integer(F.REMINDER_HOURS)
            if hours is None and F.REMINDER_HOURS not in self.errors:
                self.errors[F.REMINDER_HOURS] = "How many hours after the check-in?"
            return hours
        return None

    def schedule(self) -> Schedule:
        return Schedule(
            cadence=self.choice(F.CADENCE),
            cadence_every=self.integer(F.CADENCE_EVERY),
            cadence_anchor=self.day(F.CADENCE_ANCHOR),
            prompt_weekday=self.weekday(F.PROMPT_WEEKDAY),
            prompt_at=self.clock_time(F.PROMPT_AT),
            reminder_after_hours=self.reminder(),
            digest_weekday=self.weekday(F.DIGEST_WEEKDAY),
            digest_at=self.clock_time(F.DIGEST_AT),
            band_red_max=self.integer(F.BAND_RED),
            band_yellow_max=self.integer(F.BAND_YELLOW),
            holidays=(self.text(F.HOLIDAYS) or "").upper() or None,
        )

    def check(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)


def workspace_form(view: dict[str, Any]) -> WorkspaceForm:
    read = _Reader(view)
    form = WorkspaceForm(read.schedule(), read.text(F.TIMEZONE), read.decimal(F.RETRO_BELOW))
    read.check()
    return form


def team_form(view: dict[str, Any]) -> TeamForm:
    read = _Reader(view)
    parent_value = payload.picked(read.element(F.PARENT)) or NO_PARENT
    form = TeamForm(
        name=read.text(F.NAME) or "",
        channel_id=payload.typed(read.element(F.CHANNEL), "selected_conversation") or None,
        parent_id=int(parent_value) if parent_value.isdigit() else None,
        leads=read.users(F.LEADS),
        members=read.users(F.MEMBERS),
        schedule=read.schedule(),
        mention_blockers=MENTION_BLOCKERS in payload.picked_all(read.element(F.MENTION_BLOCKERS)),
    )
    read.check()
    return form


def prefs_form(view: dict[str, Any]) -> PrefsForm:
    """`/okr prefs`: a day left out (a monthly team) follows the team."""
    read = _Reader(view)
    form = PrefsForm(
        prompt_weekday=read.weekday(F.PROMPT_WEEKDAY),
        prompt_at=read.clock_time(F.PROMPT_AT),
        reminders=read.choice(F.REMINDERS) != REMINDERS_OFF,
        holidays=(read.text(F.HOLIDAYS) or "").upper() or None,
    )
    read.check()
    return form


def new_cycle(view: dict[str, Any]) -> NewCycle:
    read = _Reader(view)
    cycle = NewCycle(read.text(F.NAME) or "", read.day(F.START), read.day(F.END))
    read.check()
    return cycle


def admins(view: dict[str, Any]) -> tuple[str, ...]:
    return _Reader(view).users(F.ADMINS)


def team_id_of(view: dict[str, Any]) -> int | None:
    """The team id the modal was opened for: a hint only, the service checks it again."""
    try:
        team_id = payload.metadata(view).get("team_id")
    except payload.StalePayload:
        return None
    return team_id if isinstance(team_id, int) and not isinstance(team_id, bool) else None


def by_block(invalid: FieldErrors[str], _: dict[str, Any]) -> dict[str, str]:
    """The form's and the service's errors, each on the block that shows its field."""
    return {BLOCK_OF_FIELD.get(name, name): message for name, message in invalid.errors.items()}
