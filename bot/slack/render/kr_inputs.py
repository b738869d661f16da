"""One key result's inputs, shared by the new-objective modal and the edit modal."""

from bot.domain.drafting import MAX_TITLE, MAX_UNIT, Indicator
from bot.domain.progress import KRType
from bot.services.okrs.drafts import DraftField, TitleFeedback
from bot.slack.ids import Prefill, draft_block_id
from bot.slack.render.blocks import Block
from bot.slack.render.draft_inputs import (
    feedback_block,
    number_field,
    select,
    text_input,
    user_pick,
    users_pick,
)

KR_TYPES = (
    (KRType.INCREASE_TO, "Increase to"),
    (KRType.DECREASE_TO, "Decrease to"),
    (KRType.STAY_ABOVE, "Stay above"),
    (KRType.STAY_BELOW, "Stay below"),
    (KRType.MILESTONE, "Milestone (done or not)"),
)
INDICATORS = (
    (Indicator.LEADING, "Leading: in the team's hands, moves first"),
    (Indicator.LAGGING, "Lagging: a business result, moves later"),
)
KR_TIP = "Tip: an outcome with a number, e.g. “weekly active fans from 1,000 to 5,000”."
BLOCKS_PER_KR = 9


def key_result_inputs(
    index: int | None, prefill: Prefill, feedback: TitleFeedback | None
) -> list[Block]:
    """Title (coached while typing), owner, contributors, type, start, target, unit, indicator."""
    return [
        text_input(
            DraftField.TITLE, index, "Key result", prefill, max_length=MAX_TITLE, dispatch=True
        ),
        feedback_block(index, feedback, KR_TIP),
        user_pick(DraftField.OWNER, index, "Owner", prefill),
        users_pick(DraftField.CONTRIBUTORS, index, "Contributors", prefill),
        select(DraftField.TYPE, index, "Type", KR_TYPES, prefill),
        number_field(
            DraftField.START,
            index,
            "Start value",
            prefill,
            hint="Where it stands today: the baseline. Not needed for a milestone.",
        ),
        number_field(
            DraftField.TARGET,
            index,
            "Target value",
            prefill,
            hint="Where it should be at the end of the cycle. Not needed for a milestone.",
        ),
        text_input(DraftField.UNIT, index, "Unit", prefill, max_length=MAX_UNIT, optional=True),
        select(DraftField.INDICATOR, index, "Indicator", INDICATORS, prefill, optional=True),
    ]


def key_result_defaults(index: int | None, owner: str) -> Prefill:
    """A fresh key result: owned by the person drafting it, an increase."""
    return {
        draft_block_id(DraftField.OWNER, index): owner,
        draft_block_id(DraftField.TYPE, index): KRType.INCREASE_TO.value,
    }
