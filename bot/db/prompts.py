"""The prompt table: claims, sends, failures, snoozes, reminders and answers."""

from datetime import datetime
from typing import Any

from sqlalchemy import case, update
from sqlmodel import Session, col, select

from bot.db.dialect import dialect_insert, insert_if_absent
from bot.db.models import Prompt
from bot.db.prompt_planning import Owners
from bot.domain.prompting import OPEN_STATUSES, PromptState, PromptStatus

__all__ = ["PromptStatus"]


# A prompt's plan needs: whose, which period, its id, then the fields of its PromptState.
_STATE_COLUMNS: tuple[Any, ...] = tuple(
    col(getattr(Prompt, name))
    for name in [
        *("member_id", "period", "id"),
        *("status", "claimed_at", "attempts", "sent_at", "reminded_at", "snoozed_until"),
    ]
)


def prompt_states(
    session: Session, owners: Owners, periods: set[str]
) -> dict[tuple[int, str], tuple[int, PromptState]]:
    """These members' prompts for these periods, as plain rows: id and state."""
    if not periods:
        return {}
    rows = session.execute(
        select(*_STATE_COLUMNS).where(
            owners.where(Prompt.member_id), col(Prompt.period).in_(periods)
        )
    ).all()
    return {
        (member_id, period): (prompt_id, PromptState(PromptStatus(status), *state))
        for member_id, period, prompt_id, status, *state in rows
    }


def find_prompt(session: Session, member_id: int, period: str) -> Prompt | None:
    return session.exec(
        select(Prompt).where(Prompt.member_id == member_id, Prompt.period == period)
    ).first()


def claim_new(
    session: Session,
    member_id: int,
    period: str,
    now: datetime,
    ends_at: datetime,
    status: PromptStatus = PromptStatus.CLAIMED,
) -> int | None:
    """Insert the row that claims this prompt; None when another tick or process has it."""
    row = {
        "member_id": member_id,
        "period": period,
        "status": status,
        "claimed_at": now,
        "ends_at": ends_at,
    }
    unique = ["member_id", "period"]
    return insert_if_absent(session, Prompt, row, unique=unique, returning=col(Prompt.id))


def transition(
    session: Session,
    prompt_id: int,
    expected: PromptStatus,
    new: PromptStatus,
    now: datetime,
    claimed_by: datetime | None = None,
) -> bool:
    """Move a prompt from one status to another, only if nobody else moved it first.
    With `claimed_by`, only a claim made by then is taken (one a crash left): of two processes
    that both saw it, only the first moves it; the second finds it freshly claimed."""
    values: dict[str, object] = {"status": new}
    if new is PromptStatus.CLAIMED:
        values["claimed_at"] = now
    if new is PromptStatus.REMINDED:
        values["reminded_at"] = now
    statement = update(Prompt).where(col(Prompt.id) == prompt_id, col(Prompt.status) == expected)
    if claimed_by is not None:
        statement = statement.where(col(Prompt.claimed_at) <= claimed_by)
    result = session.execute(statement.values(**values).returning(col(Prompt.id)))
    return result.scalar_one_or_none() is not None


def mark_sent(session: Session, prompt_id: int, channel_id: str, ts: str, now: datetime) -> None:
    """One statement: a reminder keeps the first send's time, and an answer given while the
    DM was in flight (via /okr checkin) wins over "sent"."""
    status = col(Prompt.status)
    session.execute(
        update(Prompt)
        .where(col(Prompt.id) == prompt_id)
        .values(
            channel_id=channel_id,
            message_ts=ts,
            sent_at=case((status == PromptStatus.REMINDED, col(Prompt.sent_at)), else_=now),
            attempts=col(Prompt.attempts) + 1,
            last_error=None,
            status=case((status == PromptStatus.CLAIMED, PromptStatus.SENT), else_=status),
        )
    )


def mark_failed(session: Session, prompt_id: int, error: str) -> None:
    prompt = session.get_one(Prompt, prompt_id)
    prompt.attempts += 1
    prompt.last_error = error[:200]
    if prompt.status == PromptStatus.CLAIMED:
        prompt.status = PromptStatus.FAILED


def mark_missed_after_end(session: Session, now: datetime) -> int:
    """Prompts still open when their period ended are missed; returns how many."""
    result = session.execute(
        update(Prompt)
        .where(col(Prompt.status).in_(OPEN_STATUSES), col(Prompt.ends_at) <= now)
        .values(status=PromptStatus.MISSED)
        .returning(col(Prompt.id))
    )
    return len(result.all())


def mark_answered(session: Session, member_id: int, period: str, now: datetime) -> Prompt:
    """The member answered: a prompt not yet sent for this period will not be sent at all."""
    session.execute(
        dialect_insert(session)(Prompt)
        .values(
            member_id=member_id,
            period=period,
            status=PromptStatus.ANSWERED,
            claimed_at=now,
            answered_at=now,
        )
        .on_conflict_do_update(
            index_elements=["member_id", "period"],
            # ON CONFLICT's SET does not apply the column's onupdate: the revision is raised here.
            set_={
                "status": PromptStatus.ANSWERED,
                "answered_at": now,
                "revision": col(Prompt.revision) + 1,
            },
        )
    )
    prompt = find_prompt(session, member_id, period)
    assert prompt is not None
    session.refresh(prompt)
    return prompt


def snooze(session: Session, prompt: Prompt, until: datetime) -> None:
    prompt.status = PromptStatus.SNOOZED
    prompt.snoozed_until = until


def skip(session: Session, member_id: int, period: str) -> Prompt | None:
    """The member is away: this period's prompt is skipped unless already answered."""
    prompt = find_prompt(session, member_id, period)
    if prompt is not None and prompt.status != PromptStatus.ANSWERED:
        prompt.status = PromptStatus.SKIPPED
    return prompt
