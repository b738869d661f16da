"""Writing a check-in's answers, and marking answered the prompt they reply to."""

from datetime import datetime

from bot.db import checkins as repo
from bot.db import prompts
from bot.db.engine import Session
from bot.services.checkins.results import CheckinAnswer, PromptMessage


def record_answers(
    session: Session, author_id: int, period: str, answers: list[CheckinAnswer], now: datetime
) -> None:
    """One check-in per answered KR; an earlier answer for the period is kept as a version."""
    for answer in answers:
        repo.upsert_checkin(
            session,
            key_result_id=answer.kr_id,
            author_id=author_id,
            period=period,
            value=answer.value,
            confidence=answer.confidence,
            note=answer.note,
            blocker=answer.blocker,
            now=now,
        )


def answer_prompt(
    session: Session, member_id: int, period: str, now: datetime
) -> PromptMessage | None:
    """Mark the member's prompt for the period answered; the message it was posted as, if any."""
    prompt = prompts.mark_answered(session, member_id, period, now)
    if prompt is not None and prompt.channel_id and prompt.message_ts:
        return PromptMessage(prompt.channel_id, prompt.message_ts)
    return None
