"""Modals to draft a new objective with its key results, and to edit an objective."""

from typing import Any

from bot.domain.drafting import MAX_DESCRIPTION, MAX_KEY_RESULTS, MAX_TITLE, TAGS, ObjectiveKind
from bot.services.choices import Choice
from bot.services.okrs.drafts import (
    DraftField,
    NewObjectiveChoices,
    ObjectiveDetails,
    TitleFeedback,
)
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.ids import Action, Callback, Prefill, draft_block_id
from bot.slack.limits import VIEW_TITLE
from bot.slack.render.blocks import Block, actions, button, context, divider, plain, section
from bot.slack.render.draft_inputs import (
    feedback_block,
    multi_select,
    search_select,
    select,
    text_input,
)
from bot.slack.render.kr_inputs import key_result_defaults, key_result_inputs
from bot.slack.render.text import escape, truncate

Feedback = dict[int | None, TitleFeedback]  # by key-result index; None is the objective
KINDS = (
    (ObjectiveKind.COMMITTED, "Committed: we will hit it"),
    (ObjectiveKind.ASPIRATIONAL, "Aspirational: 0.7 is a success"),
)
TAG_OPTIONS = [(tag, tag) for tag in TAGS]
OBJECTIVE_TIP = "Tip: a qualitative direction people rally around; numbers go in the key results."


def new_objective_modal(
    choices: NewObjectiveChoices,
    caller: str,
    metadata: DraftMetadata,
    prefill: Prefill | None = None,
    feedback: Feedback | None = None,
) -> dict[str, Any]:
    """Objective fields, then `metadata.krs` key-result groups and a button to add one more."""
    feedback = feedback or {}
    if prefill is None:
        prefill = _new_defaults(caller, metadata.krs)
    blocks = [
        *_objective_text_inputs(prefill, feedback.get(None)),
        search_select(DraftField.TEAM, "Team", choices.team),
        search_select(DraftField.CYCLE, "Cycle", choices.cycle),
        *_objective_choice_inputs(prefill, choices.parent),
    ]
    for index in range(metadata.krs):
        blocks += [divider(), section(f"*Key result {index + 1}*")]
        blocks += key_result_inputs(index, prefill, feedback.get(index))
    if metadata.krs < MAX_KEY_RESULTS:
        blocks.append(actions(button("➕ Add a key result", Action.DRAFT_ADD_KR)))
    else:
        blocks.append(context(f"{MAX_KEY_RESULTS} key results is the most an objective takes."))
    return _modal(Callback.NEW_OBJECTIVE, "New objective", "Create", metadata, blocks)


def edit_objective_modal(
    details: ObjectiveDetails,
    metadata: DraftMetadata,
    prefill: Prefill | None = None,
    feedback: Feedback | None = None,
) -> dict[str, Any]:
    if prefill is None:
        prefill = objective_prefill(details)
    about = (
        f"`{details.ref}` · {escape(details.team_name)} · {escape(details.cycle_name)} · "
        f"{details.key_result_count} key result(s)"
    )
    blocks = [
        context(about),
        *_objective_text_inputs(prefill, (feedback or {}).get(None)),
        *_objective_choice_inputs(prefill, details.parent),
    ]
    return _modal(Callback.EDIT_OBJECTIVE, f"Edit {details.ref}", "Save", metadata, blocks)


def objective_prefill(details: ObjectiveDetails) -> Prefill:
    prefill: Prefill = {
        draft_block_id(DraftField.TITLE): details.title,
        draft_block_id(DraftField.DESCRIPTION): details.description or "",
        draft_block_id(DraftField.KIND): details.kind.value,
        draft_block_id(DraftField.TAGS): list(details.tags),
    }
    return prefill


def _new_defaults(caller: str, krs: int) -> Prefill:
    prefill: Prefill = {draft_block_id(DraftField.KIND): ObjectiveKind.COMMITTED.value}
    for index in range(krs):
        prefill |= key_result_defaults(index, caller)
    return prefill


def _objective_text_inputs(prefill: Prefill, feedback: TitleFeedback | None) -> list[Block]:
    return [
        text_input(
            DraftField.TITLE, None, "Objective", prefill, max_length=MAX_TITLE, dispatch=True
        ),
        feedback_block(None, feedback, OBJECTIVE_TIP),
        text_input(
            DraftField.DESCRIPTION,
            None,
            "Description",
            prefill,
            max_length=MAX_DESCRIPTION,
            optional=True,
            multiline=True,
        ),
    ]


def _objective_choice_inputs(prefill: Prefill, parent: Choice | None) -> list[Block]:
    return [
        select(DraftField.KIND, None, "Kind", KINDS, prefill),
        multi_select(DraftField.TAGS, None, "Tags", TAG_OPTIONS, prefill),
        search_select(DraftField.PARENT, "Aligns under (parent objective)", parent, optional=True),
    ]


def _modal(
    callback: Callback, title: str, submit: str, metadata: DraftMetadata, blocks: list[Block]
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback,
        "title": plain(truncate(title, VIEW_TITLE)),
        "submit": plain(submit),
        "close": plain("Cancel"),
        "private_metadata": metadata.to_json(),
        "blocks": blocks,
    }
