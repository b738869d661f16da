"""Reading OKRs: whose, which team's, or those at risk, in one cycle; anyone may read."""

from dataclasses import dataclass, field, replace
from datetime import date

from bot.db.cycles import cycle_names, find_cycle_named, latest_cycle, open_cycle
from bot.db.engine import Session
from bot.db.members import find_member
from bot.db.models import Cycle, KeyResult, Team
from bot.db.okr_list import ListRows, load_list_rows
from bot.db.teams import all_teams, find_team, find_team_by_channel
from bot.domain.errors import DomainError, NotFound
from bot.domain.progress import ConfidenceBands, KRType, Status, pace, progress
from bot.domain.progress import status as kr_status
from bot.domain.scoring import objective_score
from bot.services.members import local_calendar, reading_as
from bot.services.okrs.results import (
    ListedKR,
    ListedObjective,
    OkrList,
    by_ice,
    hypothesis_line,
)
from bot.services.reading import ReadService
from bot.services.source_badges import SourceBadge, source_badges
from bot.services.workspace_defaults import bands_by_team

AT_RISK = frozenset({Status.AT_RISK, Status.OFF_TRACK})


@dataclass(frozen=True)
class ListQuery:
    """What `/okr list` was asked for; with no person, team or channel: the caller's own."""

    person: str | None = None  # a Slack id
    channel_id: str | None = None
    team_name: str | None = None
    at_risk: bool = False
    cycle_name: str | None = None


@dataclass(frozen=True)
class _Scope:
    today: date
    bands: dict[int, ConfidenceBands]  # team id → its bands
    team_names: dict[int, str]
    person_id: int | None  # only KRs this member owns or contributes to
    sources: dict[int, SourceBadge] = field(default_factory=dict)  # key result id → its badge


class OkrListService(ReadService):
    def list_okrs(self, slack_user_id: str, query: ListQuery) -> OkrList:
        with reading_as(self._db, slack_user_id) as (session, caller):
            today = local_calendar(session, caller, self._clock.now(), self._defaults).today
            cycle = _cycle(session, query.cycle_name, today)
            teams = all_teams(session)
            team = _team(session, query, teams)
            person = query.person
            if person is None and team is None and not query.at_risk:
                person = slack_user_id
            member_id = None
            if person is not None:
                member = caller if person == slack_user_id else find_member(session, person)
                member_id = member.id if member is not None else -1  # unknown: nobody's KRs
            team_ids = _with_descendants(team, teams) if team is not None else None
            rows = load_list_rows(session, cycle, team_ids=team_ids, member_id=member_id)
            scope = _Scope(
                today,
                bands_by_team(session, teams, self._bands),
                _names(teams),
                member_id,
                source_badges(session, [kr.id for kr in rows.key_results if kr.id]),
            )
            objectives = _objectives(rows, scope, query.at_risk)
            return OkrList(
                cycle_name=cycle.name,
                closed=cycle.closed_at is not None,
                objectives=objectives,
                person=person,
                is_caller=person == slack_user_id,
                team_name=team.name if team is not None else None,
                at_risk=query.at_risk,
            )


def _cycle(session: Session, name: str | None, today: date) -> Cycle:
    """The named cycle, else the one running today, else the latest one."""
    if name is not None:
        cycle = find_cycle_named(session, name)
        if cycle is None:
            known = ", ".join(cycle_names(session)) or "none yet"
            raise NotFound(f"There is no cycle called '{name}'. The cycles are: {known}.")
        return cycle
    cycle = open_cycle(session, today) or latest_cycle(session)
    if cycle is None:
        raise DomainError("There are no OKRs yet: an admin imports a cycle with `okr-bot import`.")
    return cycle


def _team(session: Session, query: ListQuery, teams: list[Team]) -> Team | None:
    if query.team_name is not None:
        team = find_team(session, query.team_name)
        if team is None:
            known = ", ".join(sorted(t.name for t in teams)) or "none yet"
            raise NotFound(f"There is no team called '{query.team_name}'. The teams are: {known}.")
        return team
    if query.channel_id is not None:
        team = find_team_by_channel(session, query.channel_id)
        if team is None:
            raise NotFound(
                "No team has that channel as its digest channel. Try `/okr list team NAME` instead."
            )
        return team
    return None


def _with_descendants(team: Team, teams: list[Team]) -> list[int]:
    """The team and the teams below it, as its digest covers them."""
    assert team.id is not None
    found = [team.id]
    for current in found:
        found += [t.id for t in teams if t.parent_id == current and t.id and t.id not in found]
    return found


def _names(teams: list[Team]) -> dict[int, str]:
    return {team.id: team.name for team in teams if team.id is not None}


def _objectives(rows: ListRows, scope: _Scope, at_risk: bool) -> tuple[ListedObjective, ...]:
    by_objective: dict[int, list[KeyResult]] = {}
    for kr in rows.key_results:
        by_objective.setdefault(kr.objective_id, []).append(kr)
    expected = pace(rows.cycle.start_date, rows.cycle.end_date, scope.today)
    closed = rows.cycle.closed_at is not None
    listed = []
    for objective in rows.objectives:
        assert objective.id is not None
        every = by_objective.get(objective.id, [])
        bands = scope.bands.get(objective.team_id, ConfidenceBands())
        shown = tuple(
            replace(_kr(kr, rows, expected, bands, closed), source=scope.sources.get(kr.id or 0))
            for kr in every
            if scope.person_id is None or _involves(kr, rows, scope.person_id)
        )
        if at_risk:
            # Status already holds pace: a checked-in KR behind pace is at least at risk.
            shown = tuple(kr for kr in shown if kr.status in AT_RISK)
        if not shown:
            continue
        score = objective_score([kr.score for kr in every]) if closed else None
        team = scope.team_names.get(objective.team_id, "")
        listed.append(
            ListedObjective(objective.id, objective.title, team, objective.kind, score, shown)
        )
    return tuple(listed)


def _involves(kr: KeyResult, rows: ListRows, member_id: int) -> bool:
    return kr.owner_id == member_id or member_id in rows.contributors.get(kr.id or 0, [])


def _kr(
    kr: KeyResult, rows: ListRows, expected: float, bands: ConfidenceBands, closed: bool
) -> ListedKR:
    assert kr.id is not None
    kr_type = KRType(kr.kr_type)
    checkins = rows.checkins.get(kr.id, [])
    latest = checkins[0] if checkins else None
    earlier = checkins[1] if len(checkins) > 1 else None
    done = progress(kr_type, kr.start_value, kr.target_value, latest.value) if latest else 0.0
    confidence = latest.confidence if latest else None
    return ListedKR(
        kr_id=kr.id,
        title=kr.title,
        kr_type=kr_type,
        target=kr.target_value,
        unit=kr.unit,
        value=latest.value if latest else None,
        confidence=confidence,
        previous_confidence=earlier.confidence if earlier else None,
        progress=done,
        status=kr_status(confidence, done, expected, bands),
        owner=rows.slack_ids.get(kr.owner_id, ""),
        contributors=tuple(
            rows.slack_ids[member]
            for member in rows.contributors.get(kr.id, [])
            if member in rows.slack_ids
        ),
        score=kr.score if closed else None,
        hypotheses=by_ice([hypothesis_line(bet) for bet in rows.hypotheses.get(kr.id, [])]),
    )
