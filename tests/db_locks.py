"""Another writer holding the database: a second process on SQLite, a second connection on PG."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from bot.db.engine import Database

UNCOMMITTED = "UPDATE member SET display_name = 'not yet committed'"
HOLD_SQLITE_WRITE_LOCK = f"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("{UNCOMMITTED}")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""


@contextmanager
def another_writer(database: Database) -> Iterator[None]:
    """Until the block ends, someone else is half-way through a write.

    SQLite: another process holds the file's write lock. PostgreSQL: another connection holds
    the tables people write to locked against other writers (readers may go on)."""
    if database.dialect == "postgresql":
        with database.engine.connect() as other:
            writing = other.begin()
            try:
                other.execute(text("LOCK TABLE member, check_in, retro IN EXCLUSIVE MODE"))
                other.execute(text(UNCOMMITTED))
                yield
            finally:
                writing.rollback()
        return
    process = subprocess.Popen(  # noqa: S603 -- this interpreter, a fixed script
        [sys.executable, "-c", HOLD_SQLITE_WRITE_LOCK, str(database.engine.url.database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        assert process.stdout.readline().strip() == "locked"
        yield
    finally:
        process.stdin.close()
        assert process.wait(timeout=10) == 0
