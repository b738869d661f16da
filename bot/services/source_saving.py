"""Saving a key result's source, from a form or the import file, inside the caller's work."""

from datetime import datetime

from bot.db.engine import Session
from bot.db.sources import SourceChange, save_source
from bot.domain.source_health import first_due
from bot.domain.sources import SourceSpec, WebhookSource


def store_source(
    session: Session, kr_id: int, spec: SourceSpec | None, now: datetime, fraction: float
) -> SourceChange:
    """Set (None: remove) the key result's source; a new pulled one is first fetched soon,
    spread by `fraction` in [0, 1) so sources saved together are not fetched together."""
    due = now
    if spec is not None and not isinstance(spec, WebhookSource):
        due = first_due(now, spec.every, fraction)
    return save_source(session, kr_id, spec, due)
