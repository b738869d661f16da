"""The weekly check-in DM: the member's KRs with their last answer, and what to do next."""

from bot.services.checkins.results import KRSnapshot, PromptCard
from bot.slack.ids import Action, snooze_value
from bot.slack.render.blocks import Block, actions, button, context, header, plain, section
from bot.slack.render.source_value import from_source, last_answer
from bot.slack.render.text import confidence, escape, truncate

# Twenty short lines keep the message far below Slack's ~12k characters of blocks.
MAX_KRS_SHOWN = 20
MAX_TITLE = 150


def checkin_prompt(card: PromptCard) -> tuple[str, list[Block]]:
    """Fallback text and blocks of the prompt; the period rides in every button's value."""
    count = len(card.key_results)
    nudge = "Reminder: your" if card.reminder else "Time for your"
    text = f"{nudge} OKR check-in ({card.period}): {count} key result(s)."
    title = f"Reminder · check-in {card.period}" if card.reminder else f"Check-in · {card.period}"
    ask = "Where do your key results stand, and how sure are you of hitting them?"
    if card.reminder:
        ask = f"A gentle nudge: your check-in is still open. {ask}"
    blocks: list[Block] = [header(title), section(ask)]
    blocks += [_kr_line(kr) for kr in card.key_results[:MAX_KRS_SHOWN]]
    if count > MAX_KRS_SHOWN:
        blocks.append(context(f"…and {count - MAX_KRS_SHOWN} more in the check-in form."))
    blocks.append(
        actions(
            button("Check in", Action.CHECK_IN, card.period, style="primary"),
            button("No change", Action.NO_CHANGE, card.period),
            _snooze_menu(card.period),
            button("I'm away", Action.AWAY, card.period),
            block_id="checkin.actions",
        )
    )
    return text, blocks


def _kr_line(kr: KRSnapshot) -> Block:
    answer = last_answer(kr)
    last = f"last {answer}" if answer else "no check-in yet"
    fetched = from_source(kr)
    if fetched is not None:
        last = f"{fetched} · {confidence(kr.confidence)} — just set your confidence and a note"
    return section(f"*{escape(truncate(kr.title, MAX_TITLE))}* `{kr.ref}`\n{last}")


def _snooze_menu(period: str) -> Block:
    return {
        "type": "static_select",
        "action_id": Action.SNOOZE,
        "placeholder": plain("Snooze…"),
        "options": [
            {"text": plain(label), "value": snooze_value(period, choice)}
            for label, choice in (("2 hours", "2h"), ("Tomorrow morning", "tomorrow"))
        ],
    }
