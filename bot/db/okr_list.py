"""What `/okr list` reads: a cycle's objectives, key results, people and bets, in seven queries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session, col, or_, select

from bot.db.checkin_points import CheckinPoint, latest_checkins
from bot.db.hypotheses import hypotheses_of
from bot.db.models import (
    Cycle,
    Hypothesis,
    KeyResult,
    KRContributor,
    Member,
    Objective,
)

T = TypeVar("T")


@dataclass(frozen=True)
class ListRows:
    """Objectives with every one of their unarchived key results, and what the list shows."""

    cycle: Cycle
    objectives: list[Objective]
    key_results: list[KeyResult]
    contributors: dict[int, list[int]]  # key result id → member ids
    checkins: dict[int, list[CheckinPoint]]  # key result id → latest two, newest first
    hypotheses: dict[int, list[Hypothesis]]  # key result id → its bets
    slack_ids: dict[int, str]  # member id → Slack id


def load_list_rows(
    session: Session, cycle: Cycle, *, team_ids: list[int] | None, member_id: int | None
) -> ListRows:
    """The cycle's objectives (of these teams; holding a KR the member owns or contributes to),
    with all of their key results so objective scores stay whole."""
    objectives = _listed_objectives(session, cycle, team_ids=team_ids, member_id=member_id)
    objective_ids = [objective.id for objective in objectives if objective.id is not None]
    key_results = _unarchived_key_results(session, objective_ids)
    kr_ids = [kr.id for kr in key_results if kr.id is not None]
    contributors: dict[int, list[int]] = defaultdict(list)
    hypotheses: dict[int, list[Hypothesis]] = {}
    if kr_ids:
        contributors = _contributors(session, kr_ids)
        hypotheses = hypotheses_for(session, kr_ids)
    people = {kr.owner_id for kr in key_results}
    people |= {member for members in contributors.values() for member in members}
    return ListRows(
        cycle=cycle,
        objectives=objectives,
        key_results=key_results,
        contributors=contributors,
        checkins=latest_checkins(session, kr_ids, 2),
        hypotheses=hypotheses,
        slack_ids=_slack_ids(session, people),
    )


def _listed_objectives(
    session: Session, cycle: Cycle, *, team_ids: list[int] | None, member_id: int | None
) -> list[Objective]:
    """The cycle's objectives of these teams, holding a KR the member owns or contributes to."""
    query = select(Objective).where(Objective.cycle_id == cycle.id)
    if team_ids is not None:
        query = query.where(col(Objective.team_id).in_(team_ids))
    if member_id is not None:
        contributed = select(KRContributor.key_result_id).where(
            KRContributor.member_id == member_id
        )
        involved = select(KeyResult.objective_id).where(
            or_(col(KeyResult.owner_id) == member_id, col(KeyResult.id).in_(contributed)),
            col(KeyResult.archived_at).is_(None),
        )
        query = query.where(col(Objective.id).in_(involved))
    return list(session.exec(query.order_by(col(Objective.id))).all())


def _unarchived_key_results(session: Session, objective_ids: list[int]) -> list[KeyResult]:
    if not objective_ids:
        return []
    query = (
        select(KeyResult)
        .where(col(KeyResult.objective_id).in_(objective_ids), col(KeyResult.archived_at).is_(None))
        .order_by(col(KeyResult.objective_id), col(KeyResult.id))
    )
    return list(session.exec(query).all())


def _contributors(session: Session, kr_ids: list[int]) -> dict[int, list[int]]:
    """Key result id → the member ids contributing to it, in member order."""
    rows = session.exec(
        select(KRContributor)
        .where(col(KRContributor.key_result_id).in_(kr_ids))
        .order_by(col(KRContributor.member_id))
    ).all()
    return _by_key_result((row.key_result_id, row.member_id) for row in rows)


def _slack_ids(session: Session, member_ids: set[int]) -> dict[int, str]:
    if not member_ids:
        return {}
    query = select(Member.id, Member.slack_user_id).where(col(Member.id).in_(member_ids))
    return {member_id: slack_id for member_id, slack_id in session.exec(query) if member_id}


def hypotheses_for(session: Session, kr_ids: list[int]) -> dict[int, list[Hypothesis]]:
    """Each key result's hypotheses, oldest first."""
    return _by_key_result((bet.key_result_id, bet) for bet in hypotheses_of(session, kr_ids))


def _by_key_result(pairs: Iterable[tuple[int, T]]) -> dict[int, list[T]]:
    found: dict[int, list[T]] = defaultdict(list)
    for kr_id, item in pairs:
        found[kr_id].append(item)
    return found


def last_closed_cycle_krs(session: Session, member_id: int) -> tuple[Cycle, list[KeyResult]] | None:
    """The latest closed cycle in which the member owned or helped with key results, and those."""
    contributed = select(KRContributor.key_result_id).where(KRContributor.member_id == member_id)
    mine = or_(col(KeyResult.owner_id) == member_id, col(KeyResult.id).in_(contributed))
    cycle = session.exec(
        select(Cycle)
        .join(Objective, col(Objective.cycle_id) == Cycle.id)
        .join(KeyResult, col(KeyResult.objective_id) == Objective.id)
        .where(mine, col(Cycle.closed_at).is_not(None), col(KeyResult.archived_at).is_(None))
        .order_by(col(Cycle.end_date).desc(), col(Cycle.id).desc())
    ).first()
    if cycle is None:
        return None
    krs = session.exec(
        select(KeyResult)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .where(mine, Objective.cycle_id == cycle.id, col(KeyResult.archived_at).is_(None))
        .order_by(col(KeyResult.objective_id), col(KeyResult.id))
    ).all()
    return cycle, list(krs)
