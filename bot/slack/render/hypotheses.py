"""Hypothesis surfaces: the modal to add one, the KR's ranked list, the result modal."""

import json
from typing import Any

from bot.domain.hypotheses import (
    MAX_RATING,
    MAX_STATEMENT,
    MIN_RATING,
    STATEMENT_PLACEHOLDER,
    STATUS_EMOJI,
    HypothesisStatus,
)
from bot.domain.retros import MAX_TEXT
from bot.services.okrs.hypotheses import DecisionForm, HypothesisView, KRHypotheses
from bot.slack.ids import RetroAction, RetroCallback, RetroField, input_action_id, retro_block_id
from bot.slack.limits import VIEW_TITLE
from bot.slack.render.blocks import Block, actions, button, context, input_block, plain, section
from bot.slack.render.text import escape, number, truncate

MAX_LISTED = 15  # three blocks each keeps the message under 50 blocks
STATEMENT_CHARS = 600
Message = tuple[str, list[Block]]


def hypothesis_modal(kr: KRHypotheses) -> dict[str, Any]:
    statement = {
        "type": "plain_text_input",
        "action_id": input_action_id(RetroField.STATEMENT),
        "multiline": True,
        "max_length": MAX_STATEMENT,
        "placeholder": plain(STATEMENT_PLACEHOLDER),
    }
    return {
        "type": "modal",
        "callback_id": RetroCallback.HYPOTHESIS_MODAL,
        "title": plain(truncate(f"Hypothesis {kr.kr_ref}", VIEW_TITLE)),
        "submit": plain("Add"),
        "close": plain("Cancel"),
        "private_metadata": json.dumps({"kr_id": kr.kr_id}),
        "blocks": [
            section(f"*{escape(truncate(kr.kr_title, 300))}* `{kr.kr_ref}`"),
            input_block(
                retro_block_id(RetroField.STATEMENT),
                "Hypothesis",
                statement,
                hint="e.g. If we add live scores, then weekly active fans will rise by 20% "
                "within six weeks.",
            ),
            _rating(RetroField.IMPACT, "Impact (1–10)", "How much it moves the key result"),
            _rating(RetroField.CONFIDENCE, "Confidence (1–10)", "How sure you are it works"),
            _rating(RetroField.EASE, "Ease (1–10)", "How cheap it is to try"),
        ],
    }


def _rating(field: RetroField, label: str, hint: str) -> Block:
    element = {
        "type": "number_input",
        "action_id": input_action_id(field),
        "is_decimal_allowed": False,
        "min_value": str(MIN_RATING),
        "max_value": str(MAX_RATING),
    }
    return input_block(retro_block_id(field), label, element, hint=hint)


def hypotheses_message(kr: KRHypotheses, *, added: bool = False) -> Message:
    """The KR's hypotheses by ICE; open ones carry *Validated* / *Invalidated* buttons."""
    title = f"*{escape(truncate(kr.kr_title, 300))}* `{kr.kr_ref}`"
    opening = "✅ Hypothesis added. " if added else ""
    blocks: list[Block] = [section(f"{opening}Hypotheses of {title}, best bet first")]
    for view in kr.hypotheses[:MAX_LISTED]:
        blocks.append(section(_line(view)))
        if view.status is HypothesisStatus.OPEN and kr.may_decide:
            blocks.append(
                actions(
                    button("Validated", RetroAction.HYPOTHESIS_VALIDATED, str(view.id)),
                    button("Invalidated", RetroAction.HYPOTHESIS_INVALIDATED, str(view.id)),
                    block_id=f"hypothesis:{view.id}",
                )
            )
    if not kr.hypotheses:
        blocks.append(context(f"No hypotheses yet: add one with `/okr hypothesis {kr.kr_ref}`."))
    elif len(kr.hypotheses) > MAX_LISTED:
        blocks.append(context(f"…and {len(kr.hypotheses) - MAX_LISTED} more."))
    return f"{opening}Hypotheses of {kr.kr_ref}", blocks


def _line(view: HypothesisView) -> str:
    line = (
        f"{STATUS_EMOJI[view.status]} {escape(truncate(view.statement, STATEMENT_CHARS))} "
        f"· ICE {number(view.ice)}"
    )
    if view.result:
        line += f"\n   _Result:_ {escape(truncate(view.result, STATEMENT_CHARS))}"
    return line


def result_modal(form: DecisionForm) -> dict[str, Any]:
    verdict = "Validated" if form.status is HypothesisStatus.VALIDATED else "Invalidated"
    element = {
        "type": "plain_text_input",
        "action_id": input_action_id(RetroField.RESULT),
        "multiline": True,
        "max_length": MAX_TEXT,
        "placeholder": plain("What did the numbers say?"),
    }
    return {
        "type": "modal",
        "callback_id": RetroCallback.HYPOTHESIS_RESULT_MODAL,
        "title": plain(verdict),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "private_metadata": json.dumps(
            {"hypothesis_id": form.hypothesis_id, "status": form.status.value}
        ),
        "blocks": [
            section(f"{STATUS_EMOJI[form.status]} {escape(truncate(form.statement, 2000))}"),
            input_block(retro_block_id(RetroField.RESULT), "What did you find?", element),
            context("The result joins the learnings library, whichever way it went."),
        ],
    }
