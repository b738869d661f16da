"""Values pushed to a key result's webhook: token, body, repeats and a rate limit, in that order."""

from datetime import timedelta

from bot.db.engine import Database
from bot.db.sources import (
    allowance_of,
    forget_pushes_before,
    get_source,
    health_of,
    push_seen,
    record_push,
    remember_push,
    set_token_hash,
)
from bot.domain.errors import NotFound
from bot.domain.refs import RefKind, kr_ref, parse_ref
from bot.domain.source_pushes import PushBodyError, parse_push
from bot.domain.sources import SourceKind
from bot.services.ports import Clock
from bot.services.sources.ports import ValueRecorder
from bot.services.sources.results import PushResult, PushStatus, SourceReading
from bot.services.sources.tokens import new_token, token_hash, token_matches

# Pushers retry for minutes or hours, not weeks: a week of ids is ample to spot a repeat.
PUSH_ID_RETENTION = timedelta(days=7)
_UNAUTHORIZED = PushResult(PushStatus.UNAUTHORIZED, "unknown key result or wrong token")


class WebhookService:
    def __init__(self, database: Database, clock: Clock, record_value: ValueRecorder) -> None:
        self._database = database
        self._clock = clock
        self._record_value = record_value

    def push(self, kr_reference: str, token: str | None, body: bytes) -> PushResult:
        """Take a pushed value. The token is checked before the body is read, and a key result
        without a webhook gets the same answer as a wrong token, so nothing can be probed."""
        ref = parse_ref(kr_reference)
        if ref is None or ref.kind is not RefKind.KEY_RESULT:
            token_matches(token, None)
            return _UNAUTHORIZED
        now = self._clock.now()
        with self._database.transaction() as session:
            # Locked (PostgreSQL) so pushes to one key result on two replicas take turns.
            row = get_source(session, ref.id, for_update=True)
            stored = row.token_hash if row is not None else None
            if not token_matches(token, stored) or row is None or row.kind != SourceKind.WEBHOOK:
                return _UNAUTHORIZED
            try:
                push = parse_push(body)
            except PushBodyError as error:
                return PushResult(PushStatus.BAD_REQUEST, error.message, field=error.field)
            if push.push_id is not None and push_seen(session, ref.id, push.push_id):
                return PushResult(PushStatus.DUPLICATE, "this id was pushed before: no change")
            allowance, wait = allowance_of(row).take(now)
            if wait is not None:
                return PushResult(PushStatus.RATE_LIMITED, "too many pushes", retry_after=wait)
            if push.push_id is not None:
                remember_push(session, ref.id, push.push_id, now)
                forget_pushes_before(session, ref.id, now - PUSH_ID_RETENTION)
            health = health_of(row)
            after, _ = health.succeeded(push.value, now)
            record_push(session, row, after, allowance)
            reading = SourceReading(ref.id, push.value, now, health.last_value, SourceKind.WEBHOOK)
            self._record_value(session, reading)
        return PushResult(PushStatus.ACCEPTED, f"{kr_ref(ref.id)} is now {push.value:g}")

    def issue_token(self, kr_id: int) -> str:
        """A new token for the key result's webhook, returned once; the old one stops working."""
        token = new_token()
        with self._database.transaction() as session:
            row = get_source(session, kr_id)
            if row is None or row.kind != SourceKind.WEBHOOK:
                raise NotFound(
                    f"{kr_ref(kr_id)} has no webhook source: give it `source: {{kind: webhook}}`"
                    " in the import file first"
                )
            set_token_hash(session, row, token_hash(token))
        return token
