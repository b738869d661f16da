"""The migrations build exactly the models' schema on SQLite and PostgreSQL, and undo it."""

import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, pool, text
from sqlmodel import Session, select

from bot.db.migrate import (
    MIGRATION_LOCK_KEY,
    MigrationError,
    SchemaDriftError,
    check,
    current,
    downgrade,
    migrations_directory,
    upgrade,
)
from bot.db.models import Member, metadata
from tests.databases import postgres_unavailable_reason, sqlite_url, throwaway_postgres_database

NewDatabase = Callable[[], str]
Schema = dict[str, dict[str, list[str]]]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[NewDatabase]:
    """Makes empty databases on one backend; every call gives a fresh one."""
    if request.param == "sqlite":
        yield lambda: sqlite_url(str(tmp_path_factory.mktemp("db")))
        return
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with ExitStack() as stack:
        yield lambda: stack.enter_context(throwaway_postgres_database())


@pytest.fixture
def url(new_database: NewDatabase) -> str:
    return new_database()


def model_tables() -> set[str]:
    return set(metadata.tables) | {"alembic_version"}


def test_upgrade_creates_every_table_of_the_models(url: str) -> None:
    assert current(url) is None
    assert not _at_head(url)

    upgrade(url)

    assert table_names(url) == model_tables()
    assert current(url) is not None
    assert _at_head(url)


def test_check_finds_no_drift_after_upgrade(url: str) -> None:
    upgrade(url)

    check(url)


def test_check_reports_a_table_that_the_models_lack(url: str) -> None:
    upgrade(url)
    with connected(url) as engine, engine.begin() as connection:
        connection.execute(text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))

    with pytest.raises(SchemaDriftError, match="remove_table stray"):
        check(url)


def test_check_refuses_a_database_that_was_never_migrated(url: str) -> None:
    with pytest.raises(MigrationError, match="not up to date"):
        check(url)


def test_downgrade_to_base_removes_everything_and_upgrade_rebuilds_it(url: str) -> None:
    upgrade(url)

    downgrade(url, "base")

    assert table_names(url) <= {"alembic_version"}
    assert current(url) is None

    upgrade(url)

    assert table_names(url) == model_tables()
    check(url)


def test_second_upgrade_changes_nothing(url: str) -> None:
    upgrade(url)
    with connected(url) as engine, Session(engine) as session:
        session.add(Member(slack_user_id="U0001"))
        session.commit()
    revision = current(url)

    upgrade(url)

    assert current(url) == revision
    with connected(url) as engine, Session(engine) as session:
        assert session.exec(select(Member.slack_user_id)).all() == ["U0001"]


def test_migrated_schema_equals_create_all(new_database: NewDatabase) -> None:
    migrated, created = new_database(), new_database()
    upgrade(migrated)
    with connected(created) as engine:
        metadata.create_all(engine)

    expected = schema(created)
    assert set(expected) == set(metadata.tables)
    assert schema(migrated) == expected


def test_upgrade_creates_the_sqlite_directory_even_with_percent_in_its_name(
    tmp_path: Path,
) -> None:
    url = sqlite_url(str(tmp_path / "new" / "100%"))

    upgrade(url)

    assert (tmp_path / "new" / "100%" / "okr-bot.sqlite3").is_file()
    assert _at_head(url)


def test_current_leaves_a_missing_sqlite_file_missing(tmp_path: Path) -> None:
    assert current(sqlite_url(str(tmp_path))) is None
    assert list(tmp_path.iterdir()) == []


def test_alembic_logs_at_info_only_when_its_logger_is_turned_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = sqlite_url(str(tmp_path))
    caplog.set_level(logging.INFO)

    upgrade(url)

    assert [record.name for record in caplog.records if record.name.startswith("alembic")] == []

    caplog.set_level(logging.INFO, logger="alembic")
    downgrade(url, "base")

    assert any("Running downgrade" in record.getMessage() for record in caplog.records)


@pytest.mark.postgres
def test_upgrade_waits_while_another_replica_holds_the_migration_lock() -> None:
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with (
        throwaway_postgres_database() as url,
        connected(url) as engine,
        ThreadPoolExecutor(max_workers=1) as replica,
    ):
        with engine.connect() as holder:
            holder.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            migration = replica.submit(upgrade, url)
            wait_until_lock_is_awaited(holder, migration.done)

            assert table_names(url) == set()

            holder.commit()
        migration.result(timeout=60)

        assert _at_head(url)


def wait_until_lock_is_awaited(connection: Connection, finished: Callable[[], bool]) -> None:
    """Block until some session queues for the migration lock; fail if none ever does."""
    # pg_locks shows a bigint advisory key split into classid (high half) and objid (low half).
    awaited = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND (classid::bigint << 32 | objid::bigint) = :key"
    )
    deadline = time.monotonic() + 30
    while not connection.execute(awaited, {"key": MIGRATION_LOCK_KEY}).scalar_one():
        assert not finished(), "upgrade finished without waiting for the migration lock"
        assert time.monotonic() < deadline, "upgrade never asked for the migration lock"
        # Queuing for a lock is visible only in pg_locks, and PostgreSQL signals nothing when
        # it happens: this is a look at the real condition, not a pause in place of one.
        time.sleep(0.02)


@contextmanager
def connected(url: str) -> Iterator[Engine]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        yield engine
    finally:
        engine.dispose()


def table_names(url: str) -> set[str]:
    with connected(url) as engine:
        return set(inspect(engine).get_table_names())


def schema(url: str) -> Schema:
    """Tables as the database reports them: columns, keys, unique constraints, indexes."""
    with connected(url) as engine:
        inspector = inspect(engine)
        return {
            table: {
                "columns": sorted(
                    f"{column['name']} {column['type']} nullable={column['nullable']}"
                    for column in inspector.get_columns(table)
                ),
                "primary_key": [str(inspector.get_pk_constraint(table))],
                "unique": sorted(
                    f"{unique['name']} {unique['column_names']}"
                    for unique in inspector.get_unique_constraints(table)
                ),
                "indexes": sorted(
                    f"{index['name']} {index['column_names']} unique={index['unique']}"
                    for index in inspector.get_indexes(table)
                ),
                "foreign_keys": sorted(
                    f"{key['name']} {key['constrained_columns']} -> {key['referred_table']}"
                    f"{key['referred_columns']} {key['options']}"
                    for key in inspector.get_foreign_keys(table)
                ),
            }
            for table in inspector.get_table_names()
            if table != "alembic_version"
        }


def _at_head(url: str) -> bool:
    """Whether the database is at the newest revision in migrations/."""
    return current(url) == ScriptDirectory(str(migrations_directory())).get_current_head()
