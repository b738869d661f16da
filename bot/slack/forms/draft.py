"""Authoring modals' state in, drafts out; or an error for each field Slack should mark."""

import math
from collections.abc import Iterable
from typing import Any

from bot.domain.drafting import Indicator, ObjectiveKind
from bot.domain.errors import FieldErrors
from bot.domain.progress import KRType
from bot.domain.text import truncate
from bot.services.okrs.drafts import (
    DraftField,
    FieldKey,
    KeyResultDraft,
    ObjectiveDraft,
    ObjectiveEdit,
)
from bot.slack import payload
from bot.slack.ids import ARCHIVE, ARCHIVE_YES, Prefill, draft_block_id, parse_draft_block_id

Errors = dict[str, str]


def view_prefill(view: dict[str, Any]) -> Prefill:
    """What the person has typed or picked so far, by block id, whatever the element."""
    prefill: Prefill = {}
    for block_id, elements in payload.state_values(view).items():
        for state in elements.values():
            value = _state_value(state)
            if value is not None:
                prefill[block_id] = value
    return prefill


def picked_id(prefill: Prefill, field: DraftField) -> int | None:
    """The id picked in one of the objective's selects (team, cycle, parent), if any."""
    raw = prefill.get(draft_block_id(field))
    return int(raw) if isinstance(raw, str) and raw.isascii() and raw.isdigit() else None


def key_result_indices(block_ids: Iterable[str]) -> list[int]:
    """The key-result groups present in the form, in order."""
    found = {parsed[1] for block in block_ids if (parsed := parse_draft_block_id(block))}
    return sorted(index for index in found if index is not None)


def parse_new_objective(prefill: Prefill, shown: set[str]) -> ObjectiveDraft:
    errors: Errors = {}
    team = _id(prefill, DraftField.TEAM, "Pick a team.", errors)
    cycle = _id(prefill, DraftField.CYCLE, "Pick a cycle.", errors)
    edit = parse_objective_edit(prefill)
    key_results = [_key_result(prefill, index, errors) for index in key_result_indices(shown)]
    if errors:
        raise FieldErrors(errors)
    return ObjectiveDraft(
        title=edit.title,
        team_id=team or 0,
        cycle_id=cycle or 0,
        key_results=key_results,
        description=edit.description,
        kind=edit.kind,
        tags=edit.tags,
        parent_id=edit.parent_id,
    )


def parse_objective_edit(prefill: Prefill) -> ObjectiveEdit:
    kind = _choice(prefill, DraftField.KIND, None) or ObjectiveKind.COMMITTED.value
    parent = _text(prefill, DraftField.PARENT, None)
    return ObjectiveEdit(
        title=_text(prefill, DraftField.TITLE, None),
        description=_text(prefill, DraftField.DESCRIPTION, None) or None,
        kind=ObjectiveKind(kind) if kind in set(ObjectiveKind) else ObjectiveKind.COMMITTED,
        tags=_list(prefill, DraftField.TAGS, None),
        parent_id=int(parent) if parent.isdigit() else None,
    )


def parse_key_result_edit(prefill: Prefill) -> tuple[KeyResultDraft, bool]:
    errors: Errors = {}
    draft = _key_result(prefill, None, errors)
    if errors:
        raise FieldErrors(errors)
    return draft, prefill.get(draft_block_id(ARCHIVE)) == [ARCHIVE_YES]


def input_block_ids(view: dict[str, Any]) -> set[str]:
    """Every input block of the submitted view, filled in or not."""
    return set(payload.state_values(view))


def field_errors(invalid: FieldErrors[str | FieldKey], shown: set[str]) -> Errors:
    """Errors on the blocks that show them: the form's own come keyed by block; the service's
    by field, and one whose block the modal lacks falls back to the title's."""
    errors: Errors = {}
    for key, message in invalid.errors.items():
        if isinstance(key, str):
            errors.setdefault(key, message)
            continue
        block_id = draft_block_id(key.field, key.kr_index)
        if block_id not in shown:
            block_id = draft_block_id(DraftField.TITLE, key.kr_index)
        errors.setdefault(block_id, message)
    return errors


def _key_result(prefill: Prefill, index: int | None, errors: Errors) -> KeyResultDraft:
    kr_type = _choice(prefill, DraftField.TYPE, index) or KRType.INCREASE_TO.value
    indicator = _choice(prefill, DraftField.INDICATOR, index)
    return KeyResultDraft(
        title=_text(prefill, DraftField.TITLE, index),
        owner=_text(prefill, DraftField.OWNER, index),
        contributors=_list(prefill, DraftField.CONTRIBUTORS, index),
        kr_type=KRType(kr_type) if kr_type in set(KRType) else KRType.INCREASE_TO,
        start=_number(prefill, DraftField.START, index, errors),
        target=_number(prefill, DraftField.TARGET, index, errors),
        unit=_text(prefill, DraftField.UNIT, index) or None,
        indicator=Indicator(indicator) if indicator in set(Indicator) else None,
    )


def _number(prefill: Prefill, field: DraftField, index: int | None, errors: Errors) -> float | None:
    raw = _text(prefill, field, index).strip()
    if not raw:
        return None
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        errors[draft_block_id(field, index)] = (
            f"“{truncate(raw, 40)}” is not a number. Use digits, like 12."
        )
        return None
    if not math.isfinite(value):
        errors[draft_block_id(field, index)] = "That number is out of range."
        return None
    return value


def _id(prefill: Prefill, field: DraftField, message: str, errors: Errors) -> int | None:
    raw = _text(prefill, field, None)
    if not raw.isdigit():
        errors[draft_block_id(field)] = message
        return None
    return int(raw)


def _choice(prefill: Prefill, field: DraftField, index: int | None) -> str | None:
    return _text(prefill, field, index) or None


def _text(prefill: Prefill, field: DraftField, index: int | None) -> str:
    value = prefill.get(draft_block_id(field, index))
    return value if isinstance(value, str) else ""


def _list(prefill: Prefill, field: DraftField, index: int | None) -> list[str]:
    value = prefill.get(draft_block_id(field, index))
    return list(value) if isinstance(value, list) else []


def _state_value(state: dict[str, Any]) -> str | list[str] | None:
    """The element's value as we rendered it: a string, or a list of strings; else None."""
    kind = state.get("type")
    if kind in ("plain_text_input", "number_input"):
        return payload.typed(state) or None
    if kind in ("static_select", "external_select"):
        return payload.picked(state)
    if kind in ("multi_static_select", "checkboxes"):
        return payload.picked_all(state)
    if kind == "users_select":
        return payload.typed(state, "selected_user") or None
    if kind == "multi_users_select":
        return payload.picked_all(state, "selected_users")
    return None
