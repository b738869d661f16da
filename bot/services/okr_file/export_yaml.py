"""Exporting a cycle's OKRs in the import file's format, to edit and import again."""

from typing import Any

import yaml

from bot.db import catalog
from bot.db.catalog import CycleOkrs
from bot.db.cycles import cycle_names, find_cycle, latest_cycle
from bot.db.engine import Database, Session
from bot.db.models import Cycle, KeyResult, Objective, Team
from bot.db.sources import sources_of, spec_of
from bot.domain.cadence import DEFAULT_PROMPT_AT, CadenceKind
from bot.domain.digest_schedule import DEFAULT_DIGEST_CADENCE
from bot.domain.errors import NotFound
from bot.domain.progress import KRType
from bot.domain.sources import SourceSpec, source_mapping
from bot.services.okr_file.parse import (
    CadencePlan,
    CyclePlan,
    ImportPlan,
    KeyResultPlan,
    ObjectivePlan,
    TeamPlan,
)
from bot.services.okr_file.schema import Indicator, ObjectiveKind, Weekday, plain_number

# Long titles stay on one line instead of being folded at 80 columns.
_NO_WRAP = 4096


class OkrExporter:
    def __init__(self, database: Database) -> None:
        self._database = database

    def export_text(self, cycle_name: str | None = None) -> str:
        """The named cycle, or the one that starts last, as an import file."""
        return render_okr_file(self.export_plan(cycle_name))

    def export_plan(self, cycle_name: str | None = None) -> ImportPlan:
        with self._database.read() as session:
            cycle = _chosen_cycle(session, cycle_name)
            okrs = catalog.load_cycle_okrs(session, cycle)
            kr_ids = [kr.id for krs in okrs.key_results.values() for kr in krs if kr.id]
            # Stored as written: `${NAME}` references, never their values.
            sources = {kr_id: spec_of(row) for kr_id, row in sources_of(session, kr_ids).items()}
            return _plan(okrs, sources)


def render_okr_file(plan: ImportPlan) -> str:
    """The plan as YAML that `parse_okr_file` reads back into an equal plan."""
    cycle = plan.cycle
    document = {
        "cycle": _Flow(
            {"name": cycle.name, "start": cycle.start, "end": cycle.end}
            | ({"closed": True} if cycle.closed else {})
        ),
        "teams": [_team_data(team) for team in plan.teams],
    }
    header = f"# OKRs of cycle {cycle.name}, exported by okr-bot; import with `okr-bot import`.\n"
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=_NO_WRAP)
    return header + body


def _chosen_cycle(session: Session, name: str | None) -> Cycle:
    cycle = latest_cycle(session) if name is None else find_cycle(session, name)
    if cycle is not None:
        return cycle
    names = cycle_names(session)
    if not names:
        raise NotFound("There are no cycles yet; import a file with `okr-bot import` first.")
    raise NotFound(f"There is no cycle named '{name}'; the cycles are: {', '.join(names)}.")


def _plan(okrs: CycleOkrs, sources: dict[int, SourceSpec]) -> ImportPlan:
    closed = okrs.cycle.closed_at is not None
    cycle = CyclePlan(okrs.cycle.name, okrs.cycle.start_date, okrs.cycle.end_date, closed)
    names = {team.id: team.name for team in okrs.teams if team.id is not None}
    return ImportPlan(cycle, tuple(_team(team, okrs, names, sources) for team in okrs.teams))


def _team(
    team: Team, okrs: CycleOkrs, parent_names: dict[int, str], sources: dict[int, SourceSpec]
) -> TeamPlan:
    assert team.id is not None
    people = okrs.team_members.get(team.id, [])
    leads = sorted(okrs.slack_ids[person.member_id] for person in people if person.is_lead)
    members = sorted(okrs.slack_ids[person.member_id] for person in people if not person.is_lead)
    objectives = tuple(_objective(o, okrs, sources) for o in okrs.objectives.get(team.id, []))
    cadence = None
    if team.cadence is not None:
        cadence = CadencePlan(
            CadenceKind(team.cadence),
            team.prompt_weekday or 0,
            team.prompt_at or DEFAULT_PROMPT_AT,
            team.cadence_every or 1,
            team.cadence_anchor,
        )
    return TeamPlan(
        team.name,
        team.channel_id or "",
        tuple(leads),
        tuple(members),
        objectives,
        team.timezone,
        cadence,
        parent_names.get(team.parent_id) if team.parent_id else None,
        team.digest_weekday,
        team.digest_at,
        team.reminder_after_hours,
        team.band_red_max,
        team.band_yellow_max,
        team.holidays,
        team.mention_blockers,
    )


def _objective(
    objective: Objective, okrs: CycleOkrs, sources: dict[int, SourceSpec]
) -> ObjectivePlan:
    assert objective.id is not None
    owner = okrs.slack_ids[objective.owner_id] if objective.owner_id is not None else None
    key_results = tuple(
        _key_result(kr, okrs, sources.get(kr.id or 0))
        for kr in okrs.key_results.get(objective.id, [])
    )
    kind = ObjectiveKind(objective.kind)
    return ObjectivePlan(objective.title, objective.description, owner, kind, key_results)


def _key_result(kr: KeyResult, okrs: CycleOkrs, source: SourceSpec | None) -> KeyResultPlan:
    assert kr.id is not None
    contributors = sorted(okrs.slack_ids[member] for member in okrs.contributors.get(kr.id, []))
    return KeyResultPlan(
        title=kr.title,
        owner=okrs.slack_ids[kr.owner_id],
        contributors=tuple(contributors),
        kr_type=KRType(kr.kr_type),
        start=kr.start_value,
        target=kr.target_value,
        unit=kr.unit,
        indicator=Indicator(kr.indicator) if kr.indicator else None,
        source=source,
    )


def _team_data(team: TeamPlan) -> dict[str, Any]:
    data: dict[str, Any] = {"name": team.name}
    _put(data, "channel", team.channel or None)
    data["leads"] = _Flow(team.leads)
    _put(data, "members", _Flow(team.members) if team.members else None)
    _put(data, "timezone", team.timezone)
    _put(data, "cadence", _cadence_data(team.cadence) if team.cadence else None)
    _put(data, "parent", team.parent)
    if team.digest_weekday is not None or team.digest_at is not None:
        day = list(Weekday)[team.digest_weekday if team.digest_weekday is not None else 4].value
        at = f"{team.digest_at or DEFAULT_DIGEST_CADENCE.at:%H:%M}"
        data["digest"] = _Flow({"day": day, "at": at})
    _put(data, "reminder_hours", team.reminder_after_hours)
    if team.band_red_max is not None and team.band_yellow_max is not None:
        data["bands"] = _Flow({"red_max": team.band_red_max, "yellow_max": team.band_yellow_max})
    _put(data, "holidays", team.holidays)
    _put(data, "mention_blockers", True if team.mention_blockers else None)
    _put(data, "objectives", [_objective_data(o) for o in team.objectives] or None)
    return data


def _cadence_data(cadence: CadencePlan) -> "_Flow":
    day = list(Weekday)[cadence.weekday].value
    data: dict[str, Any] = {"kind": cadence.kind.value, "day": day}
    data["at"] = f"{cadence.at:%H:%M}"
    if cadence.kind is CadenceKind.EVERY_N_WEEKS:
        data |= {"every": cadence.every, "anchor": cadence.anchor}
    return _Flow(data)


def _objective_data(objective: ObjectivePlan) -> dict[str, Any]:
    data: dict[str, Any] = {"title": objective.title}
    _put(data, "description", objective.description)
    _put(data, "owner", objective.owner)
    data["kind"] = objective.kind.value
    _put(data, "key_results", [_key_result_data(kr) for kr in objective.key_results] or None)
    return data


def _key_result_data(kr: KeyResultPlan) -> dict[str, Any]:
    data: dict[str, Any] = {"title": kr.title, "owner": kr.owner}
    _put(data, "contributors", _Flow(kr.contributors) if kr.contributors else None)
    data["type"] = kr.kr_type.value
    data["start"] = plain_number(kr.start)
    data["target"] = plain_number(kr.target)
    _put(data, "unit", kr.unit)
    _put(data, "indicator", kr.indicator.value if kr.indicator else None)
    _put(data, "source", _Flow(source_mapping(kr.source)) if kr.source else None)
    return data


def _put(data: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        data[key] = value


class _Flow:
    """A short list or mapping written on one line: `leads: [U0LEAD0001]`."""

    def __init__(self, value: dict[str, Any] | tuple[str, ...]) -> None:
        self.value = value


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write them by hand.
        super().increase_indent(flow, False)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping("tag:yaml.org,2002:map", data.value, flow_style=True)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data.value, flow_style=True)


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(str, _represent_text)
