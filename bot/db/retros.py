"""Retros and their requests: unique triggers, per-person claims, reminders and answers."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.db.dialect import insert_if_absent
from bot.db.models import (
    Cycle,
    KeyResult,
    KRContributor,
    Learning,
    Member,
    Objective,
    Retro,
    RetroAnswer,
    RetroRequest,
    Team,
    WorkspaceSettings,
)
from bot.domain.retros import RequestStatus, RetroTrigger


@dataclass(frozen=True)
class RetroRow:
    retro: Retro
    key_result: KeyResult
    objective: Objective
    cycle: Cycle


def retro_below(session: Session) -> float | None:
    row = session.get(WorkspaceSettings, 1)
    return row.retro_below if row is not None else None


def create_retro(
    session: Session, kr_id: int, trigger: str, trigger_key: str, now: datetime
) -> int | None:
    """The new retro's id; None when this trigger already asked for one (here or elsewhere)."""
    row = {
        "key_result_id": kr_id,
        "trigger": trigger,
        "trigger_key": trigger_key,
        "created_at": now,
    }
    unique = ["key_result_id", "trigger_key"]
    return insert_if_absent(session, Retro, row, unique=unique, returning=col(Retro.id))


def close_retros_missing(
    session: Session, closed_since: datetime, below: float
) -> list[tuple[int, int]]:
    """(KR id, cycle id) of each KR scored below `below` in a cycle closed since then, that
    has no close retro yet: once the retros exist, nothing."""
    # A KR belongs to one cycle, so any close retro of the KR is that cycle's.
    has_retro = (
        select(Retro.id)
        .where(col(Retro.key_result_id) == KeyResult.id)
        .where(col(Retro.trigger) == RetroTrigger.CYCLE_CLOSE)
    )
    rows = session.exec(
        select(KeyResult.id, Cycle.id)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(col(Cycle.closed_at) >= closed_since, col(KeyResult.archived_at).is_(None))
        .where(col(KeyResult.score).is_not(None), col(KeyResult.score) < below)
        .where(~has_retro.exists())
        .order_by(col(KeyResult.id))
    ).all()
    return [(kr_id, cycle_id) for kr_id, cycle_id in rows if kr_id and cycle_id]


def running_key_results(
    session: Session, today: date, kr_ids: list[int]
) -> list[tuple[KeyResult, Team]]:
    """Those of the KRs that are unarchived in a cycle open today and not closed, with their
    team (for its bands)."""
    if not kr_ids:
        return []
    rows = session.exec(
        select(KeyResult, Team)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Team, col(Team.id) == Objective.team_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(col(KeyResult.id).in_(kr_ids))
        .where(col(KeyResult.archived_at).is_(None), col(Cycle.closed_at).is_(None))
        .where(Cycle.start_date <= today, Cycle.end_date >= today)
        .order_by(col(KeyResult.id))
    ).all()
    return [(kr, team) for kr, team in rows]


def retro_rows(session: Session, *, retro_id: int) -> list[RetroRow]:
    """The retro with its key result, objective and cycle; none when it does not exist."""
    query = (
        select(Retro, KeyResult, Objective, Cycle)
        .join(KeyResult, col(KeyResult.id) == Retro.key_result_id)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Cycle, col(Cycle.id) == Objective.cycle_id)
        .where(col(Retro.id) == retro_id)
    )
    return [RetroRow(*row) for row in session.exec(query).all()]


def people_to_ask(session: Session, kr_ids: list[int]) -> dict[int, list[Member]]:
    """Per KR, its owner then its contributors, leaving out deactivated people."""
    if not kr_ids:
        return {}
    owners = session.exec(
        select(KeyResult.id, Member)
        .join(Member, col(Member.id) == KeyResult.owner_id)
        .where(col(KeyResult.id).in_(kr_ids))
    ).all()
    contributors = session.exec(
        select(KRContributor.key_result_id, Member)
        .join(Member, col(Member.id) == KRContributor.member_id)
        .where(col(KRContributor.key_result_id).in_(kr_ids))
        .order_by(col(Member.id))
    ).all()
    found: dict[int, list[Member]] = {}
    for kr_id, member in [*owners, *contributors]:
        people = found.setdefault(kr_id or 0, [])
        if not member.deactivated and member not in people:
            people.append(member)
    return found


def find_request(session: Session, retro_id: int, member_id: int) -> RetroRequest | None:
    return session.exec(
        select(RetroRequest).where(
            RetroRequest.retro_id == retro_id, RetroRequest.member_id == member_id
        )
    ).first()


def claim_request(session: Session, retro_id: int, member_id: int, now: datetime) -> int | None:
    """Insert the row that claims this DM; None when another tick or replica has it."""
    row = {
        "retro_id": retro_id,
        "member_id": member_id,
        "status": RequestStatus.CLAIMED,
        "claimed_at": now,
    }
    unique = ["retro_id", "member_id"]
    return insert_if_absent(
        session, RetroRequest, row, unique=unique, returning=col(RetroRequest.id)
    )


def transition(
    session: Session, request_id: int, expected: str, new: RequestStatus, now: datetime
) -> bool:
    """Move a request on, only if nobody else moved it first (the claim for a retry/reminder)."""
    values: dict[str, object] = {"status": new}
    if new is RequestStatus.CLAIMED:
        values["claimed_at"] = now
    if new is RequestStatus.REMINDED:
        values["reminded_at"] = now
    result = session.execute(
        update(RetroRequest)
        .where(col(RetroRequest.id) == request_id, col(RetroRequest.status) == expected)
        .values(**values)
        .returning(col(RetroRequest.id))
    )
    return result.scalar_one_or_none() is not None


def mark_sent(session: Session, request_id: int, channel_id: str, ts: str, now: datetime) -> None:
    request = session.get_one(RetroRequest, request_id)
    request.channel_id, request.message_ts = channel_id, ts
    if request.status == RequestStatus.CLAIMED:
        request.status, request.sent_at = RequestStatus.SENT, now
    request.attempts += 1
    request.last_error = None


def mark_failed(session: Session, request_id: int, error: str) -> None:
    request = session.get_one(RetroRequest, request_id)
    request.attempts += 1
    request.last_error = error[:200]
    if request.status == RequestStatus.CLAIMED:
        request.status = RequestStatus.FAILED


def save_answer(
    session: Session,
    request: RetroRequest,
    retro: Retro,
    answer: RetroAnswer,
    learning_author_id: int | None,
    answered_on: datetime,
) -> None:
    """The answer, its learning for the library (as old as the answer), the request answered."""
    session.add(answer)
    session.flush()
    session.add(
        Learning(
            key_result_id=retro.key_result_id,
            source="retro",
            text=answer.learned,
            retro_answer_id=answer.id,
            author_id=learning_author_id,
            created_at=answer.created_at,
        )
    )
    request.status, request.answered_at = RequestStatus.ANSWERED, answered_on


def settle_anonymous_answers(session: Session, retro_id: int) -> None:
    """Put the retro's anonymous answers (and their learnings) in one fixed order, by their
    words: which row holds which answer then says nothing of who answered first."""
    answers = list(
        session.exec(
            select(RetroAnswer)
            .where(RetroAnswer.retro_id == retro_id, col(RetroAnswer.author_id).is_(None))
            .order_by(col(RetroAnswer.id))
        ).all()
    )
    words = sorted(
        ((a.reason, a.what_happened, a.learned, a.next_try) for a in answers),
        key=lambda texts: tuple(text or "" for text in texts),
    )
    learnings = {
        learning.retro_answer_id: learning
        for learning in session.exec(
            select(Learning).where(col(Learning.retro_answer_id).in_([a.id for a in answers]))
        ).all()
    }
    for answer, (reason, happened, learned, next_try) in zip(answers, words, strict=True):
        answer.reason, answer.what_happened, answer.learned = reason, happened, learned
        answer.next_try = next_try
        if (learning := learnings.get(answer.id)) is not None:
            learning.text = learned


def request_count(session: Session, retro_id: int) -> int:
    rows = session.exec(select(RetroRequest.id).where(RetroRequest.retro_id == retro_id)).all()
    return len(rows)
