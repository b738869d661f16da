"""The kr_source and source_push tables: each key result's source, its health and its pushes."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, select, true, update
from sqlmodel import Session, col

from bot.db.dialect import insert_if_absent
from bot.db.models import KRSource, SourcePush
from bot.domain.source_health import SourceHealth
from bot.domain.source_pushes import PushAllowance
from bot.domain.source_tables import parse_cell
from bot.domain.sources import (
    CsvSource,
    HttpJsonSource,
    PrometheusSource,
    SourceKind,
    SourceSpec,
    WebhookSource,
)

_SPEC_COLUMNS = (
    "kind",
    "url",
    "path",
    "query",
    "cell",
    "row_label",
    "column_label",
    "every_seconds",
    "headers",
)


class SourceChange(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REMOVED = "removed"


@dataclass(frozen=True)
class Fetched:
    """A fetch's outcome to store: the source's new health and when it is next due."""

    key_result_id: int
    health: SourceHealth
    next_due_at: datetime


def spec_of(row: KRSource) -> SourceSpec:
    kind = SourceKind(row.kind)
    if kind is SourceKind.WEBHOOK:
        return WebhookSource()
    url, every = row.url or "", timedelta(seconds=row.every_seconds or 0)
    headers = tuple(json.loads(row.headers).items()) if row.headers else ()
    if kind is SourceKind.HTTP_JSON:
        return HttpJsonSource(url, row.path or "", every, headers)
    if kind is SourceKind.PROMETHEUS:
        return PrometheusSource(url, row.query or "", every, headers)
    cell = parse_cell(row.cell) if row.cell else None
    return CsvSource(url, cell, row.row_label, row.column_label, every, headers)


def health_of(row: KRSource) -> SourceHealth:
    return SourceHealth(
        last_success_at=row.last_success_at,
        last_value=row.last_value,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        failures_in_a_row=row.failures_in_a_row,
        failing_since=row.failing_since,
        owner_told_failing=row.owner_told_failing,
    )


def _spec_columns(spec: SourceSpec) -> dict[str, object]:
    columns: dict[str, object] = dict.fromkeys(_SPEC_COLUMNS)
    columns["kind"] = spec.kind.value
    if isinstance(spec, WebhookSource):
        return columns
    columns["url"] = spec.url
    columns["every_seconds"] = int(spec.every.total_seconds())
    columns["headers"] = json.dumps(dict(spec.headers)) if spec.headers else None
    if isinstance(spec, HttpJsonSource):
        columns["path"] = spec.path
    elif isinstance(spec, PrometheusSource):
        columns["query"] = spec.query
    else:
        columns["cell"] = str(spec.cell) if spec.cell else None
        columns["row_label"], columns["column_label"] = spec.row, spec.column
    return columns


def get_source(session: Session, kr_id: int, *, for_update: bool = False) -> KRSource | None:
    """The key result's source row; `for_update` locks it (PostgreSQL) until the commit."""
    query = select(KRSource).where(col(KRSource.key_result_id) == kr_id)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def save_source(
    session: Session, kr_id: int, spec: SourceSpec | None, first_due_at: datetime
) -> SourceChange:
    """Set (or with None remove) a key result's source; a changed source starts healthy anew
    and, when pulled, is first fetched at `first_due_at`.

    Saving the same source again changes nothing, so importing a file twice is harmless."""
    row = get_source(session, kr_id)
    if spec is None:
        if row is None:
            return SourceChange.UNCHANGED
        session.delete(row)
        return SourceChange.REMOVED
    columns = _spec_columns(spec)
    if row is not None and all(getattr(row, name) == columns[name] for name in _SPEC_COLUMNS):
        return SourceChange.UNCHANGED
    token_hash = row.token_hash if row is not None and row.kind == spec.kind else None
    if row is not None:
        session.delete(row)
        session.flush()
    due = None if isinstance(spec, WebhookSource) else first_due_at
    fresh = KRSource(key_result_id=kr_id, kind=spec.kind.value, next_due_at=due)
    for name, value in columns.items():
        setattr(fresh, name, value)
    fresh.token_hash = token_hash
    session.add(fresh)
    return SourceChange.CREATED if row is None else SourceChange.UPDATED


def claim_due(
    session: Session, now: datetime, lease_until: datetime, limit: int, *, force: bool = False
) -> list[KRSource]:
    """Claim up to `limit` pulled sources due at `now` (every one with `force`) for this replica.

    One UPDATE moves their `next_due_at` to `lease_until`, so another replica polling at the
    same moment skips them (PostgreSQL: SKIP LOCKED; SQLite: one writer at a time). A replica
    that dies mid-fetch leaves its sources to be claimed again when the lease ends."""
    due = col(KRSource.next_due_at) <= now
    picked = (
        select(col(KRSource.key_result_id))
        .where(col(KRSource.next_due_at).is_not(None), true() if force else due)
        .order_by(col(KRSource.next_due_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(KRSource)
        .where(col(KRSource.key_result_id).in_(picked.scalar_subquery()))
        .where(col(KRSource.next_due_at).is_not(None), true() if force else due)
        .values(next_due_at=lease_until)
        .returning(KRSource)
        .execution_options(synchronize_session=False)
    )
    return list(session.scalars(claim))


def make_all_due(session: Session, now: datetime) -> None:
    """Every pulled source falls due now: `okr-bot jobs run sources` fetches them all."""
    session.execute(
        update(KRSource)
        .where(col(KRSource.next_due_at).is_not(None))
        .values(next_due_at=now)
        .execution_options(synchronize_session=False)
    )


def record_fetches(session: Session, fetched: Sequence[Fetched]) -> None:
    """Store each fetch's health and next due time: one statement for the whole batch."""
    if not fetched:
        return
    rows = [
        {"key_result_id": f.key_result_id, "next_due_at": f.next_due_at, **asdict(f.health)}
        for f in fetched
    ]
    session.execute(update(KRSource), rows)


def record_push(
    session: Session, row: KRSource, health: SourceHealth, allowance: PushAllowance
) -> None:
    for name, value in asdict(health).items():
        setattr(row, name, value)
    row.push_tokens, row.push_counted_at = allowance.tokens, allowance.counted_at
    session.add(row)


def allowance_of(row: KRSource) -> PushAllowance:
    if row.push_tokens is None:
        return PushAllowance()
    return PushAllowance(row.push_tokens, row.push_counted_at)


def set_token_hash(session: Session, row: KRSource, token_hash: str) -> None:
    row.token_hash = token_hash
    session.add(row)


def remember_push(session: Session, kr_id: int, push_id: str, now: datetime) -> bool:
    """True for the first push with this id to this key result; False for a repeat."""
    row = {"key_result_id": kr_id, "push_id": push_id, "received_at": now}
    unique = ["key_result_id", "push_id"]
    added = insert_if_absent(
        session, SourcePush, row, unique=unique, returning=col(SourcePush.push_id)
    )
    return added is not None


def push_seen(session: Session, kr_id: int, push_id: str) -> bool:
    query = select(col(SourcePush.push_id)).where(
        col(SourcePush.key_result_id) == kr_id, col(SourcePush.push_id) == push_id
    )
    return session.scalars(query).first() is not None


def forget_pushes_before(session: Session, kr_id: int, cutoff: datetime) -> None:
    session.execute(
        delete(SourcePush).where(
            col(SourcePush.key_result_id) == kr_id, col(SourcePush.received_at) < cutoff
        )
    )


def has_webhooks(session: Session) -> bool:
    """Whether any key result takes pushed values: Socket Mode then listens on PORT for them."""
    query = select(col(KRSource.key_result_id)).where(col(KRSource.kind) == SourceKind.WEBHOOK)
    return session.scalars(query.limit(1)).first() is not None


def sources_of(session: Session, kr_ids: Iterable[int]) -> dict[int, KRSource]:
    """The sources of these key results, by key result id; for Home, lists and digests."""
    ids = list(kr_ids)
    if not ids:
        return {}
    query = select(KRSource).where(col(KRSource.key_result_id).in_(ids))
    return {row.key_result_id: row for row in session.scalars(query)}
