"""The DM for a check-in that could not be saved after the modal closed: why, and the answers."""

from bot.domain.refs import kr_ref
from bot.domain.text import truncate
from bot.services.checkins.results import CheckinAnswer
from bot.slack.limits import SECTION_TEXT
from bot.slack.render.blocks import Block, context, section
from bot.slack.render.text import confidence, escape, number

MAX_ANSWERS_SHOWN = 45  # with the two blocks around them, within a message's 50
SECTION_CHARS = SECTION_TEXT


def unsaved_checkin(
    period: str, reason: str, answers: list[CheckinAnswer]
) -> tuple[str, list[Block]]:
    text = f"Your {period} check-in was not saved: {reason}"
    blocks: list[Block] = [
        section(f"⚠️ Your *{escape(period)}* check-in was not saved. {escape(reason)}")
    ]
    blocks += [section(_answer(answer)) for answer in answers[:MAX_ANSWERS_SHOWN]]
    blocks.append(context("Here is what you entered, so nothing is lost: `/okr checkin` again."))
    return text, blocks


def _answer(answer: CheckinAnswer) -> str:
    line = f"`{kr_ref(answer.kr_id)}` {number(answer.value)} · {confidence(answer.confidence)}"
    if answer.note:
        line += f"\n> {escape(answer.note)}"
    if answer.blocker:
        line += f"\n🚧 {escape(answer.blocker)}"
    return truncate(line, SECTION_CHARS)
