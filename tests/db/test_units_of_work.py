"""Reads never wait for a writer; a lock held too long is a clear DatabaseBusy, not a hang."""

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from bot.db.engine import Database, patient_waits
from bot.db.members import get_or_create_member
from bot.db.models import Member
from bot.domain.errors import DatabaseBusy
from tests.db_locks import another_writer

ALICE, BOB = "U0ALICE001", "U0BOB00001"


def _add_member(database: Database, slack_user_id: str) -> None:
    with database.transaction() as session:
        get_or_create_member(session, slack_user_id)


def _rename(database: Database, slack_user_id: str, name: str) -> None:
    with database.transaction() as session:
        member = session.exec(select(Member).where(Member.slack_user_id == slack_user_id)).one()
        member.display_name = name
        session.flush()


def _names(database: Database) -> dict[str, str | None]:
    with database.read() as session:
        return {m.slack_user_id: m.display_name for m in session.exec(select(Member)).all()}


def test_a_read_goes_ahead_while_another_connection_writes(database: Database) -> None:
    _add_member(database, ALICE)
    with another_writer(database):
        assert _names(database) == {ALICE: None}


def test_a_write_that_cannot_get_its_lock_is_busy_and_changes_nothing(
    database: Database,
) -> None:
    _add_member(database, ALICE)
    with another_writer(database), pytest.raises(DatabaseBusy) as busy:
        _rename(database, ALICE, "Alice")
    assert "try again in a moment" in busy.value.message
    assert _names(database) == {ALICE: None}
    _rename(database, ALICE, "Alice")  # the lock is gone: the same write goes through
    assert _names(database) == {ALICE: "Alice"}


def test_a_write_inside_a_read_fails_instead_of_taking_the_lock(database: Database) -> None:
    with pytest.raises(DBAPIError), database.read() as session:
        get_or_create_member(session, BOB)
    assert _names(database) == {}


def test_a_broken_query_is_not_mistaken_for_a_busy_database(database: Database) -> None:
    with pytest.raises(DBAPIError) as failure, database.read() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(failure.value, DatabaseBusy)


def _wait_ms(database: Database) -> int:
    with database.transaction() as session:
        if database.dialect == "sqlite":
            return int(session.execute(text("PRAGMA busy_timeout")).scalar_one())
        shown = str(session.execute(text("SHOW lock_timeout")).scalar_one())
        return int(shown.removesuffix("s")) * 1000


def test_slack_requests_wait_a_second_the_scheduler_and_commands_longer(
    database: Database,
) -> None:
    assert _wait_ms(database) == 1000
    with patient_waits(timedelta(seconds=30)):
        assert _wait_ms(database) == 30_000
    assert _wait_ms(database) == 1000


def test_the_health_check_answers_while_another_connection_writes(database: Database) -> None:
    with another_writer(database):
        assert database.ping()
