"""Real databases for tests: a SQLite file per test, and a throwaway PostgreSQL database."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def postgres_admin_url() -> str:
    return os.environ.get("OKR_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def postgres_unavailable_reason() -> str | None:
    """Why PostgreSQL cannot be used, or None; in CI a missing server is a failure."""
    url = make_url(postgres_admin_url())
    try:
        with psycopg.connect(_libpq(url.set(database="postgres")), connect_timeout=3):
            return None
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {error}")
        return f"PostgreSQL is not reachable: {error}"


@contextmanager
def throwaway_postgres_database() -> Iterator[str]:
    """A fresh, uniquely named database (tests may run in parallel processes); dropped after."""
    admin = make_url(postgres_admin_url()).set(database="postgres")
    name = f"okr_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_libpq(admin), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_libpq(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_url(directory: str) -> str:
    return f"sqlite:///{directory}/okr-bot.sqlite3"


def _libpq(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)
