"""The learnings library: search past learnings, and owners' score overrides at cycle close."""

from dataclasses import dataclass
from datetime import datetime

from bot.db.checkins import find_key_result
from bot.db.cycles import load_cycle
from bot.db.engine import Database
from bot.db.learnings import search_learnings
from bot.db.members import member_by_id
from bot.db.objectives import objective_of
from bot.domain.errors import DomainError, NotFound
from bot.domain.refs import kr_ref, objective_ref
from bot.domain.words import search_words
from bot.services.members import acting_member
from bot.services.scoring import override_score

MAX_SHOWN = 20


@dataclass(frozen=True)
class LearningEntry:
    text: str
    kr_ref: str
    kr_title: str
    objective_ref: str
    objective_title: str
    cycle_name: str
    source: str
    author: str | None  # Slack id; None when shared anonymously
    created_at: datetime


@dataclass(frozen=True)
class LearningSearch:
    words: list[str]
    entries: list[LearningEntry]


@dataclass(frozen=True)
class ScoreChange:
    kr_ref: str
    kr_title: str
    score: float
    reason: str


class LearningService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def search(self, text: str) -> LearningSearch:
        """Learnings whose text, KR or objective has every word; newest first."""
        words = search_words(text)
        with self._db.read() as session:
            rows = search_learnings(session, words, limit=MAX_SHOWN)
            authors = {
                member.id: member.slack_user_id
                for member in (
                    member_by_id(session, row.learning.author_id)
                    for row in rows
                    if row.learning.author_id is not None
                )
                if member is not None
            }
        entries = [
            LearningEntry(
                row.learning.text,
                kr_ref(row.key_result.id),
                row.key_result.title,
                objective_ref(row.objective.id),
                row.objective.title,
                row.cycle.name,
                row.learning.source,
                authors.get(row.learning.author_id) if row.learning.author_id else None,
                row.learning.created_at,
            )
            for row in rows
        ]
        return LearningSearch(words, entries)

    def override_score(
        self, slack_user_id: str, kr_id: int, score: float, reason: str
    ) -> ScoreChange:
        """`/okr score KR-12 0.6 REASON`: the owner's score once the cycle has closed."""
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            kr = find_key_result(session, kr_id)
            if kr is None or kr.archived_at is not None:
                raise NotFound(f"There is no key result {kr_ref(kr_id)}.")
            cycle = load_cycle(session, objective_of(session, kr).cycle_id)
            if cycle.closed_at is None:
                raise DomainError(
                    f"{cycle.name} is still open: scores are set when the cycle closes."
                )
            override_score(member, kr, score, reason)
            return ScoreChange(kr_ref(kr_id), kr.title, kr.score or 0.0, kr.score_reason or "")
