"""What a cycle's retro digest reads: teams, scores, answers and whether all are in."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.db.models import KeyResult, Member, Objective, Retro, RetroAnswer, RetroRequest


@dataclass(frozen=True)
class AnswerRow:
    answer: RetroAnswer
    key_result: KeyResult
    author_slack_id: str | None  # None: anonymous


def team_okrs(
    session: Session, cycle_id: int, team_id: int
) -> tuple[list[Objective], list[KeyResult]]:
    objectives = list(
        session.exec(
            select(Objective)
            .where(Objective.cycle_id == cycle_id, Objective.team_id == team_id)
            .order_by(col(Objective.id))
        ).all()
    )
    key_results = list(
        session.exec(
            select(KeyResult)
            .where(col(KeyResult.objective_id).in_([o.id for o in objectives]))
            .where(col(KeyResult.archived_at).is_(None))
            .order_by(col(KeyResult.id))
        ).all()
    )
    return objectives, key_results


def close_request_states(session: Session, kr_ids: list[int], trigger_key: str) -> list[str | None]:
    """One entry per close retro and request: its status, or None for a retro nobody got yet."""
    if not kr_ids:
        return []
    rows = session.exec(
        select(Retro.id, RetroRequest.status)
        .join(RetroRequest, col(RetroRequest.retro_id) == Retro.id, isouter=True)
        .where(col(Retro.key_result_id).in_(kr_ids), Retro.trigger_key == trigger_key)
    ).all()
    return [status for _, status in rows]


def answers_for(session: Session, kr_ids: list[int]) -> list[AnswerRow]:
    """Answers to retros of these KRs, oldest first, with named authors' Slack ids."""
    if not kr_ids:
        return []
    rows = session.exec(
        select(RetroAnswer, KeyResult, Member.slack_user_id)
        .join(Retro, col(Retro.id) == RetroAnswer.retro_id)
        .join(KeyResult, col(KeyResult.id) == Retro.key_result_id)
        .join(Member, col(Member.id) == RetroAnswer.author_id, isouter=True)
        .where(col(Retro.key_result_id).in_(kr_ids))
        .order_by(col(RetroAnswer.created_at), col(RetroAnswer.id))
    ).all()
    return [AnswerRow(answer, kr, slack_id) for answer, kr, slack_id in rows]


def asked_count(session: Session, kr_ids: list[int]) -> int:
    if not kr_ids:
        return 0
    rows = session.exec(
        select(RetroRequest.id)
        .join(Retro, col(Retro.id) == RetroRequest.retro_id)
        .where(col(Retro.key_result_id).in_(kr_ids))
    ).all()
    return len(rows)
