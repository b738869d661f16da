"""One owner's plan from what was read of them: the step due now, if any, and the earliest
instant that could change it."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.db.models import Team
from bot.db.prompt_planning import OwnerRow
from bot.domain.cadence import local_instant, period_end, prompt_instant
from bot.domain.prompting import (
    Ownership,
    PromptState,
    PromptStatus,
    PromptTiming,
    Step,
    next_change,
    next_step,
    owned_since,
)
from bot.domain.reach import Reach
from bot.domain.working_hours import WorkingHours
from bot.services.members import LocalCalendar, calendar_for
from bot.services.profiles import away_by_status
from bot.services.public_holidays import closed_days
from bot.services.workspace_defaults import WorkspaceDefaults, reminder_delay

_UTC = ZoneInfo("UTC")


@dataclass(frozen=True, slots=True)
class OwnerInputs:
    """What planning reads of one owner: their row, their KRs' cycles, their primary team and
    their prompts of the periods asked about. Kept between ticks while their rows stay as they
    are; slots, because a workspace's worth is held."""

    row: OwnerRow
    krs: tuple[Ownership, ...]
    team_id: int | None
    prompts: Mapping[str, tuple[int, PromptState]]  # by period: id and state


@dataclass(frozen=True)
class Plan:
    """One message to send: the claim it needs first, and how often Slack said "not yet"."""

    member_id: int
    slack_user_id: str
    period: str
    today: date  # the member's own date, which decides which KRs are active
    step: Step
    timing: PromptTiming
    prompt_id: int | None
    expected: PromptStatus | None
    dm_channel_id: str | None = None  # known from an earlier DM; else the user id reaches it
    requeues: int = 0

    @property
    def claimed_as(self) -> PromptStatus:
        return PromptStatus.REMINDED if self.step is Step.REMIND else PromptStatus.CLAIMED


@dataclass(frozen=True)
class Owner:
    """One owner's calendar, working hours and away, before their prompt is looked at."""

    inputs: OwnerInputs
    calendar: LocalCalendar
    reach: Reach
    team: Team | None
    since: datetime | None  # None: no key result active on their today

    @property
    def row(self) -> OwnerRow:
        return self.inputs.row


class PlanRun:
    """What one planning run holds for all its owners: the instant, the workspace's defaults,
    every team (a handful, read once) and each calendar, worked out once per zone, team and
    personal prompt time."""

    def __init__(
        self,
        now: datetime,
        defaults: WorkspaceDefaults,
        hours: WorkingHours,
        teams: dict[int, Team],
        *,
        force: bool,
    ) -> None:
        self.now, self.defaults, self.force = now, defaults, force
        self._hours, self._teams = hours, teams
        self._calendars: dict[tuple[object, ...], LocalCalendar] = {}

    def owner(self, inputs: OwnerInputs) -> Owner:
        row, team = inputs.row, self._team(inputs.team_id)
        calendar = self._calendar(row, team)
        region = row.holidays or (team.holidays if team else None) or self.defaults.holidays
        hours = _hours(self._hours, region, self.now.date())
        reach = Reach(hours, row.away_until, (), away_by_status(row))
        since = owned_since(list(inputs.krs), calendar.today, calendar.tz)
        return Owner(inputs, calendar, reach, team, since)

    def period_key(self, row: OwnerRow, team_id: int | None) -> str:
        """The owner's current period, whose prompt their plan looks at."""
        return self._calendar(row, self._team(team_id)).period.key

    def _team(self, team_id: int | None) -> Team | None:
        return None if team_id is None else self._teams.get(team_id)

    def _calendar(self, row: OwnerRow, team: Team | None) -> LocalCalendar:
        key = (row.timezone, team.id if team else None, row.prompt_weekday, row.prompt_at)
        if key not in self._calendars:
            self._calendars[key] = calendar_for(row, team, self.now, self.defaults.calendar)
        return self._calendars[key]


def plan_owner(person: Owner, run: PlanRun) -> tuple[Plan | None, datetime]:
    """The member's due plan, if any, and until when nothing turns for them."""
    calendar, row, now = person.calendar, person.row, run.now
    # Their today, their away and a cycle's start turn at their midnight; a status at its end.
    wake = next_midnight(now, calendar.tz)
    if row.status_away_until is not None and row.status_away_until > now:
        wake = min(wake, row.status_away_until)
    if person.since is None or person.reach.away_at(now, calendar.today):
        return None, wake
    delay = reminder_delay(person.team, run.defaults.reminder_after_hours)
    delay = None if row.reminders_off else delay  # their own `/okr prefs`
    timing = _timing(calendar, delay, person.since, person.reach.hours)
    found = person.inputs.prompts.get(calendar.period.key)
    state = found[1] if found else None
    step = next_step(now, state, timing, force=run.force)
    wake = min(wake, next_change(now, state, timing))
    if step is Step.WAIT:
        return None, wake
    plan = Plan(
        row.id,
        row.slack_user_id,
        calendar.period.key,
        calendar.today,
        step,
        timing,
        found[0] if found else None,
        state.status if state else None,
        row.dm_channel_id,
    )
    return plan, now  # due now: plan again next time, whatever this run makes of it


# Shared by owners with the same calendar, reminder delay, start and hours: its `ask_at`,
# asked for several times per owner, is then worked out once for all of them.
@lru_cache(maxsize=1024)
def _timing(
    calendar: LocalCalendar, remind_after: timedelta | None, since: datetime, hours: WorkingHours
) -> PromptTiming:
    due_at, ends_at = _instants(calendar)
    return PromptTiming(due_at, ends_at, calendar.tz, hours, remind_after, since)


# Memoised: thousands of owners share a handful of zones, cadences and holiday regions, and
# these are pure functions of their arguments.
@lru_cache(maxsize=1024)
def _instants(calendar: LocalCalendar) -> tuple[datetime, datetime]:
    return (
        prompt_instant(calendar.cadence, calendar.period, calendar.tz),
        period_end(calendar.period, calendar.tz),
    )


@lru_cache(maxsize=1024)
def _hours(hours: WorkingHours, region: str | None, around: date) -> WorkingHours:
    return replace(hours, closed=closed_days(region, around))


@lru_cache(maxsize=256)  # every owner's, each run: a handful of zones
def next_midnight(now: datetime, tz: ZoneInfo = _UTC) -> datetime:
    """The start of the day after `now`'s in `tz`."""
    tomorrow = now.astimezone(tz).date() + timedelta(days=1)
    return local_instant(tomorrow, time(0), tz)
