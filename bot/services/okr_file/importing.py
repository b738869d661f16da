"""Importing a cycle's OKRs from the import file: all of it in one transaction, or nothing."""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from bot.db import catalog
from bot.db.catalog import Change
from bot.db.engine import Database, Session
from bot.db.sources import SourceChange
from bot.services.okr_file.parse import (
    ImportPlan,
    KeyResultPlan,
    ObjectivePlan,
    TeamPlan,
    parse_okr_file,
)
from bot.services.ports import Clock, SystemClock
from bot.services.scoring import close_cycle
from bot.services.source_saving import store_source


@dataclass(frozen=True)
class ChangeCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @classmethod
    def of(cls, changes: Counter[Change]) -> "ChangeCounts":
        return cls(changes[Change.CREATED], changes[Change.UPDATED], changes[Change.UNCHANGED])

    def describe(self, noun: str) -> str:
        return f"{noun} {self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True)
class ImportSummary:
    cycle_name: str
    cycle_change: str
    teams: ChangeCounts
    objectives: ChangeCounts
    key_results: ChangeCounts

    @property
    def changed(self) -> bool:
        counts = (self.teams, self.objectives, self.key_results)
        return self.cycle_change != Change.UNCHANGED or any(c.created or c.updated for c in counts)

    def describe(self) -> str:
        """One line for the command line, e.g. after `okr-bot import FILE.yaml`."""
        return (
            f"Cycle {self.cycle_name} {self.cycle_change}; {self.teams.describe('teams')}; "
            f"{self.objectives.describe('objectives')}; "
            f"{self.key_results.describe('key results')}."
        )


class OkrImporter:
    def __init__(self, database: Database, clock: Clock | None = None) -> None:
        self._database = database
        self._clock = clock or SystemClock()

    def import_text(self, text: str) -> ImportSummary:
        """Applies the file; an invalid file raises ImportFileError before anything is written."""
        return self.import_plan(parse_okr_file(text))

    def import_plan(self, plan: ImportPlan) -> ImportSummary:
        with self._database.transaction() as session:
            return _PlanWriter(session, self._clock.now()).write(plan)


class _PlanWriter:
    """Upserts a plan row by row, tallying what each upsert did."""

    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now
        self._member_ids: dict[str, int] = {}
        self._teams: Counter[Change] = Counter()
        self._team_ids: dict[str, int] = {}
        self._objectives: Counter[Change] = Counter()
        self._key_results: Counter[Change] = Counter()

    def write(self, plan: ImportPlan) -> ImportSummary:
        self._member_ids = catalog.ensure_members(self._session, _everyone(plan))
        cycle, cycle_change = catalog.upsert_cycle(
            self._session, plan.cycle.name, plan.cycle.start, plan.cycle.end
        )
        assert cycle.id is not None
        for team in _parents_first(plan.teams):
            self._write_team(cycle.id, team)
        if plan.cycle.closed and cycle.closed_at is None:
            # Closing scores what was just written; a closed cycle is never reopened.
            close_cycle(self._session, cycle, self._now)
            if cycle_change is Change.UNCHANGED:
                cycle_change = Change.UPDATED
        return ImportSummary(
            plan.cycle.name,
            cycle_change.value,
            ChangeCounts.of(self._teams),
            ChangeCounts.of(self._objectives),
            ChangeCounts.of(self._key_results),
        )

    def _write_team(self, cycle_id: int, plan: TeamPlan) -> None:
        cadence = plan.cadence
        team, change = catalog.upsert_team(
            self._session,
            plan.name,
            plan.channel,
            self._ids(plan.leads),
            self._ids(plan.members),
            timezone=plan.timezone,
            cadence=cadence.kind.value if cadence else None,
            cadence_every=cadence.every if cadence else None,
            cadence_anchor=cadence.anchor if cadence else None,
            prompt_weekday=cadence.weekday if cadence else None,
            prompt_at=cadence.at if cadence else None,
            digest_weekday=plan.digest_weekday,
            digest_at=plan.digest_at,
            reminder_after_hours=plan.reminder_after_hours,
            band_red_max=plan.band_red_max,
            band_yellow_max=plan.band_yellow_max,
            holidays=plan.holidays,
            mention_blockers=plan.mention_blockers,
            parent_id=self._team_ids[plan.parent] if plan.parent else None,
        )
        assert team.id is not None
        self._team_ids[plan.name] = team.id
        self._teams[change] += 1
        for objective_plan in plan.objectives:
            self._write_objective(cycle_id, team.id, objective_plan)

    def _write_objective(self, cycle_id: int, team_id: int, plan: ObjectivePlan) -> None:
        objective, change = catalog.upsert_objective(
            self._session,
            cycle_id,
            team_id,
            plan.title,
            description=plan.description,
            owner_id=self._member_ids[plan.owner] if plan.owner else None,
            kind=plan.kind.value,
        )
        self._objectives[change] += 1
        assert objective.id is not None
        for kr in plan.key_results:
            self._write_key_result(objective.id, kr)

    def _write_key_result(self, objective_id: int, plan: KeyResultPlan) -> None:
        kr, change = catalog.upsert_key_result(
            self._session,
            objective_id,
            plan.title,
            owner_id=self._member_ids[plan.owner],
            kr_type=plan.kr_type.value,
            start_value=plan.start,
            target_value=plan.target,
            unit=plan.unit,
            indicator=plan.indicator.value if plan.indicator else None,
            contributor_ids=self._ids(plan.contributors),
            now=self._now,
        )
        assert kr.id is not None
        # The file is the whole truth: a key result written without `source:` has none.
        saved = store_source(self._session, kr.id, plan.source, self._now, random.random())  # noqa: S311 (jitter, not a secret)
        if saved is not SourceChange.UNCHANGED and change is Change.UNCHANGED:
            change = Change.UPDATED
        self._key_results[change] += 1

    def _ids(self, slack_ids: tuple[str, ...]) -> list[int]:
        return [self._member_ids[slack_id] for slack_id in slack_ids]


def _parents_first(teams: tuple[TeamPlan, ...]) -> list[TeamPlan]:
    """Teams ordered so each parent is written before its children (the file has no loops)."""
    ordered: list[TeamPlan] = []
    placed: set[str] = set()
    while len(ordered) < len(teams):
        for team in teams:
            if team.name not in placed and (team.parent is None or team.parent in placed):
                ordered.append(team)
                placed.add(team.name)
    return ordered


def _everyone(plan: ImportPlan) -> set[str]:
    """Every Slack user id the plan names, so members are created in one statement."""
    people: set[str] = set()
    for team in plan.teams:
        people.update(team.leads, team.members)
        for objective in team.objectives:
            people.update([objective.owner] if objective.owner else [])
            for kr in objective.key_results:
                people.update([kr.owner], kr.contributors)
    return people
