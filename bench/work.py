"""Counts the SQL statements a piece of work sends, the writes among them and the rows it reads
back, on any engine."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Result, event
from sqlalchemy.orm import ORMExecuteState, Session


@dataclass
class Work:
    statements: int = 0
    rows: int = 0
    writes: int = 0  # INSERT, UPDATE and DELETE statements


@contextmanager
def counted(engine: Engine) -> Iterator[Work]:
    """Within the block: statements sent through `engine`, rows read through any session."""
    work = Work()

    def statement(_connection: Any, _cursor: Any, sql: str, *_: Any) -> None:
        # A pragma sets a connection's lock wait when its user changes: not work on data.
        if not sql.startswith("PRAGMA"):
            work.statements += 1
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            work.writes += 1

    def rows(state: ORMExecuteState) -> Result[Any] | None:
        if not state.is_select:
            return None
        # A frozen result can be counted and still handed back whole to the caller.
        frozen = state.invoke_statement().freeze()
        work.rows += len(frozen.data)
        return frozen()

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(Session, "do_orm_execute", rows)
    try:
        yield work
    finally:
        event.remove(Session, "do_orm_execute", rows)
        event.remove(engine, "before_cursor_execute", statement)
