"""The retro modal: a reason, what happened, what we learned, what next, and anonymity."""

import json
from typing import Any

from bot.domain.retros import MAX_TEXT, REASON_LABEL
from bot.services.retros.answers import RetroForm
from bot.slack.ids import RetroCallback, RetroField, input_action_id, retro_block_id
from bot.slack.limits import VIEW_TITLE
from bot.slack.render.blocks import Block, context, input_block, plain, section
from bot.slack.render.text import escape, truncate

ANONYMOUS = "anonymous"


def retro_modal(form: RetroForm) -> dict[str, Any]:
    options = [
        {"text": plain(label), "value": reason.value} for reason, label in REASON_LABEL.items()
    ]
    blocks: list[Block] = [
        section(f"*{escape(truncate(form.kr_title, 300))}* `{form.kr_ref}`"),
        context("Blameless: we look at the work and the system, never at a person."),
        input_block(
            retro_block_id(RetroField.REASON),
            "Main reason",
            {
                "type": "static_select",
                "action_id": input_action_id(RetroField.REASON),
                "placeholder": plain("Choose one"),
                "options": options,
            },
        ),
        _text(RetroField.HAPPENED, "What happened?", "The facts, as you saw them"),
        _text(RetroField.LEARNED, "What did we learn?", "This joins the learnings library"),
        _text(RetroField.NEXT_TRY, "What will we try next?", None, optional=True),
        _anonymity(form.asked),
    ]
    return {
        "type": "modal",
        "callback_id": RetroCallback.RETRO_MODAL,
        "title": plain(truncate(f"Retro {form.kr_ref}", VIEW_TITLE)),
        "submit": plain("Share"),
        "close": plain("Cancel"),
        "private_metadata": json.dumps({"retro_id": form.retro_id}),
        "blocks": blocks,
    }


def _anonymity(asked: int) -> Block:
    """The choice to share without a name, and what it does and does not hide."""
    if asked <= 1:
        # Said plainly: without a name, an answer only one person could give is still theirs.
        hint = (
            "You are the only one asked for this retro, so the team will know this answer is "
            "yours even without your name."
        )
    else:
        hint = (
            "Anonymous answers keep no name, time or order that points to you: not in the "
            "digest, the library or the logs. If everyone else answers with their name, the "
            "team can still tell which answer is yours."
        )
    anonymous = {"text": plain("Share without my name"), "value": ANONYMOUS}
    element: Block = {"type": "checkboxes", "action_id": input_action_id(RetroField.ANONYMOUS)}
    element["options"] = [anonymous]
    block_id = retro_block_id(RetroField.ANONYMOUS)
    return input_block(block_id, "Your name", element, optional=True, hint=hint)


def _text(
    field: RetroField, label: str, placeholder: str | None, *, optional: bool = False
) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": input_action_id(field),
        "multiline": True,
        "max_length": MAX_TEXT,
    }
    if placeholder:
        element["placeholder"] = plain(placeholder)
    return input_block(retro_block_id(field), label, element, optional=optional)
