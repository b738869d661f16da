"""Input elements of the authoring modals, each pre-filled from what was typed or saved."""

from collections.abc import Sequence

from bot.domain.coaching import Hint
from bot.services.choices import Choice
from bot.services.okrs.drafts import DraftField, TitleFeedback
from bot.slack.ids import DRAFT_FEEDBACK, Prefill, draft_action_id, draft_block_id
from bot.slack.render.blocks import Block, context, input_block, option, plain, static_select
from bot.slack.render.text import escape, truncate

# What a modal showed or a person typed, by block id: a text, an option value, a user id,
# or a list of them for multi-selects and checkboxes.
Options = Sequence[tuple[str, str]]  # (value, label)

MAX_LEARNING_TEXT = 200
DISPATCH_ON = ["on_enter_pressed", "on_character_entered"]


def text_input(
    field: DraftField,
    index: int | None,
    label: str,
    prefill: Prefill,
    *,
    max_length: int,
    optional: bool = False,
    multiline: bool = False,
    dispatch: bool = False,
    hint: str | None = None,
) -> Block:
    block_id = draft_block_id(field, index)
    element: Block = {
        "type": "plain_text_input",
        "action_id": draft_action_id(field),
        "max_length": max_length,
        "multiline": multiline,
    }
    typed = prefill.get(block_id)
    if isinstance(typed, str) and typed:
        element["initial_value"] = typed[:max_length]
    if dispatch:
        element["dispatch_action_config"] = {"trigger_actions_on": DISPATCH_ON}
    block = input_block(block_id, label, element, optional=optional, hint=hint)
    if dispatch:
        block["dispatch_action"] = True
    return block


def number_field(
    field: DraftField,
    index: int | None,
    label: str,
    prefill: Prefill,
    *,
    hint: str | None = None,
) -> Block:
    block_id = draft_block_id(field, index)
    element: Block = {
        "type": "number_input",
        "action_id": draft_action_id(field),
        "is_decimal_allowed": True,
    }
    typed = prefill.get(block_id)
    if isinstance(typed, str) and _is_number(typed):
        element["initial_value"] = typed
    return input_block(block_id, label, element, optional=True, hint=hint)


def select(
    field: DraftField,
    index: int | None,
    label: str,
    options: Options,
    prefill: Prefill,
    *,
    optional: bool = False,
) -> Block:
    block_id = draft_block_id(field, index)
    rendered = [option(value, text) for value, text in options]
    element = static_select(draft_action_id(field), rendered, prefill.get(block_id))
    return input_block(block_id, label, element, optional=optional)


def search_select(
    field: DraftField, label: str, chosen: Choice | None, *, optional: bool = False
) -> Block:
    """A select whose options are looked up as the person types: lists that can outgrow
    Slack's 100 options (teams, cycles, objectives)."""
    element: Block = {
        "type": "external_select",
        "action_id": draft_action_id(field),
        "min_query_length": 0,
        "placeholder": plain("Type to search"),
    }
    if chosen is not None:
        element["initial_option"] = choice_option(chosen)
    return input_block(draft_block_id(field), label, element, optional=optional)


def choice_option(chosen: Choice) -> Block:
    return option(str(chosen.value), chosen.label)


def multi_select(
    field: DraftField, index: int | None, label: str, options: Options, prefill: Prefill
) -> Block:
    block_id = draft_block_id(field, index)
    rendered = [option(value, text) for value, text in options]
    element: Block = {
        "type": "multi_static_select",
        "action_id": draft_action_id(field),
        "options": rendered,
    }
    chosen = prefill.get(block_id)
    initial = [o for o in rendered if isinstance(chosen, list) and o["value"] in chosen]
    if initial:
        element["initial_options"] = initial
    return input_block(block_id, label, element, optional=True)


def user_pick(field: DraftField, index: int | None, label: str, prefill: Prefill) -> Block:
    """One person, required."""
    return _people_pick(field, index, label, prefill, many=False)


def users_pick(field: DraftField, index: int | None, label: str, prefill: Prefill) -> Block:
    """Any number of people, or none."""
    return _people_pick(field, index, label, prefill, many=True)


def _people_pick(
    field: DraftField, index: int | None, label: str, prefill: Prefill, *, many: bool
) -> Block:
    block_id = draft_block_id(field, index)
    kind, initial = (
        ("multi_users_select", "initial_users") if many else ("users_select", "initial_user")
    )
    element: Block = {"type": kind, "action_id": draft_action_id(field)}
    chosen = prefill.get(block_id)
    if chosen and isinstance(chosen, list) == many:
        element[initial] = chosen
    return input_block(block_id, label, element, optional=many)


def checkbox(field: str, label: str, option_text: str, checked: bool) -> Block:
    yes = option("yes", option_text)
    element: Block = {
        "type": "checkboxes",
        "action_id": draft_action_id(field),
        "options": [yes],
    }
    if checked:
        element["initial_options"] = [yes]
    return input_block(draft_block_id(field), label, element, optional=True)


def feedback_block(index: int | None, feedback: TitleFeedback | None, tip: str) -> Block:
    """The coaching line under a title: hints and related learnings, or a tip before typing."""
    if feedback is None:
        parts = [tip]
    else:
        parts = [hints_text(feedback.hints) or "✓ Reads like something you can measure."]
        if feedback.learnings:
            lines = [
                f"• {escape(truncate(note.text, MAX_LEARNING_TEXT))} "
                f"({note.kr_ref}, {escape(note.cycle_name)})"
                for note in feedback.learnings
            ]
            parts.append("*Related learnings*\n" + "\n".join(lines))
    block = context(*parts)
    block["block_id"] = draft_block_id(DRAFT_FEEDBACK, index)
    return block


def hints_text(hints: Sequence[Hint]) -> str:
    return "\n".join(f"💡 {escape(hint.text)}" for hint in hints)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
