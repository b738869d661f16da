"""The retro DM with its *Start retro* button, and the thank-you receipt it turns into."""

from bot.domain.retros import RetroTrigger, trigger_period
from bot.domain.scoring import format_score
from bot.services.retros.answers import RetroReceipt
from bot.services.retros.ports import RetroCard
from bot.slack.ids import RetroAction
from bot.slack.render.blocks import Block, actions, button, context, section
from bot.slack.render.text import escape, truncate

TITLE_CHARS = 300
Message = tuple[str, list[Block]]


def retro_request(card: RetroCard) -> Message:
    kr = f"*{escape(truncate(card.kr_title, TITLE_CHARS))}* `{card.kr_ref}`"
    opening = (
        "Reminder: a few minutes to learn together?"
        if card.reminder
        else ("A few minutes to learn together?")
    )
    text = f"🔁 {opening} A short, blameless retro on {card.kr_ref}."
    blocks = [
        section(f"🔁 *{opening}*\n{kr}\n{_why(card)}"),
        context(
            f"Objective: {escape(truncate(card.objective_title, TITLE_CHARS))} · "
            f"{escape(card.cycle_name)}. No blame: what happened, what we learned, what we "
            "try next. You can share without your name."
        ),
        actions(button("Start retro", RetroAction.START, str(card.retro_id), style="primary")),
    ]
    return text, blocks


def _why(card: RetroCard) -> str:
    period = escape(trigger_period(card.trigger_key))
    if card.trigger is RetroTrigger.CYCLE_CLOSE:
        score = format_score(card.score) if card.score is not None else "below target"
        return f"{escape(card.cycle_name)} closed with this key result at {score}."
    if card.trigger is RetroTrigger.CONFIDENCE_DROP:
        return f"Confidence fell by 3 or more points in the {period} check-in: a mini-retro."
    if card.trigger is RetroTrigger.OFF_TRACK:
        return f"Off track for two check-ins in a row (up to {period}): a mini-retro."
    return "Someone on the team asked for a retro on this key result."


def retro_receipt(receipt: RetroReceipt) -> Message:
    kr = f"*{escape(truncate(receipt.kr_title, TITLE_CHARS))}* `{receipt.kr_ref}`"
    named = "without your name" if receipt.anonymous else "with your name"
    text = f"🙏 Thank you for your retro on {receipt.kr_ref}."
    return text, [
        section(f"🙏 *Thank you for sharing.*\n{kr}"),
        context(
            f"Shared {named}. What you learned joins the learnings library (`/okr learnings`)."
        ),
    ]
