"""The modal to edit one key result, with a checkbox to archive it."""

from typing import Any

from bot.services.okrs.drafts import DraftField, KeyResultDetails, TitleFeedback
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.ids import ARCHIVE, ARCHIVE_YES, Callback, Prefill, draft_block_id
from bot.slack.limits import VIEW_TITLE
from bot.slack.render.blocks import context, plain
from bot.slack.render.draft_inputs import checkbox
from bot.slack.render.kr_inputs import key_result_inputs
from bot.slack.render.source_section import SourceSection, source_blocks
from bot.slack.render.text import escape, number, truncate


def edit_key_result_modal(
    details: KeyResultDetails,
    metadata: DraftMetadata,
    prefill: Prefill | None = None,
    feedback: TitleFeedback | None = None,
    source: SourceSection | None = None,
) -> dict[str, Any]:
    """`source`: the Data source section, for those who may set it."""
    if prefill is None:
        prefill = key_result_prefill(details)
    archived = prefill.get(draft_block_id(ARCHIVE)) == [ARCHIVE_YES]
    about = f"`{details.ref}` under `{details.objective_ref}` {escape(details.objective_title)}"
    blocks = [
        context(about),
        *key_result_inputs(None, prefill, feedback),
        checkbox(
            ARCHIVE,
            "Archive",
            "Archive this key result: no more check-ins; its history stays",
            archived,
        ),
    ]
    if source is not None:
        blocks += source_blocks(source, prefill)
    return {
        "type": "modal",
        "callback_id": Callback.EDIT_KEY_RESULT,
        "title": plain(truncate(f"Edit {details.ref}", VIEW_TITLE)),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "private_metadata": metadata.to_json(),
        "blocks": blocks,
    }


def key_result_prefill(details: KeyResultDetails) -> Prefill:
    prefill: Prefill = {
        draft_block_id(DraftField.TITLE): details.title,
        draft_block_id(DraftField.OWNER): details.owner,
        draft_block_id(DraftField.CONTRIBUTORS): list(details.contributors),
        draft_block_id(DraftField.TYPE): details.kr_type.value,
        draft_block_id(DraftField.START): number(details.start),
        draft_block_id(DraftField.TARGET): number(details.target),
        draft_block_id(DraftField.UNIT): details.unit or "",
        draft_block_id(ARCHIVE): [ARCHIVE_YES] if details.archived else [],
    }
    if details.indicator is not None:
        prefill[draft_block_id(DraftField.INDICATOR)] = details.indicator.value
    return prefill
