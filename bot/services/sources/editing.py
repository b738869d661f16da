"""A key result's source set from Slack: only its owner, its team's leads and admins may."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from bot.db.checkins import find_key_result
from bot.db.engine import Session
from bot.db.models import KeyResult, Objective
from bot.db.objectives import objective_of
from bot.db.sources import SourceChange, get_source, spec_of
from bot.domain.errors import NotFound
from bot.domain.refs import kr_ref
from bot.domain.sources import SourceSpec
from bot.services.permissions import Actor, Authority, leads_or_admin, refusal
from bot.services.ports import Clock
from bot.services.source_saving import store_source
from bot.services.sources.results import SourceProbe
from bot.services.sources.service import SourceService


@dataclass(frozen=True)
class EditableSource:
    spec: SourceSpec | None


class SourceEditor:
    def __init__(
        self,
        sources: SourceService,
        authority: Authority,
        clock: Clock,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._sources = sources
        self._authority = authority
        self._clock = clock
        self._jitter = jitter

    def editable(self, slack_user_id: str, kr_id: int) -> EditableSource | None:
        """The saved source for the form, or None when the person may not set it."""

        def read(session: Session, actor: Actor) -> EditableSource | None:
            if not _may_set(session, actor, kr_id):
                return None
            row = get_source(session, kr_id)
            return EditableSource(None if row is None else spec_of(row))

        return self._authority.read(slack_user_id, read)

    def test(self, slack_user_id: str, kr_id: int, spec: SourceSpec) -> SourceProbe:
        """Fetch `spec` now for the *Test* button; the bot fetches only for those allowed."""
        self._authority.read(slack_user_id, lambda session, actor: _require(session, actor, kr_id))
        return self._sources.test_source(spec)

    def check(self, slack_user_id: str, kr_id: int) -> None:
        """Refuse before anything else of the form is saved (NotAllowed, NotFound)."""
        self._authority.read(slack_user_id, lambda session, actor: _require(session, actor, kr_id))

    def save(self, slack_user_id: str, kr_id: int, spec: SourceSpec | None) -> SourceChange:
        """Set (None: remove) the source, the person's rights judged again in the same work."""

        def work(session: Session, actor: Actor) -> SourceChange:
            _require(session, actor, kr_id)
            now = self._clock.now()
            return store_source(session, kr_id, spec, now, self._jitter())

        return self._authority.run(slack_user_id, work)


def _may_set(session: Session, actor: Actor, kr_id: int) -> bool:
    kr, objective = _key_result(session, kr_id)
    return kr.owner_id == actor.id or leads_or_admin(session, actor, objective.team_id)


def _require(session: Session, actor: Actor, kr_id: int) -> None:
    if not _may_set(session, actor, kr_id):
        raise refusal(
            actor,
            f"Only {kr_ref(kr_id)}'s owner, its team's leads and workspace admins can set "
            "its data source.",
        )


def _key_result(session: Session, kr_id: int) -> tuple[KeyResult, Objective]:
    kr = find_key_result(session, kr_id)
    if kr is None:
        raise NotFound(f"I can't find {kr_ref(kr_id)}. Check the number and try again.")
    return kr, objective_of(session, kr)
