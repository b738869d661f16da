"""INSERT … ON CONFLICT for the database in use: PostgreSQL and SQLite spell it alike."""

from collections.abc import Callable
from typing import Any

from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session


def dialect_insert(session: Session) -> Callable[[Any], PostgresInsert | SqliteInsert]:
    """The `insert` whose statements know `on_conflict_do_nothing` on this session's database."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
