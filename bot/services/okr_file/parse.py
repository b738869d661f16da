"""The import file: YAML text into a validated ImportPlan, or every problem with its line."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time

from pydantic import ValidationError

from bot.domain.cadence import DEFAULT_PROMPT_AT, CadenceKind
from bot.domain.progress import KRType
from bot.domain.sources import SourceSpec
from bot.services.okr_file.schema import (
    FileModel,
    Indicator,
    KeyResultModel,
    Loc,
    ObjectiveKind,
    ObjectiveModel,
    TeamModel,
    Weekday,
    error_loc,
    friendly_message,
    validate_file,
)
from bot.services.okr_file.yaml_document import (
    MAX_FILE_BYTES as MAX_FILE_BYTES,  # re-exported for callers
)
from bot.services.okr_file.yaml_document import FileProblem as FileProblem
from bot.services.okr_file.yaml_document import ImportFileError as ImportFileError
from bot.services.okr_file.yaml_document import YamlDocument


@dataclass(frozen=True)
class CyclePlan:
    name: str
    start: date
    end: date
    closed: bool = False


@dataclass(frozen=True)
class KeyResultPlan:
    title: str
    owner: str
    contributors: tuple[str, ...] = ()
    kr_type: KRType = KRType.INCREASE_TO
    start: float = 0.0
    target: float = 1.0
    unit: str | None = None
    indicator: Indicator | None = None
    source: SourceSpec | None = None  # `${NAME}` references kept as written


@dataclass(frozen=True)
class ObjectivePlan:
    title: str
    description: str | None = None
    owner: str | None = None
    kind: ObjectiveKind = ObjectiveKind.COMMITTED
    key_results: tuple[KeyResultPlan, ...] = ()


@dataclass(frozen=True)
class CadencePlan:
    """When a team's members are asked; `weekday` 0 is Monday."""

    kind: CadenceKind = CadenceKind.WEEKLY
    weekday: int = 0
    at: time = DEFAULT_PROMPT_AT
    every: int = 1
    anchor: date | None = None


@dataclass(frozen=True)
class TeamPlan:
    """Leads and members are sets, kept sorted; a lead is never also listed as a member."""

    name: str
    channel: str
    leads: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    objectives: tuple[ObjectivePlan, ...] = ()
    timezone: str | None = None
    cadence: CadencePlan | None = None
    parent: str | None = None
    digest_weekday: int | None = None
    digest_at: time | None = None
    reminder_after_hours: int | None = None
    band_red_max: int | None = None
    band_yellow_max: int | None = None
    holidays: str | None = None
    mention_blockers: bool = False


@dataclass(frozen=True)
class ImportPlan:
    cycle: CyclePlan
    teams: tuple[TeamPlan, ...] = ()


def parse_okr_file(text: str) -> ImportPlan:
    """The plan the file describes; raises ImportFileError listing every problem at once."""
    document = YamlDocument.read(text)
    problems = document.problems + [
        document.problem(loc, message)
        for loc, message in _duplicate_names(document.data) + _parent_problems(document.data)
    ]
    try:
        model = validate_file(document.data)
    except ValidationError as invalid:
        problems += [
            document.problem(error_loc(error), friendly_message(error), error["type"])
            for error in invalid.errors()
        ]
    if problems:
        raise ImportFileError(problems)
    return _plan(model)


def _parent_problems(data: object) -> list[tuple[Loc, str]]:
    """A parent must be another team of the file, and parents must not go round in a circle."""
    teams = _list_at(data, "teams")
    parents = {team.get("name"): team.get("parent") for team in teams if isinstance(team, dict)}
    found: list[tuple[Loc, str]] = []
    for index, team in enumerate(teams):
        if not isinstance(team, dict) or not isinstance(team.get("parent"), str):
            continue
        loc: Loc = ("teams", index, "parent")
        name, parent = team.get("name"), team["parent"]
        if parent not in parents:
            found.append((loc, f"no team named '{parent}' in this file"))
            continue
        seen, step = {name}, parent
        while step is not None and step not in seen:
            seen.add(step)
            step = parents.get(step)
        if step is not None:
            found.append((loc, f"teams cannot be their own parent ('{parent}' leads back here)"))
    return found


def _duplicate_names(data: object) -> list[tuple[Loc, str]]:
    """Names that must be unique: teams, objectives within a team, KRs within an objective."""
    found = _repeats(_list_at(data, "teams"), "name", ("teams",), "team")
    for t, team in enumerate(_list_at(data, "teams")):
        where: Loc = ("teams", t, "objectives")
        objectives = _list_at(team, "objectives")
        found += _repeats(objectives, "title", where, "objective in this team")
        for o, objective in enumerate(objectives):
            krs = _list_at(objective, "key_results")
            found += _repeats(
                krs, "title", (*where, o, "key_results"), "key result in this objective"
            )
    return found


def _list_at(data: object, key: str) -> list[object]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _repeats(items: Sequence[object], field: str, loc: Loc, what: str) -> list[tuple[Loc, str]]:
    seen: set[str] = set()
    found: list[tuple[Loc, str]] = []
    for index, item in enumerate(items):
        value = item.get(field) if isinstance(item, dict) else None
        if not isinstance(value, str):
            continue
        if value.strip() in seen:
            found.append(
                ((*loc, index, field), f"another {what} has the {field} '{value.strip()}'")
            )
        seen.add(value.strip())
    return found


def _plan(model: FileModel) -> ImportPlan:
    cycle = CyclePlan(model.cycle.name, model.cycle.start, model.cycle.end, model.cycle.closed)
    return ImportPlan(cycle, tuple(_team(team) for team in model.teams))


def _team(team: TeamModel) -> TeamPlan:
    leads = _id_set(team.leads)
    members = tuple(member for member in _id_set(team.members) if member not in leads)
    objectives = tuple(_objective(objective) for objective in team.objectives)
    cadence = None
    if team.cadence is not None:
        days = list(Weekday)
        every = team.cadence.every if team.cadence.kind is CadenceKind.EVERY_N_WEEKS else 1
        anchor = team.cadence.anchor if team.cadence.kind is CadenceKind.EVERY_N_WEEKS else None
        weekday = days.index(team.cadence.day)
        cadence = CadencePlan(team.cadence.kind, weekday, team.cadence.at, every, anchor)
    digest = team.digest
    return TeamPlan(
        team.name,
        team.channel,
        leads,
        members,
        objectives,
        team.timezone,
        cadence,
        team.parent,
        list(Weekday).index(digest.day) if digest else None,
        digest.at if digest else None,
        team.reminder_hours,
        team.bands.red_max if team.bands else None,
        team.bands.yellow_max if team.bands else None,
        team.holidays,
        team.mention_blockers,
    )


def _objective(objective: ObjectiveModel) -> ObjectivePlan:
    key_results = tuple(_key_result(kr) for kr in objective.key_results)
    return ObjectivePlan(
        objective.title, objective.description, objective.owner, objective.kind, key_results
    )


def _key_result(kr: KeyResultModel) -> KeyResultPlan:
    # Only a milestone may leave out its target; validation has made sure of that.
    target = 1.0 if kr.target is None else kr.target
    return KeyResultPlan(
        kr.title,
        kr.owner,
        _id_set(kr.contributors),
        kr.type,
        kr.start,
        target,
        kr.unit,
        kr.indicator,
        kr.source,
    )


def _id_set(slack_ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(slack_ids)))
