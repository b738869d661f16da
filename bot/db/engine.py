"""The engine and a Database's units of work: `transaction()` writes, `read()` only reads."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session, create_engine

from bot.domain.errors import DatabaseBusy

__all__ = ["Database", "Session", "make_engine", "patient_waits"]

# Work inside a Slack request has 3 s in all: a lock held longer than this is answered as busy.
SLACK_WAIT = timedelta(seconds=1)
# The scheduler and the command line answer nobody in a hurry.
PATIENT_WAIT = timedelta(seconds=30)
# The listener threads, plus the scheduler's tick; the overflow covers the health check.
DEFAULT_CONNECTIONS = 32 + 1
OVERFLOW = 2
PG_CONNECT_TIMEOUT_S = 2
SQLITE_BUSY, SQLITE_LOCKED = 5, 6
READ_ONLY = "okr_read_only"
WAIT_MS = "okr_wait_ms"

_wait: ContextVar[timedelta] = ContextVar("okr_database_wait", default=SLACK_WAIT)


@contextmanager
def patient_waits(wait: timedelta = PATIENT_WAIT) -> Iterator[None]:
    """Within this block (on this thread) the database waits up to `wait` for locks."""
    token = _wait.set(wait)
    try:
        yield
    finally:
        _wait.reset(token)


def make_engine(url: str, connections: int = DEFAULT_CONNECTIONS) -> Engine:
    """An engine for its backend: WAL and short lock waits; a pool sized to the listeners."""
    parsed = make_url(url)
    pool: dict[str, Any] = {}
    if parsed.database not in (None, "", ":memory:"):
        pool = {
            "pool_size": connections,
            "max_overflow": OVERFLOW,
            "pool_timeout": SLACK_WAIT.total_seconds(),
        }
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args, **pool)
    event.listen(engine, "begin", _postgres_begin)
    return engine


def _ms(wait: timedelta) -> int:
    return int(wait.total_seconds() * 1000)


def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, issue BEGIN, so the BEGIN chosen below is honoured.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={_ms(SLACK_WAIT)}")
    record.info[WAIT_MS] = _ms(SLACK_WAIT)
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # Pragmas change only when a pooled connection changes hands (reader/writer, patience).
    wanted = _ms(_wait.get())
    if connection.info.get(WAIT_MS) != wanted:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={wanted}")
        connection.info[WAIT_MS] = wanted
    read_only = bool(connection.get_execution_options().get(READ_ONLY))
    if connection.info.get(READ_ONLY, False) != read_only:
        # A write slipped into a read fails loudly rather than upgrading to the write lock.
        connection.exec_driver_sql(f"PRAGMA query_only={int(read_only)}")
        connection.info[READ_ONLY] = read_only
    if read_only:
        # Deferred: a WAL reader sees the last commit and never waits for the writer.
        connection.exec_driver_sql("BEGIN")
    else:
        # A writer takes the lock up front: upgrading mid-transaction can fail with SQLITE_BUSY.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _postgres_begin(connection: Connection) -> None:
    # Per transaction (SET LOCAL ends with it): a connection startup option or a session SET
    # would be refused or lost behind a transaction pooler such as PgBouncer.
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {_ms(_wait.get())}")


def _busy(error: SQLAlchemyError) -> bool:
    """A lock or a connection that outlasted the wait: worth a retry, unlike a broken query."""
    if isinstance(error, PoolTimeout):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    # PostgreSQL's OperationalErrors are a lost server, a lock timeout or a cancelled query.
    return isinstance(error, OperationalError)


class Database:
    """Owns the engine; every service call runs inside one `transaction()` or `read()`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        read_options: dict[str, Any] = {READ_ONLY: True}
        if engine.dialect.name == "postgresql":
            read_options["postgresql_readonly"] = True
        self._reader = engine.execution_options(**read_options)

    @classmethod
    def from_url(cls, url: str, connections: int = DEFAULT_CONNECTIONS) -> "Database":
        return cls(make_engine(url, connections))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work that writes: commit on success, roll back on any error.

        On SQLite it holds the write lock from its start, so keep it short."""
        with self._unit(self.engine) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A unit of work that only reads, and so never waits for a writer.

        SQLite: a deferred transaction (WAL readers see the last commit); PostgreSQL: READ ONLY.
        On both, a write slipped into a read fails loudly instead of taking locks."""
        with self._unit(self._reader) as session:
            yield session

    @contextmanager
    def _unit(self, bind: Engine) -> Iterator[Session]:
        try:
            # Rows stay readable after the commit: results are built from them outside.
            with Session(bind, expire_on_commit=False) as session, session.begin():
                yield session
        except SQLAlchemyError as error:
            if _busy(error):
                raise DatabaseBusy() from error
            raise

    def ping(self) -> bool:
        """Whether the database answers; used by the health check, which must not write."""
        try:
            with self._reader.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except SQLAlchemyError:
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()
