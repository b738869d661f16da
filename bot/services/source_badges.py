"""How a key result's source is doing, in a few words for Home, `/okr list` and the digest."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.db.engine import Session
from bot.db.sources import health_of, sources_of


@dataclass(frozen=True)
class SourceBadge:
    """Synced at `last_success_at`, or failing (by the rule that tells its owner) since when."""

    last_success_at: datetime | None
    failing_since: datetime | None = None  # set only while the source counts as failing
    error: str | None = None

    @property
    def failing(self) -> bool:
        return self.failing_since is not None


def source_badges(session: Session, kr_ids: Iterable[int]) -> dict[int, SourceBadge]:
    """The badge of each of these key results that has a source; one query for them all."""
    badges: dict[int, SourceBadge] = {}
    for kr_id, row in sources_of(session, kr_ids).items():
        health = health_of(row)
        if health.failing and health.failing_since is not None:
            badges[kr_id] = SourceBadge(
                health.last_success_at, health.failing_since, health.last_error
            )
        else:
            badges[kr_id] = SourceBadge(health.last_success_at)
    return badges
