"""Who is owed a prompt or a reminder now: owners read a page at a time as plain rows, or
taken as the last plan read them, each planned with the instant their plan may next change."""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType

from bot.db import prompts
from bot.db.engine import Database, Session
from bot.db.prompt_planning import OwnerRow, Owners, owner_ids, owner_page, ownerships
from bot.db.reach import kr_updates
from bot.db.teams import all_teams, primary_team_ids
from bot.domain.prompting import PromptState, Step
from bot.domain.working_hours import WorkingHours
from bot.services.checkins.owner_plan import (
    Owner,
    OwnerInputs,
    Plan,
    PlanRun,
    plan_owner,
)
from bot.services.workspace_defaults import WorkspaceDefaults

# Owners planned and sent to per page: what a run holds at once stays small.
PAGE_SIZE = 500

# Admits an owner read from the database (fetching a profile never read yet), or None.
Admit = Callable[[OwnerRow], OwnerRow | None]

_NO_PROMPTS: Mapping[str, tuple[int, PromptState]] = MappingProxyType({})


@dataclass(frozen=True)
class PlannedPage:
    plans: list[Plan]  # what is due now (not WAIT)
    # Per owner planned: nothing is due for them before this, their rows staying as they are.
    wakes: dict[int, datetime]
    read: Sequence[OwnerInputs]  # the owners this page read from the database, to keep


@dataclass(frozen=True)
class ToPlan:
    """Whom a tick plans when it remembers the last plan: those read again, and those planned
    from what was kept (some of it read again, as the flags say)."""

    reread: set[int]  # owners whose rows changed, or who are new
    known: list[OwnerInputs]  # owners whose moment came, as they were last read
    # The workspace's settings changed: `known` is everyone else, whose prompts are read
    # again, since a new cadence asks about other periods.
    restate: bool = False
    # A cycle's days changed: the known owners' key results' cycles are read again.
    reown: bool = False


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
        only: ToPlan | None = None,
    ) -> Iterator[PlannedPage]:
        """Every owner read and planned, PAGE_SIZE at a time in member id order; or `only`
        those owners read anew and the known ones planned as they were read (with `restate`,
        their prompts read again; with `reown`, their key results' cycles)."""
        reread, known = (None, ()) if only is None else (sorted(only.reread), only.known)
        with self._db.read() as session:
            ids = owner_ids(session, now.date()) if reread is None else reread
            teams = {team.id: team for team in all_teams(session) if team.id is not None}
        run = PlanRun(now, defaults, self._hours, teams, force=force)
        for start in range(0, len(ids), PAGE_SIZE):
            cut = ids[start : start + PAGE_SIZE]
            # A page of everyone is the owners from its first id to its last: a range.
            owners = Owners(cut[0], cut[-1]) if reread is None else Owners.listed(cut)
            read = self._read(owners, run, admit)
            yield self._plan(read, run, read)  # each read is over: the caller sends freely
        restate, reown = (False, False) if only is None else (only.restate, only.reown)
        for start in range(0, len(known), PAGE_SIZE):
            kept = known[start : start + PAGE_SIZE]
            if restate:
                kept = self._restated(kept, run)
            if reown:
                kept = self._reowned(kept, run)
            yield self._plan(kept, run, kept if restate or reown else [])  # kept anew

    def _read(self, owners: Owners, run: PlanRun, admit: Admit) -> list[OwnerInputs]:
        with self._db.read() as session:
            rows = owner_page(session, run.now.date(), owners)
        admitted = [(row, krs) for row, krs in ((admit(r), k) for r, k in rows) if row]
        with self._db.read() as session:
            team_of = primary_team_ids(session, owners)
            asked = ((row, team_of.get(row.id)) for row, _ in admitted)
            theirs = _prompts_of(session, owners, run, asked)
        return [
            OwnerInputs(row, tuple(krs), team_of.get(row.id), theirs.get(row.id, _NO_PROMPTS))
            for row, krs in admitted
        ]

    def _restated(self, known: Sequence[OwnerInputs], run: PlanRun) -> list[OwnerInputs]:
        """These owners as they were read, with their prompts of the periods now current."""
        owners = Owners.listed([one.row.id for one in known])
        with self._db.read() as session:
            asked = ((one.row, one.team_id) for one in known)
            theirs = _prompts_of(session, owners, run, asked)
        return [replace(one, prompts=theirs.get(one.row.id, _NO_PROMPTS)) for one in known]

    def _reowned(self, known: Sequence[OwnerInputs], run: PlanRun) -> list[OwnerInputs]:
        """These owners as they were read, with their key results' cycles read again."""
        owners = Owners.listed([one.row.id for one in known])
        with self._db.read() as session:
            theirs = ownerships(session, run.now.date(), owners)
        return [replace(one, krs=tuple(theirs.get(one.row.id, ()))) for one in known]

    def _plan(
        self, inputs: Sequence[OwnerInputs], run: PlanRun, read: Sequence[OwnerInputs]
    ) -> PlannedPage:
        people = [run.owner(one) for one in inputs]
        plans, wakes = [], {}
        for person in people:
            plan, wakes[person.row.id] = plan_owner(person, run)
            if plan is not None:
                plans.append(plan)
        return PlannedPage(self._answered(plans, people, run.now), wakes, read)

    def _answered(self, plans: list[Plan], people: list[Owner], now: datetime) -> list[Plan]:
        """A prompt not yet made is not sent to someone who updated every key result just
        before it: their check-ins are read for those few only."""
        fresh = [p for p in plans if p.prompt_id is None and p.step in (Step.SEND, Step.MISS)]
        if not fresh:
            return plans
        with self._db.read() as session:
            updates = kr_updates(session, [plan.member_id for plan in fresh], now.date())
        reach = {person.row.id: person.reach for person in people}
        answered = set()
        for plan in fresh:
            theirs = replace(reach[plan.member_id], updates=tuple(updates.get(plan.member_id, ())))
            if theirs.answered_before(plan.timing.ask_at, now, plan.today):
                answered.add(plan.member_id)
        return [replace(p, step=Step.ANSWER) if p.member_id in answered else p for p in plans]


def _prompts_of(
    session: Session, owners: Owners, run: PlanRun, asked: Iterable[tuple[OwnerRow, int | None]]
) -> dict[int, dict[str, tuple[int, PromptState]]]:
    """By member, their prompts of the current periods of these (row, primary team) pairs."""
    keys = {run.period_key(row, team_id) for row, team_id in asked}
    theirs: dict[int, dict[str, tuple[int, PromptState]]] = {}
    for (member_id, period), prompt in prompts.prompt_states(session, owners, keys).items():
        theirs.setdefault(member_id, {})[period] = prompt
    return theirs
