"""Alembic environment: migrates the database at the configured URL, one process at a time."""

from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Engine, create_engine, event, pool
from sqlalchemy.engine import make_url

from bot.db.migrate import MIGRATION_LOCK_KEY
from bot.db.models import UTCDateTime, metadata

# Longer than the bot's own timeout: a second process may have to wait out a whole migration.
SQLITE_BUSY_TIMEOUT_MS = 60_000

config = context.config
if config.config_file_name is not None:
    # Only the `alembic` command reads alembic.ini's logging; `okr-bot db` stays quiet.
    fileConfig(config.config_file_name)


def database_url() -> str:
    """`-x url=…` on the alembic command line, else the option `okr-bot db` sets."""
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise RuntimeError(
            "no database URL: use `okr-bot db …`, or `alembic -x url=sqlite:///okr-dev.sqlite3 …`"
        )
    return url


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render our UTC column type by name, so revisions read like the models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        autogen_context.imports.add("from bot.db.models import UTCDateTime")
        return "UTCDateTime()"
    return False


def configure(**options: Any) -> None:
    context.configure(
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        # SQLite can roll DDL back too, so a failed migration never leaves half a schema.
        transactional_ddl=True,
        **options,
    )


def run_migrations(backend: str) -> None:
    with context.begin_transaction():
        if backend == "postgresql":
            # Replicas starting together queue here; the later ones then find nothing to do.
            context.execute(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        context.run_migrations()
        if backend == "sqlite" and not context.is_offline_mode():
            broken = context.get_bind().exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left rows with dangling foreign keys: {broken}")


def sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, poolclass=pool.NullPool)
    event.listen(engine, "connect", _sqlite_pragmas)
    # The write lock up front makes a second process wait before it reads the version.
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, issue BEGIN, so the DDL runs inside the transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # Batch mode rebuilds a table by DROP + RENAME; with foreign keys on, the DROP would
    # cascade into child rows. foreign_key_check above verifies the result instead.
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def run_online(url: str) -> None:
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        engine = sqlite_engine(url)
    else:
        engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            configure(connection=connection)
            run_migrations(backend)
    finally:
        engine.dispose()


def run_offline(url: str) -> None:
    configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    run_migrations(make_url(url).get_backend_name())


if context.is_offline_mode():
    run_offline(database_url())
else:
    run_online(database_url())
