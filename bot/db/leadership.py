"""Which replica runs the scheduled jobs: on PostgreSQL, the holder of one advisory lock."""

import logging
import threading

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from bot.db.engine import PG_CONNECT_TIMEOUT_S, Database

log = logging.getLogger(__name__)

# Advisory lock keys are one namespace per database, shared with every other program using it.
# A key derived from the app's name, 64 bits wide, cannot meet another program's small integers
# or hashes by accident, and is the same in every replica and every release. It equals
# int.from_bytes(sha256(b"okr-bot").digest()[:8], "big", signed=True).
LOCK_KEY = 1890029431021878842

_TAKE = text("SELECT pg_try_advisory_lock(:key)")
# A bigint advisory key is stored as classid (high 32 bits) and objid (low 32 bits).
_HOLDS = text(
    "SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND pid = pg_backend_pid() AND objsubid = 1"
    " AND ((classid::bigint << 32) | objid::bigint) = :key)"
)
# Either side of a vanished peer (a host switched off, a cut network) notices within about 20 s
# of silence instead of the system's two hours: the server then drops the session and so its
# lock, and the leader stops leading. Libpq's settings for our side, SET for the server's.
_CLIENT_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 2,
    "tcp_user_timeout": 20_000,
}
_SERVER_KEEPALIVES = (
    "SET tcp_keepalives_idle = 10",
    "SET tcp_keepalives_interval = 5",
    "SET tcp_keepalives_count = 2",
)


class AdvisoryLock:
    """A session-level advisory lock on a connection of its own, outside the engine's pool.

    The lock lives exactly as long as that connection: PostgreSQL releases it when the process
    dies or the connection drops, which is what hands the scheduled jobs to another replica."""

    def __init__(self, engine: Engine, key: int = LOCK_KEY) -> None:
        connect_args = {
            "connect_timeout": PG_CONNECT_TIMEOUT_S,
            "application_name": "okr-bot scheduled jobs lock",
            **_CLIENT_KEEPALIVES,
        }
        # Autocommit: a connection idle for minutes must not sit in an open transaction.
        self._engine = create_engine(
            engine.url, poolclass=NullPool, isolation_level="AUTOCOMMIT", connect_args=connect_args
        )
        self._key = key
        self._connection: Connection | None = None  # only while holding the lock

    def take(self) -> bool:
        """Try once, without waiting, on a new connection that is kept only if it got the lock:
        followers hold no connection between tries. False when another session holds it or the
        server cannot be reached."""
        self.release()
        try:
            connection = self._connect()
        except SQLAlchemyError as error:
            log.debug("could not reach the database to try the scheduled jobs' lock: %s", error)
            return False
        try:
            taken = bool(connection.execute(_TAKE, {"key": self._key}).scalar())
        except SQLAlchemyError as error:
            log.debug("could not try the scheduled jobs' lock: %s", error)
            taken = False
        if taken:
            self._connection = connection
        else:
            _close(connection)
        return taken

    def still_held(self) -> bool:
        """Whether this connection still answers and still holds the lock."""
        if self._connection is None:
            return False
        try:
            return bool(self._connection.execute(_HOLDS, {"key": self._key}).scalar())
        except SQLAlchemyError as error:
            log.warning("the scheduled jobs' lock connection failed: %s", type(error).__name__)
            self.release()
            return False

    def release(self) -> None:
        """Close the connection, which releases the lock (if the server still had it)."""
        connection, self._connection = self._connection, None
        if connection is not None:
            _close(connection)

    def dispose(self) -> None:
        self.release()
        self._engine.dispose()

    def _connect(self) -> Connection:
        connection = self._engine.connect()
        for statement in _SERVER_KEEPALIVES:
            connection.exec_driver_sql(statement)
        return connection


def _close(connection: Connection) -> None:
    try:
        connection.close()
    except SQLAlchemyError as error:
        # A broken connection has nothing left to release; the server ends the session itself.
        log.debug("closing the scheduled jobs' lock connection: %s", error)


class Leadership:
    """Whether this process runs the scheduled jobs; asked before each job of each tick.

    SQLite serves one process, which always leads. On PostgreSQL the replica holding the
    advisory lock leads: it re-checks its lock each time, and the others try to take it."""

    def __init__(self, lock: AdvisoryLock | None = None) -> None:
        self._lock = lock
        # The tick and a job on its own schedule entry ask from two threads: one at a time.
        self._turn = threading.Lock()
        # Without a lock (SQLite) there is no other process to hand over to: always leading.
        self.leading = lock is None

    @classmethod
    def for_database(cls, database: Database) -> "Leadership":
        if database.dialect == "postgresql":
            return cls(AdvisoryLock(database.engine))
        return cls()

    def check(self) -> bool:
        """Lead now? A leader whose lock is gone stops at once, then tries to take it again."""
        if self._lock is None:
            return True
        with self._turn:
            if self.leading and not self._lock.still_held():
                self._become(leading=False)
            if not self.leading:
                self._become(leading=self._lock.take())
            return self.leading

    def close(self) -> None:
        """Let another replica lead at its next tick, without waiting for this one to die."""
        if self._lock is not None:
            with self._turn:
                self._lock.dispose()
                self._become(leading=False)

    def _become(self, *, leading: bool) -> None:
        if leading != self.leading:
            change = "now runs" if leading else "stopped running"
            log.info("this replica %s the scheduled jobs", change)
        self.leading = leading
