"""Checks a draft must pass before it is saved, reported per field, all at once."""

import re

from bot.db import authoring as repo
from bot.db.engine import Session
from bot.db.objectives import objective_by_id
from bot.domain.drafting import (
    MAX_ABS_VALUE,
    MAX_DESCRIPTION,
    MAX_KEY_RESULTS,
    MAX_TITLE,
    MAX_UNIT,
    text_problem,
    values_problem,
)
from bot.domain.progress import KRType
from bot.services.okrs.drafts import DraftField, FieldKey, KeyResultDraft

Problems = dict[FieldKey, str]
SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,31}")


def check_objective_text(title: str, description: str | None, problems: Problems) -> None:
    _text(FieldKey(DraftField.TITLE), title, MAX_TITLE, True, problems)
    _text(FieldKey(DraftField.DESCRIPTION), description or "", MAX_DESCRIPTION, False, problems)


def check_key_results(drafts: list[KeyResultDraft], problems: Problems) -> None:
    if not drafts:
        problems[FieldKey(DraftField.TITLE, 0)] = "An objective needs at least one key result."
    if len(drafts) > MAX_KEY_RESULTS:
        problems[FieldKey(DraftField.TITLE, MAX_KEY_RESULTS)] = (
            f"Up to {MAX_KEY_RESULTS} key results per objective keep it focused."
        )
    seen: set[str] = set()
    for index, draft in enumerate(drafts[:MAX_KEY_RESULTS]):
        check_key_result(draft, problems, index)
        title = draft.title.strip()
        if title in seen:
            problems.setdefault(
                FieldKey(DraftField.TITLE, index), "Two key results have this title."
            )
        seen.add(title)


def check_key_result(draft: KeyResultDraft, problems: Problems, index: int | None = None) -> None:
    _text(FieldKey(DraftField.TITLE, index), draft.title, MAX_TITLE, True, problems)
    _text(FieldKey(DraftField.UNIT, index), draft.unit or "", MAX_UNIT, False, problems)
    if not SLACK_USER_ID.fullmatch(draft.owner):
        problems[FieldKey(DraftField.OWNER, index)] = "Pick the key result's owner."
    if not all(SLACK_USER_ID.fullmatch(person) for person in draft.contributors):
        problems[FieldKey(DraftField.CONTRIBUTORS, index)] = "Pick contributors from the list."
    if draft.kr_type is KRType.MILESTONE:
        return
    for name, value in ((DraftField.START, draft.start), (DraftField.TARGET, draft.target)):
        if value is not None and abs(value) > MAX_ABS_VALUE:
            problems[FieldKey(name, index)] = "That number is out of range."
    if draft.target is None:
        problems[FieldKey(DraftField.TARGET, index)] = "Enter the target value as a number."
        return
    if draft.start is None and draft.kr_type is KRType.DECREASE_TO:
        problems[FieldKey(DraftField.START, index)] = (
            "A decrease needs the value it comes down from."
        )
        return
    problem = values_problem(draft.kr_type, stored_start(draft), draft.target)
    if problem is not None:
        problems.setdefault(FieldKey(DraftField.TARGET, index), problem)


def check_title_free(
    session: Session,
    cycle_id: int,
    team_id: int,
    title: str,
    problems: Problems,
    except_id: int | None = None,
) -> None:
    if repo.objective_title_taken(session, cycle_id, team_id, title, except_id):
        problems.setdefault(
            FieldKey(DraftField.TITLE),
            "This team already has an objective with this title in this cycle.",
        )


def stored_start(draft: KeyResultDraft) -> float:
    """The start value kept: 0 for a milestone or when no baseline was given."""
    if draft.kr_type is KRType.MILESTONE or draft.start is None:
        return 0.0
    return draft.start


def stored_target(draft: KeyResultDraft) -> float:
    if draft.kr_type is KRType.MILESTONE or draft.target is None:
        return 1.0
    return draft.target


def _text(key: FieldKey, text: str, limit: int, required: bool, problems: Problems) -> None:
    problem = text_problem(text, limit, required=required)
    if problem is not None:
        problems.setdefault(key, problem)


def check_parent(
    session: Session,
    parent_id: int | None,
    cycle_id: int,
    objective_id: int | None,
    problems: Problems,
) -> None:
    """A parent must be an objective of the same cycle, and never the objective or below it."""
    if parent_id is None:
        return
    parent = objective_by_id(session, parent_id)
    key = FieldKey(DraftField.PARENT)
    if parent is None or parent.cycle_id != cycle_id:
        problems[key] = "Pick a parent objective from the same cycle."
    elif objective_id is not None and repo.parent_chain_has(session, parent_id, objective_id):
        problems[key] = "An objective cannot align under itself or one of its own children."
