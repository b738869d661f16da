"""The scheduled jobs' lock as an operator sees it on PostgreSQL: who holds it, ending them."""

from sqlalchemy import text

from bot.db.engine import Database
from bot.db.leadership import LOCK_KEY

# The sessions of this database holding the lock (advisory locks are kept per database).
_HOLDERS = text(
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND ((classid::bigint << 32) | objid::bigint) = :key"
)


def terminate_lock_holder(url: str) -> None:
    """From a third connection, end the session that holds the lock, as a crash or cut would."""
    database = Database.from_url(url)
    try:
        with database.engine.connect() as admin:
            holders = list(admin.execute(_HOLDERS, {"key": LOCK_KEY}).scalars())
            assert len(holders) == 1, f"one session holds the lock, not {holders}"
            ended = admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": holders[0]})
            assert ended.scalar() is True
    finally:
        database.dispose()
