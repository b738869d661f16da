"""Cycles, teams, objectives and key results by their names: upserts that report what changed."""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from sqlmodel import Session, SQLModel, col, select

from bot.db.cycles import find_cycle
from bot.db.dialect import dialect_insert
from bot.db.models import Cycle, KeyResult, KRContributor, Member, Objective, Team, TeamMember
from bot.db.teams import all_teams

Row = TypeVar("Row", bound=SQLModel)


class Change(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class CycleOkrs:
    """Every team with its people, and one cycle's objectives and unarchived key results."""

    cycle: Cycle
    teams: list[Team]
    slack_ids: dict[int, str]
    team_members: dict[int, list[TeamMember]]
    objectives: dict[int, list[Objective]]
    key_results: dict[int, list[KeyResult]]
    contributors: dict[int, list[int]]


def ensure_members(session: Session, slack_user_ids: Iterable[str]) -> dict[str, int]:
    """Member ids by Slack id, creating the members seen for the first time."""
    wanted = set(slack_user_ids)
    found = _member_ids(session, wanted)
    missing = sorted(wanted - found.keys())
    if missing:
        insert = dialect_insert(session)
        rows = [{"slack_user_id": slack_id, "is_admin": False} for slack_id in missing]
        session.execute(insert(Member).values(rows).on_conflict_do_nothing())
        found = _member_ids(session, wanted)
    return found


def upsert_cycle(session: Session, name: str, start: date, end: date) -> tuple[Cycle, Change]:
    cycle = find_cycle(session, name)
    if cycle is None:
        return _created(session, Cycle(name=name, start_date=start, end_date=end))
    return cycle, _assign(cycle, start_date=start, end_date=end)


def upsert_team(
    session: Session,
    name: str,
    channel_id: str,
    leads: Collection[int],
    members: Collection[int],
    **settings: object,
) -> tuple[Team, Change]:
    """The team named so, its channel and `settings` (timezone, cadence columns) set,
    and its people exactly `leads` and `members`."""
    team = session.exec(select(Team).where(Team.name == name)).first()
    if team is None:
        team, change = _created(session, Team(name=name, channel_id=channel_id))
        _assign(team, **settings)
    else:
        change = _assign(team, channel_id=channel_id, **settings)
    assert team.id is not None
    wanted = dict.fromkeys(members, False) | dict.fromkeys(leads, True)
    if _set_team_members(session, team.id, wanted) and change is Change.UNCHANGED:
        change = Change.UPDATED
    return team, change


def upsert_objective(
    session: Session,
    cycle_id: int,
    team_id: int,
    title: str,
    *,
    description: str | None,
    owner_id: int | None,
    kind: str,
) -> tuple[Objective, Change]:
    objective = session.exec(
        select(Objective).where(
            Objective.cycle_id == cycle_id, Objective.team_id == team_id, Objective.title == title
        )
    ).first()
    if objective is None:
        new = Objective(
            cycle_id=cycle_id,
            team_id=team_id,
            title=title,
            description=description,
            owner_id=owner_id,
            kind=kind,
        )
        return _created(session, new)
    return objective, _assign(objective, description=description, owner_id=owner_id, kind=kind)


def upsert_key_result(
    session: Session,
    objective_id: int,
    title: str,
    *,
    owner_id: int,
    kr_type: str,
    start_value: float,
    target_value: float,
    unit: str | None,
    indicator: str | None,
    contributor_ids: Collection[int],
    now: datetime,
) -> tuple[KeyResult, Change]:
    """The key result titled so, its fields and contributors exactly these; unarchived."""
    fields = {
        "kr_type": kr_type,
        "start_value": start_value,
        "target_value": target_value,
        "unit": unit,
        "indicator": indicator,
    }
    kr = session.exec(
        select(KeyResult).where(KeyResult.objective_id == objective_id, KeyResult.title == title)
    ).first()
    if kr is None:
        kr = KeyResult(objective_id=objective_id, title=title, owner_id=owner_id)
        place_key_result(kr, owner_id, archived=False, now=now)
        _assign(kr, **fields)
        kr, change = _created(session, kr)
    else:
        moved = place_key_result(kr, owner_id, archived=False, now=now)
        change = _assign(kr, **fields)
        if moved:
            change = Change.UPDATED
    assert kr.id is not None
    if _set_contributors(session, kr.id, set(contributor_ids)) and change is Change.UNCHANGED:
        change = Change.UPDATED
    return kr, change


def place_key_result(kr: KeyResult, owner_id: int, *, archived: bool, now: datetime) -> bool:
    """Give the key result its owner and archive state; True if either changed.

    The owner's clock (`owner_since`) restarts whenever the key result reaches an owner anew:
    made, handed over, or brought back from the archive. Prompts and digests are owed from it.
    """
    if kr.id is None and kr.created_at is None:
        kr.created_at = now
    anew = kr.id is None or kr.owner_id != owner_id or kr.archived_at is not None
    if anew and not archived:
        kr.owner_since = now
    moved = kr.owner_id != owner_id or (kr.archived_at is not None) != archived
    kr.owner_id = owner_id
    if archived and kr.archived_at is None:
        kr.archived_at = now
    elif not archived:
        kr.archived_at = None
    return moved


def load_cycle_okrs(session: Session, cycle: Cycle) -> CycleOkrs:
    """Everything an export of `cycle` shows, in six queries however many rows there are."""
    teams = all_teams(session)
    team_members: dict[int, list[TeamMember]] = defaultdict(list)
    for team_member in session.exec(select(TeamMember).order_by(col(TeamMember.member_id))):
        team_members[team_member.team_id].append(team_member)
    objectives: dict[int, list[Objective]] = defaultdict(list)
    in_cycle = select(Objective).where(Objective.cycle_id == cycle.id)
    for objective in session.exec(in_cycle.order_by(col(Objective.id))):
        objectives[objective.team_id].append(objective)
    key_results: dict[int, list[KeyResult]] = defaultdict(list)
    active = (
        select(KeyResult)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .where(Objective.cycle_id == cycle.id, col(KeyResult.archived_at).is_(None))
        .order_by(col(KeyResult.id))
    )
    for kr in session.exec(active):
        key_results[kr.objective_id].append(kr)
    contributors: dict[int, list[int]] = defaultdict(list)
    contributions = (
        select(KRContributor)
        .join(KeyResult, col(KeyResult.id) == KRContributor.key_result_id)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .where(Objective.cycle_id == cycle.id)
    )
    for contribution in session.exec(contributions):
        contributors[contribution.key_result_id].append(contribution.member_id)
    people = {row.member_id for rows in team_members.values() for row in rows}
    people |= {o.owner_id for rows in objectives.values() for o in rows if o.owner_id is not None}
    people |= {kr.owner_id for rows in key_results.values() for kr in rows}
    people |= {member_id for ids in contributors.values() for member_id in ids}
    slack_ids = _slack_ids(session, people)
    return CycleOkrs(cycle, teams, slack_ids, team_members, objectives, key_results, contributors)


def _slack_ids(session: Session, member_ids: set[int]) -> dict[int, str]:
    if not member_ids:
        return {}
    query = select(Member.id, Member.slack_user_id).where(col(Member.id).in_(member_ids))
    return {member_id: slack_id for member_id, slack_id in session.exec(query) if member_id}


def _member_ids(session: Session, slack_user_ids: set[str]) -> dict[str, int]:
    if not slack_user_ids:
        return {}
    rows = session.exec(
        select(Member.slack_user_id, Member.id).where(col(Member.slack_user_id).in_(slack_user_ids))
    ).all()
    return {slack_id: member_id for slack_id, member_id in rows if member_id is not None}


def _created(session: Session, row: Row) -> tuple[Row, Change]:
    session.add(row)
    session.flush()
    return row, Change.CREATED


def _assign(row: SQLModel, **values: object) -> Change:
    """Sets only the fields that differ, so an unchanged row is not even marked dirty."""
    change = Change.UNCHANGED
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            change = Change.UPDATED
    return change


def _set_team_members(session: Session, team_id: int, wanted: dict[int, bool]) -> bool:
    """Makes the team's people exactly `wanted` (member id → is lead); True if anything moved."""
    existing = session.exec(select(TeamMember).where(TeamMember.team_id == team_id)).all()
    wanted = dict(wanted)
    changed = False
    for team_member in existing:
        if team_member.member_id not in wanted:
            session.delete(team_member)
            changed = True
        elif team_member.is_lead != wanted.pop(team_member.member_id):
            team_member.is_lead = not team_member.is_lead
            changed = True
    for member_id, is_lead in wanted.items():
        session.add(TeamMember(team_id=team_id, member_id=member_id, is_lead=is_lead))
        changed = True
    session.flush()
    return changed


def _set_contributors(session: Session, key_result_id: int, wanted: set[int]) -> bool:
    """Makes the key result's contributors exactly `wanted`; True if anything moved."""
    query = select(KRContributor).where(KRContributor.key_result_id == key_result_id)
    existing = {row.member_id: row for row in session.exec(query).all()}
    for member_id in existing.keys() - wanted:
        session.delete(existing[member_id])
    for member_id in wanted - existing.keys():
        session.add(KRContributor(key_result_id=key_result_id, member_id=member_id))
    session.flush()
    return existing.keys() != wanted
