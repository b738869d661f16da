"""The import file: YAML text into a validated ImportPlan, or every problem with its line."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import NamedTuple

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.domain.cadence import DEFAULT_PROMPT_AT, CadenceKind
from bot.domain.errors import DomainError
from bot.domain.progress import KRType
from bot.services.okr_schema import (
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

# Far beyond any real OKR file; stops alias bombs (`&a [*a, *a, …]`) from expanding forever.
MAX_VALUES = 100_000
MAX_DEPTH = 20


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


@dataclass(frozen=True)
class ImportPlan:
    cycle: CyclePlan
    teams: tuple[TeamPlan, ...] = ()


class FileProblem(NamedTuple):
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, {self.field}" if self.field else f"line {self.line}"
        return f"{where}: {self.message}"


class ImportFileError(DomainError):
    """The file cannot be imported; `problems` lists each one, in file order."""

    def __init__(self, problems: Iterable[FileProblem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        count = len(self.problems)
        heading = f"The import file has {count} problem{'s' if count != 1 else ''}"
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{heading}; nothing was imported:\n{lines}")


def parse_okr_file(text: str) -> ImportPlan:
    """The plan the file describes; raises ImportFileError listing every problem at once."""
    document = _Document.read(text)
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


def _dotted(loc: Loc) -> str:
    """`teams[0].objectives[1].title` for ("teams", 0, "objectives", 1, "title")."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


class _Document:
    """Plain data from the YAML, and the 1-based line of every key and value in it."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self._loader = loader
        self._values_left = MAX_VALUES
        self.key_lines: dict[Loc, int] = {}
        self.value_lines: dict[Loc, int] = {}
        self.problems: list[FileProblem] = []
        self.data: object = None

    @classmethod
    def read(cls, text: str) -> "_Document":
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            document = cls(loader)
            if root is None:
                raise ImportFileError([FileProblem(1, "", "the file is empty")])
            if not isinstance(root, MappingNode):
                raise ImportFileError([_top_level_problem(root)])
            document.data = document._convert(root, ())
        except yaml.YAMLError as error:
            raise ImportFileError([_syntax_problem(error)]) from None
        finally:
            loader.dispose()
        return document

    def problem(self, loc: Loc, message: str, kind: str = "") -> FileProblem:
        """Unknown fields point at their key; missing ones at the mapping that lacks them."""
        if kind == "extra_forbidden" and loc in self.key_lines:
            return FileProblem(self.key_lines[loc], _dotted(loc), message)
        anchor = loc[:-1] if kind == "missing" else loc
        while anchor not in self.value_lines:
            anchor = anchor[:-1]
        return FileProblem(self.value_lines[anchor], _dotted(loc), message)

    def _convert(self, node: Node, loc: Loc) -> object:
        self.value_lines[loc] = node.start_mark.line + 1
        self._values_left -= 1
        if self._values_left < 0 or len(loc) > MAX_DEPTH:
            raise ImportFileError(
                [
                    FileProblem(
                        node.start_mark.line + 1, "", "the file is too big or too deeply nested"
                    )
                ]
            )
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self._convert(item, (*loc, index)) for index, item in enumerate(node.value)]
        try:
            return self._loader.construct_object(node)
        except (yaml.YAMLError, ValueError):
            # An impossible date such as 2026-02-30: keep the text so validation names it.
            return node.value

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, object]:
        mapping: dict[str, object] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.problems.append(FileProblem(line, _dotted(loc), "field names must be words"))
                continue
            path = (*loc, key_node.value)
            if key_node.value in mapping:
                self.problems.append(
                    FileProblem(line, _dotted(path), f"duplicate field '{key_node.value}'")
                )
                continue
            self.key_lines[path] = line
            mapping[key_node.value] = self._convert(value_node, path)
        return mapping


def _syntax_problem(error: yaml.YAMLError) -> FileProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(error, "problem", None) or str(error)
    return FileProblem(line, "", f"invalid YAML: {problem}")


def _top_level_problem(root: Node) -> FileProblem:
    got = "a list" if isinstance(root, SequenceNode) else f"{root.value!r}"
    return FileProblem(
        root.start_mark.line + 1,
        "",
        f"the file must be a mapping with 'cycle' and 'teams' at the top level (got {got})",
    )


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
    )


def _id_set(slack_ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(slack_ids)))
