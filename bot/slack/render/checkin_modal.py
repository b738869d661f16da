"""The check-in modal: per key result a value, a confidence 0–10, a note and a blocker."""

import json
from typing import Any

from bot.domain.progress import KRType
from bot.services.checkins.results import CheckinForm, KRSnapshot
from bot.slack.ids import DONE, Callback, Field, input_action_id, kr_block_id
from bot.slack.render.blocks import Block, context, input_block, plain, section
from bot.slack.render.source_value import from_source, last_answer
from bot.slack.render.text import escape, number

# Five blocks per key result and one notice keep a modal within Slack's 100 blocks.
MAX_KRS_PER_MODAL = 19


def checkin_modal(form: CheckinForm) -> dict[str, Any]:
    shown = form.key_results[:MAX_KRS_PER_MODAL]
    notes = [form.notice] if form.notice else []
    if len(form.key_results) > len(shown):
        notes.append(
            f"Showing your first {len(shown)} of {len(form.key_results)} key results; "
            "the others keep their last answer."
        )
    blocks: list[Block] = [context(*(escape(note) for note in notes))] if notes else []
    for kr in shown:
        blocks += _kr_inputs(kr)
    return {
        "type": "modal",
        "callback_id": Callback.CHECKIN_MODAL,
        "title": plain(f"Check-in {form.period}"),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "private_metadata": json.dumps({"period": form.period}),
        "blocks": blocks,
    }


def _kr_inputs(kr: KRSnapshot) -> list[Block]:
    answer = last_answer(kr)
    last = f"Last: {answer}" if answer else "No check-in yet."
    fetched = from_source(kr)
    if fetched is not None:
        # The number is known: only the owner knows how sure they are, and why.
        last = f"{fetched[0].upper()}{fetched[1:]} · just set your confidence and a note."
    return [
        section(f"*{escape(kr.title)}* `{kr.ref}`\n{last}"),
        _value_input(kr),
        input_block(
            kr_block_id(kr.kr_id, Field.CONFIDENCE),
            "Confidence (0–10) that you will hit the target",
            _number(Field.CONFIDENCE, kr.confidence, decimals=False, low=0, high=10),
            hint="0–3 off track · 4–6 at risk · 7–10 on track",
        ),
        input_block(kr_block_id(kr.kr_id, Field.NOTE), "Note", _text(Field.NOTE), optional=True),
        input_block(
            kr_block_id(kr.kr_id, Field.BLOCKER),
            "Blocker",
            _text(Field.BLOCKER, "What is in your way, if anything?"),
            optional=True,
        ),
    ]


def _value_input(kr: KRSnapshot) -> Block:
    block_id = kr_block_id(kr.kr_id, Field.VALUE)
    if kr.kr_type is KRType.MILESTONE:
        option = {"text": plain("Done"), "value": DONE}
        element: Block = {
            "type": "checkboxes",
            "action_id": input_action_id(Field.VALUE),
            "options": [option],
        }
        if kr.value is not None and kr.value >= 1:
            element["initial_options"] = [option]
        return input_block(block_id, "Milestone", element, optional=True)
    current = kr.value if kr.value is not None else kr.start
    label = f"Value ({kr.unit})" if kr.unit else "Value"
    return input_block(
        block_id,
        label,
        _number(Field.VALUE, current, decimals=True),
        hint=f"Target: {number(kr.target)}",
    )


def _number(
    field: Field,
    initial: float | None,
    *,
    decimals: bool,
    low: int | None = None,
    high: int | None = None,
) -> Block:
    element: Block = {
        "type": "number_input",
        "action_id": input_action_id(field),
        "is_decimal_allowed": decimals,
    }
    if initial is not None:
        element["initial_value"] = number(initial)
    if low is not None:
        element["min_value"] = str(low)
    if high is not None:
        element["max_value"] = str(high)
    return element


def _text(field: Field, placeholder: str | None = None) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": input_action_id(field),
        "multiline": True,
        "max_length": 1000,
    }
    if placeholder:
        element["placeholder"] = plain(placeholder)
    return element
