"""Who is owed a prompt or a reminder now, a page of owners at a time, from plain rows, and the
earliest instant that could change for anyone planned."""

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.db import prompts
from bot.db.engine import Database, Session
from bot.db.models import Team
from bot.db.prompt_planning import OwnerRow, Owners, owner_ids, owner_page
from bot.db.reach import kr_updates
from bot.db.teams import all_teams, primary_team_ids
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
from bot.services.members import CalendarDefaults, LocalCalendar, calendar_for
from bot.services.profiles import away_by_status
from bot.services.public_holidays import closed_days
from bot.services.workspace_defaults import WorkspaceDefaults, reminder_delay

_UTC = ZoneInfo("UTC")

# Owners planned and sent to per page: memory stays flat however large the workspace.
PAGE_SIZE = 500

# Admits an owner read from the database (fetching a profile never read yet), or None.
Admit = Callable[[OwnerRow], OwnerRow | None]


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
class PlannedPage:
    plans: list[Plan]  # what is due now (not WAIT)
    # Per owner planned: nothing is due for them before this, their rows staying as they are.
    wakes: dict[int, datetime]


@dataclass(frozen=True)
class _Owner:
    """One owner's calendar, working hours and away, before their prompt is looked at."""

    row: OwnerRow
    calendar: LocalCalendar
    reach: Reach
    team: Team | None
    since: datetime | None  # None: no key result active on their today


@dataclass(frozen=True)
class _Run:
    """What one planning run holds for all its pages."""

    now: datetime
    defaults: WorkspaceDefaults
    force: bool
    calendars: "_Calendars"
    teams: dict[int, Team]  # every team, read once: a handful, shared by all owners


class PromptPlanner:
    def __init__(self, database: Database, hours: WorkingHours) -> None:
        self._db = database
        self._hours = hours

    def pages(
        self,
        now: datetime,
        defaults: WorkspaceDefaults,
        admit: Admit,
        *,
        force: bool,
        only: Collection[int] | None = None,
    ) -> Iterator[PlannedPage]:
        """Every owner's plan, or with `only` those owners', PAGE_SIZE owners at a time in
        member id order."""
        with self._db.read() as session:
            ids = owner_ids(session, now.date()) if only is None else sorted(only)
            teams = {team.id: team for team in all_teams(session) if team.id is not None}
        run = _Run(now, defaults, force, _Calendars(now, defaults.calendar), teams)
        for start in range(0, len(ids), PAGE_SIZE):
            cut = ids[start : start + PAGE_SIZE]
            # A page of everyone is the owners from its first id to its last: a range.
            owners = Owners(cut[0], cut[-1]) if only is None else Owners.listed(cut)
            with self._db.read() as session:
                rows = owner_page(session, now.date(), owners)
            admitted = [(row, krs) for row, krs in ((admit(r), k) for r, k in rows) if row]
            with self._db.read() as session:
                page = self._page(session, admitted, run, owners)
            yield page  # the read is over: the caller sends outside any transaction

    def _page(
        self,
        session: Session,
        admitted: list[tuple[OwnerRow, list[Ownership]]],
        run: _Run,
        owners: Owners,
    ) -> PlannedPage:
        now = run.now
        team_of = primary_team_ids(session, owners)
        people = [
            self._owner(row, krs, _team(run.teams, team_of.get(row.id)), run)
            for row, krs in admitted
        ]
        keys = {person.calendar.period.key for person in people}
        existing = prompts.prompt_states(session, owners, keys)
        plans, wakes = [], {}
        for person in people:
            found = existing.get((person.row.id, person.calendar.period.key))
            plan, wakes[person.row.id] = _plan(person, found, run)
            if plan is not None:
                plans.append(plan)
        return PlannedPage(_answered(session, plans, people, now), wakes)

    def _owner(self, row: OwnerRow, krs: list[Ownership], team: Team | None, run: _Run) -> _Owner:
        calendar = run.calendars.of(row, team)
        region = row.holidays or (team.holidays if team else None) or run.defaults.holidays
        hours = _hours(self._hours, region, run.now.date())
        reach = Reach(hours, row.away_until, (), away_by_status(row))
        return _Owner(row, calendar, reach, team, owned_since(krs, calendar.today, calendar.tz))


def _team(teams: dict[int, Team], team_id: int | None) -> Team | None:
    return None if team_id is None else teams.get(team_id)


def _plan(
    person: _Owner, found: tuple[int, PromptState] | None, run: _Run
) -> tuple[Plan | None, datetime]:
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


def _answered(
    session: Session, plans: list[Plan], people: list[_Owner], now: datetime
) -> list[Plan]:
    """A prompt not yet made is not sent to someone who updated every key result just before
    it: their check-ins are read for those few only."""
    fresh_check = [p for p in plans if p.prompt_id is None and p.step in (Step.SEND, Step.MISS)]
    if not fresh_check:
        return plans
    updates = kr_updates(session, [plan.member_id for plan in fresh_check], now.date())
    reach = {person.row.id: person.reach for person in people}
    answered = set()
    for plan in fresh_check:
        theirs = replace(reach[plan.member_id], updates=tuple(updates.get(plan.member_id, ())))
        if theirs.answered_before(plan.timing.ask_at, now, plan.today):
            answered.add(plan.member_id)
    return [replace(p, step=Step.ANSWER) if p.member_id in answered else p for p in plans]


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


class _Calendars:
    """Each owner's calendar, worked out once per zone, team and personal prompt time."""

    def __init__(self, now: datetime, defaults: CalendarDefaults) -> None:
        self._now, self._defaults = now, defaults
        self._known: dict[tuple[object, ...], LocalCalendar] = {}

    def of(self, row: OwnerRow, team: Team | None) -> LocalCalendar:
        key = (row.timezone, team.id if team else None, row.prompt_weekday, row.prompt_at)
        if key not in self._known:
            self._known[key] = calendar_for(row, team, self._now, self._defaults)
        return self._known[key]


@lru_cache(maxsize=256)  # every owner's, each run: a handful of zones
def next_midnight(now: datetime, tz: ZoneInfo = _UTC) -> datetime:
    """The start of the day after `now`'s in `tz`."""
    tomorrow = now.astimezone(tz).date() + timedelta(days=1)
    return local_instant(tomorrow, time(0), tz)
