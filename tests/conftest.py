"""Shared fixtures: a real database per test (SQLite always, PostgreSQL when marked)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.db.engine import Database
from bot.db.models import metadata
from tests.databases import (
    postgres_unavailable_reason,
    sqlite_url,
    throwaway_postgres_database,
)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One throwaway PostgreSQL database for the whole run; tables are reset per test."""
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with throwaway_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "postgres":
        url: str = request.getfixturevalue("postgres_url")
        return url
    return sqlite_url(str(tmp_path_factory.mktemp("db")))


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """An empty schema on the chosen backend, built from the models."""
    db = Database.from_url(database_url)
    metadata.drop_all(db.engine)
    metadata.create_all(db.engine)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own with nothing in it, for `okr-bot` processes to migrate."""
    if request.param == "sqlite":
        yield sqlite_url(str(tmp_path))
        return
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with throwaway_postgres_database() as url:
        yield url
