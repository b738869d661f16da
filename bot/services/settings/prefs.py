"""`/okr prefs`: a member's own prompt day and time, reminders, and holiday region."""

from dataclasses import dataclass
from datetime import time

from bot.db.engine import Database, Session
from bot.db.models import Member
from bot.db.teams import primary_teams
from bot.domain.cadence import Cadence
from bot.domain.errors import FieldErrors
from bot.domain.prefs import PromptPrefs, choosable_days, prefs_problems
from bot.domain.working_hours import WorkingHours
from bot.services.cadences import team_cadence
from bot.services.members import CalendarDefaults, acting_member, reading_as
from bot.services.public_holidays import region_problem
from bot.services.workspace_defaults import digest_cadence, reminder_delay, workspace_defaults


@dataclass(frozen=True)
class PrefsForm:
    """What the member chose; None follows the team."""

    prompt_weekday: int | None = None
    prompt_at: time | None = None
    reminders: bool = True
    holidays: str | None = None


@dataclass(frozen=True)
class PrefsView:
    """The member's choices and the bounds the team and workspace set on them."""

    form: PrefsForm
    team: Cadence  # the team's own prompt day and time, shown as the default
    days: tuple[int, ...]  # the weekdays they may pick; empty when the team is monthly
    hours: WorkingHours
    team_reminds: bool  # False: the team sends no reminders, whatever the member says
    team_holidays: str | None  # the region kept when the member sets none


@dataclass(frozen=True)
class _Rules:
    team: Cadence
    digest: Cadence
    reminds: bool
    holidays: str | None


class PrefsService:
    def __init__(self, database: Database, defaults: CalendarDefaults, hours: WorkingHours) -> None:
        self._db = database
        self._defaults = defaults
        self._hours = hours

    def view(self, slack_user_id: str) -> PrefsView:
        with reading_as(self._db, slack_user_id) as (session, member):
            rules = self._rules(session, member)
            form = PrefsForm(
                member.prompt_weekday, member.prompt_at, not member.reminders_off, member.holidays
            )
        days = choosable_days(rules.team, self._hours, rules.digest)
        return PrefsView(form, rules.team, days, self._hours, rules.reminds, rules.holidays)

    def save(self, slack_user_id: str, form: PrefsForm) -> None:
        """Store the member's choices; FieldErrors names each field the rules refuse."""
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            rules = self._rules(session, member)
            prefs = PromptPrefs(form.prompt_weekday, form.prompt_at)
            errors = prefs_problems(prefs, rules.team, self._hours, rules.digest)
            if form.holidays is not None and (problem := region_problem(form.holidays)):
                errors["holidays"] = problem[:1].upper() + problem[1:] + "."
            if errors:
                raise FieldErrors(errors)
            member.prompt_weekday, member.prompt_at = form.prompt_weekday, form.prompt_at
            member.reminders_off = not form.reminders
            member.holidays = form.holidays

    def _rules(self, session: Session, member: Member) -> _Rules:
        assert member.id is not None
        defaults = workspace_defaults(session, self._defaults)
        team = primary_teams(session, [member.id]).get(member.id)
        return _Rules(
            team_cadence(team, defaults.calendar.cadence),
            defaults.digest if team is None else digest_cadence(team, defaults.digest),
            reminder_delay(team, defaults.reminder_after_hours) is not None,
            (team.holidays if team else None) or defaults.holidays,
        )
