"""Creating and editing objectives and key results, with coaching hints; permissions re-checked."""

from datetime import datetime

from bot.db import authoring as repo
from bot.db.catalog import ensure_members, place_key_result
from bot.db.checkins import find_key_result
from bot.db.cycles import cycle_by_id, load_cycle
from bot.db.engine import Database, Session
from bot.db.learnings import search_learnings
from bot.db.models import KeyResult, Objective, Team
from bot.db.objectives import add_objective, objective_of, save_key_result
from bot.db.teams import load_team, team_by_id
from bot.domain.coaching import Hint, key_result_hints, objective_hints
from bot.domain.drafting import Indicator, ObjectiveKind, tags_of, tags_text
from bot.domain.errors import FieldErrors, NotFound
from bot.domain.progress import KRType
from bot.domain.refs import kr_ref, objective_ref
from bot.domain.words import search_words
from bot.services.okrs import authoring_choices as choices
from bot.services.okrs import draft_checks as checks
from bot.services.okrs.drafts import (
    DraftField,
    FieldKey,
    KeyResultDetails,
    KeyResultDraft,
    LearningNote,
    ObjectiveDetails,
    ObjectiveDraft,
    ObjectiveEdit,
    SavedKeyResult,
    SavedObjective,
    TitleFeedback,
)
from bot.services.permissions import (
    Actor,
    Authority,
    leads_or_admin,
    refusal,
    require_kr_writer,
    require_objective_writer,
)
from bot.services.ports import Clock

RELATED_LEARNINGS = 3


class AuthoringService:
    def __init__(
        self, database: Database, clock: Clock, authority: Authority | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._authority = authority or Authority(database)

    def create_objective(self, slack_user_id: str, draft: ObjectiveDraft) -> SavedObjective:
        """The objective and its key results in one transaction, or every problem at once."""
        return self._authority.run(
            slack_user_id, lambda session, actor: self._create(session, actor, draft)
        )

    def _create(self, session: Session, actor: Actor, draft: ObjectiveDraft) -> SavedObjective:
        problems: checks.Problems = {}
        team = _team_for_author(session, actor, draft.team_id, problems)
        cycle = cycle_by_id(session, draft.cycle_id)
        if cycle is None or cycle.closed_at is not None:
            problems[FieldKey(DraftField.CYCLE)] = "Pick an open cycle."
        title = draft.title.strip()
        checks.check_objective_text(title, draft.description, problems)
        checks.check_key_results(draft.key_results, problems)
        if cycle is not None:
            checks.check_parent(session, draft.parent_id, cycle.id or 0, None, problems)
            if title:
                checks.check_title_free(session, draft.cycle_id, draft.team_id, title, problems)
        if problems or team is None or cycle is None:
            raise FieldErrors(problems)
        objective = Objective(
            cycle_id=draft.cycle_id,
            team_id=draft.team_id,
            owner_id=actor.id,
            title=title,
            description=(draft.description or "").strip() or None,
            kind=draft.kind.value,
            parent_id=draft.parent_id,
            tags=tags_text(draft.tags),
        )
        add_objective(session, objective)
        now = self._clock.now()
        saved = [_save_key_result(session, objective, None, d, now) for d in draft.key_results]
        return SavedObjective(
            ref=objective_ref(objective.id),
            title=objective.title,
            team_name=team.name,
            cycle_name=cycle.name,
            hints=objective_hints(title, key_result_count=len(saved)),
            key_results=saved,
        )

    def objective_details(
        self, slack_user_id: str, objective_id: int, parent_id: int | None = None
    ) -> ObjectiveDetails:
        """The objective as saved; `parent_id` is a parent picked in the open modal, if any."""

        def read(session: Session, actor: Actor) -> ObjectiveDetails:
            objective = choices.find_objective(session, objective_id)
            require_objective_writer(session, actor, objective, "edit it")
            team = load_team(session, objective.team_id)
            cycle = load_cycle(session, objective.cycle_id)
            return ObjectiveDetails(
                objective_id=objective_id,
                ref=objective_ref(objective_id),
                title=objective.title,
                description=objective.description,
                team_id=objective.team_id,
                team_name=team.name,
                cycle_name=cycle.name,
                kind=ObjectiveKind(objective.kind),
                tags=tags_of(objective.tags),
                parent=choices.picked_parent(
                    session, objective.cycle_id, parent_id or objective.parent_id
                ),
                key_result_count=repo.active_key_result_count(session, objective_id),
            )

        return self._authority.read(slack_user_id, read)

    def update_objective(
        self, slack_user_id: str, objective_id: int, edit: ObjectiveEdit
    ) -> SavedObjective:
        return self._authority.run(
            slack_user_id,
            lambda session, actor: self._update_objective(session, actor, objective_id, edit),
        )

    def _update_objective(
        self, session: Session, actor: Actor, objective_id: int, edit: ObjectiveEdit
    ) -> SavedObjective:
        objective = choices.find_objective(session, objective_id)
        require_objective_writer(session, actor, objective, "edit it")
        problems: checks.Problems = {}
        title = edit.title.strip()
        checks.check_objective_text(title, edit.description, problems)
        checks.check_parent(session, edit.parent_id, objective.cycle_id, objective_id, problems)
        checks.check_title_free(
            session, objective.cycle_id, objective.team_id, title, problems, objective_id
        )
        if problems:
            raise FieldErrors(problems)
        objective.title = title
        objective.description = (edit.description or "").strip() or None
        objective.kind = edit.kind.value
        objective.tags = tags_text(edit.tags)
        objective.parent_id = edit.parent_id
        team = load_team(session, objective.team_id)
        cycle = load_cycle(session, objective.cycle_id)
        count = repo.active_key_result_count(session, objective_id)
        return SavedObjective(
            ref=objective_ref(objective_id),
            title=title,
            team_name=team.name,
            cycle_name=cycle.name,
            hints=objective_hints(title, key_result_count=count),
            key_results=[],
        )

    def key_result_details(self, slack_user_id: str, kr_id: int) -> KeyResultDetails:
        def read(session: Session, actor: Actor) -> KeyResultDetails:
            kr, objective = _key_result(session, kr_id)
            require_kr_writer(session, actor, kr, objective, "edit it")
            contributors = repo.contributor_ids_in_order(session, kr_id)
            slack_ids = repo.slack_ids(session, [kr.owner_id, *contributors])
            return KeyResultDetails(
                kr_id=kr_id,
                ref=kr_ref(kr_id),
                objective_ref=objective_ref(objective.id),
                objective_title=objective.title,
                team_id=objective.team_id,
                title=kr.title,
                owner=slack_ids.get(kr.owner_id, ""),
                contributors=[slack_ids[c] for c in contributors if c in slack_ids],
                kr_type=KRType(kr.kr_type),
                start=kr.start_value,
                target=kr.target_value,
                unit=kr.unit,
                indicator=Indicator(kr.indicator) if kr.indicator else None,
                archived=kr.archived_at is not None,
            )

        return self._authority.read(slack_user_id, read)

    def update_key_result(
        self, slack_user_id: str, kr_id: int, draft: KeyResultDraft, *, archive: bool
    ) -> SavedKeyResult:
        """Edit a key result; archiving hides it from prompts and digests, its check-ins stay."""

        def save(session: Session, actor: Actor) -> SavedKeyResult:
            kr, objective = _key_result(session, kr_id)
            require_kr_writer(session, actor, kr, objective, "edit it")
            problems: checks.Problems = {}
            checks.check_key_result(draft, problems)
            title = draft.title.strip()
            if repo.key_result_title_taken(session, objective.id or 0, title, kr_id):
                problems.setdefault(
                    FieldKey(DraftField.TITLE), "This objective already has a key result so named."
                )
            if problems:
                raise FieldErrors(problems)
            return _save_key_result(
                session, objective, kr, draft, self._clock.now(), archive=archive
            )

        return self._authority.run(slack_user_id, save)

    def title_feedback(
        self,
        title: str,
        *,
        objective: bool = False,
        target: float | None = None,
        start: float | None = None,
        kr_type: KRType = KRType.INCREASE_TO,
        key_result_count: int = 1,
    ) -> TitleFeedback:
        """Coaching hints for a title being typed, and learnings that mention its words."""
        if objective:
            hints = objective_hints(title, key_result_count=key_result_count)
        else:
            hints = _kr_hints(title, kr_type, start, target)
        words = search_words(title)
        if not words:
            return TitleFeedback(hints, [])
        with self._db.transaction() as session:
            rows = search_learnings(session, words, match_all=False, limit=RELATED_LEARNINGS)
            notes = [
                LearningNote(row.learning.text, kr_ref(row.key_result.id), row.cycle.name)
                for row in rows
            ]
        return TitleFeedback(hints, notes)


def _kr_hints(title: str, kr_type: KRType, start: float | None, target: float | None) -> list[Hint]:
    return key_result_hints(
        title, target=target, start=start, milestone=kr_type is KRType.MILESTONE
    )


def _team_for_author(
    session: Session, actor: Actor, team_id: int, problems: checks.Problems
) -> Team | None:
    """The team picked in the form (an id from the client, so judged again here)."""
    team = team_by_id(session, team_id)
    if team is None or not leads_or_admin(session, actor, team_id):
        name = team.name if team is not None else "that team"
        problems[FieldKey(DraftField.TEAM)] = refusal(
            actor, f"Only {name}'s leads and workspace admins can create objectives for it."
        ).message
    return team


def _save_key_result(
    session: Session,
    objective: Objective,
    kr: KeyResult | None,
    draft: KeyResultDraft,
    now: datetime,
    *,
    archive: bool = False,
) -> SavedKeyResult:
    """Write the draft onto `kr`, or onto a new key result of `objective` when None."""
    people = ensure_members(session, [draft.owner, *draft.contributors])
    title, owner_id = draft.title.strip(), people[draft.owner]
    if kr is None:
        kr = KeyResult(objective_id=objective.id or 0, title=title, owner_id=owner_id)
    place_key_result(kr, owner_id, archived=archive, now=now)
    kr.title = title
    kr.kr_type = draft.kr_type.value
    kr.start_value = checks.stored_start(draft)
    kr.target_value = checks.stored_target(draft)
    kr.unit = (draft.unit or "").strip() or None
    kr.indicator = draft.indicator.value if draft.indicator else None
    kr_id = save_key_result(session, kr)
    contributors = {people[c] for c in draft.contributors} - {kr.owner_id}
    repo.set_contributors(session, kr_id, contributors)
    hints = _kr_hints(kr.title, draft.kr_type, draft.start, draft.target)
    return SavedKeyResult(kr_ref(kr_id), kr.title, hints, kr.archived_at is not None)


def _key_result(session: Session, kr_id: int) -> tuple[KeyResult, Objective]:
    kr = find_key_result(session, kr_id)
    if kr is None:
        raise NotFound(f"I can't find {kr_ref(kr_id)}. Check the number and try again.")
    return kr, objective_of(session, kr)
