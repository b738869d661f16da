"""Marking a member's prompt answered, and finding the message it was posted as."""

from datetime import datetime

from bot.db import prompts
from bot.db.engine import Session
from bot.services.checkins.results import PromptMessage


def answer_prompt(
    session: Session, member_id: int, period: str, now: datetime
) -> PromptMessage | None:
    """Mark the member's prompt for the period answered; the message it was posted as, if any."""
    prompt = prompts.mark_answered(session, member_id, period, now)
    if prompt is not None and prompt.channel_id and prompt.message_ts:
        return PromptMessage(prompt.channel_id, prompt.message_ts)
    return None
