"""The scheduled jobs' lock as an operator sees it on PostgreSQL: who holds it, ending them."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from bot.db.engine import Database
from bot.db.leadership import LOCK_KEY

# The sessions of this database holding the lock (advisory locks are kept per database).
_HOLDERS = text(
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND ((classid::bigint << 32) | objid::bigint) = :key"
)
_LOCK_CONNECTIONS = text(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
    " AND application_name = 'okr-bot scheduled jobs lock'"
)

# pg_terminate_backend with a timeout waits until the session has actually ended.
_TERMINATE = text("SELECT pg_terminate_backend(:pid, :wait_ms)")
_TERMINATION_WAIT_MS = 10_000


@contextmanager
def _third_connection(url: str) -> Iterator[Connection]:
    database = Database.from_url(url)
    try:
        with database.engine.connect() as connection:
            yield connection
    finally:
        database.dispose()


def lock_connections(url: str) -> int:
    """The lock connections open on this database, holding the lock or not."""
    with _third_connection(url) as admin:
        return int(admin.execute(_LOCK_CONNECTIONS).scalar_one())


def terminate_lock_holder(url: str) -> None:
    """From a third connection, end the session that holds the lock, as a crash or cut would."""
    with _third_connection(url) as admin:
        holders = list(admin.execute(_HOLDERS, {"key": LOCK_KEY}).scalars())
        assert len(holders) == 1, f"one session holds the lock, not {holders}"
        # The server ends a session asynchronously; waiting for it keeps the next step from
        # racing a session that still holds the lock on a busy machine.
        ended = admin.execute(_TERMINATE, {"pid": holders[0], "wait_ms": _TERMINATION_WAIT_MS})
        assert ended.scalar() is True, "the session holding the lock ended"
