"""INSERT … ON CONFLICT for the database in use: PostgreSQL and SQLite spell it alike."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped
from sqlmodel import Session, SQLModel

T = TypeVar("T")


def dialect_insert(session: Session) -> Callable[[Any], PostgresInsert | SqliteInsert]:
    """The `insert` whose statements know `on_conflict_do_nothing` on this session's database."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def insert_if_absent(
    session: Session,
    model: type[SQLModel],
    values: Mapping[str, object],
    *,
    unique: Sequence[str],
    returning: Mapped[T],
) -> T | None:
    """Insert the row unless one with the same `unique` columns is there; the new row's
    `returning` column, or None when it was there (perhaps written by another process just now)."""
    statement = (
        dialect_insert(session)(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(unique))
        # RETURNING, not rowcount: psycopg reports -1 rows for a skipped INSERT … ON CONFLICT.
        .returning(returning)
    )
    inserted: T | None = session.execute(statement).scalar_one_or_none()
    return inserted
