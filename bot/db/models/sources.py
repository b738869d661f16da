"""Key-result data sources and the values pushed to them."""

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from bot.db.models.columns import UTCDateTime, utc_column


class KRSource(SQLModel, table=True):
    """Where one key result's value comes from, and how that source is doing.

    `headers` is a JSON object whose values may hold `${NAME}` references, filled from the
    environment at fetch time: a secret is never stored here. Only a hash of a webhook's token
    is kept. `next_due_at` is None for webhooks, which are never fetched."""

    __tablename__ = "kr_source"

    key_result_id: int = Field(foreign_key="key_result.id", primary_key=True, ondelete="CASCADE")
    kind: str = Field(max_length=12)  # http_json, prometheus, csv, webhook
    url: str | None = Field(default=None, max_length=2000)
    path: str | None = Field(default=None, max_length=1000)  # JMESPath, for http_json
    query: str | None = Field(default=None, max_length=1000)  # PromQL, for prometheus
    cell: str | None = Field(default=None, max_length=12)  # e.g. B7, for csv
    row_label: str | None = Field(default=None, max_length=1000)
    column_label: str | None = Field(default=None, max_length=1000)
    every_seconds: int | None = None
    headers: str | None = None
    next_due_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True)
    )
    last_success_at: datetime | None = utc_column()
    last_value: float | None = None
    last_error: str | None = Field(default=None, max_length=300)
    last_error_at: datetime | None = utc_column()
    failures_in_a_row: int = 0
    failing_since: datetime | None = utc_column()
    owner_told_failing: bool = False
    token_hash: str | None = Field(default=None, max_length=64)  # SHA-256, hex
    push_tokens: float | None = None  # the webhook's allowance of pushes (a token bucket)
    push_counted_at: datetime | None = utc_column()


class SourcePush(SQLModel, table=True):
    """A push's idempotency key: the same id pushed again to the same key result changes nothing."""

    __tablename__ = "source_push"

    key_result_id: int = Field(foreign_key="key_result.id", primary_key=True, ondelete="CASCADE")
    push_id: str = Field(primary_key=True, max_length=128)
    received_at: datetime = utc_column(nullable=False)
