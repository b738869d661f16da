"""Services reach the database only through bot.db's functions, never the session's own methods."""

import ast
from pathlib import Path

SERVICES = Path(__file__).parents[1] / "bot" / "services"
SESSION_METHODS = {"get", "get_one", "add", "add_all", "flush", "delete", "exec", "execute"}


def _session_calls(source: str) -> list[tuple[int, str]]:
    """(line, method) of each `session.<method>(...)` call, whatever the session is named."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = node.func.value
        if (
            isinstance(receiver, ast.Name)
            and "session" in receiver.id.lower()
            and node.func.attr in SESSION_METHODS
        ):
            found.append((node.lineno, node.func.attr))
    return found


def test_services_leave_session_methods_to_bot_db() -> None:
    offenders = [
        f"{path.relative_to(SERVICES.parents[1])}:{line} session.{method}"
        for path in sorted(SERVICES.rglob("*.py"))
        for line, method in _session_calls(path.read_text())
    ]
    assert offenders == [], "use or add a function in bot/db instead:\n" + "\n".join(offenders)


def test_the_check_sees_a_session_call() -> None:
    assert _session_calls("def f(session):\n    session.add(row)\n") == [(2, "add")]
    assert _session_calls("def f(rows):\n    rows.add(row)\n") == []
