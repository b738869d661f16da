"""The DM for a retro answer that could not be saved after the modal closed: why, and the answer."""

from bot.domain.retros import REASON_LABEL
from bot.services.retros.answers import RetroSubmission
from bot.slack.render.blocks import Block, context, section
from bot.slack.render.text import escape


def unsaved_retro(reason: str, answer: RetroSubmission) -> tuple[str, list[Block]]:
    text = f"Your retro answer was not saved: {reason}"
    parts = [
        ("Reason", REASON_LABEL[answer.reason]),
        ("What happened", answer.what_happened),
        ("What we learned", answer.learned),
        ("What to try next", answer.next_try or ""),
    ]
    blocks: list[Block] = [section(f"⚠️ Your retro answer was not saved. {escape(reason)}")]
    blocks += [section(f"*{label}*\n{escape(value)}") for label, value in parts if value]
    blocks.append(
        context("Here is what you wrote, so nothing is lost: open the retro again to send it.")
    )
    return text, blocks
