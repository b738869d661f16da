"""Services reach the database only through bot.db's functions, never the session's own methods."""

import ast
from pathlib import Path

SERVICES = Path(__file__).parents[1] / "bot" / "services"
SESSION_METHODS = {"get", "get_one", "add", "add_all", "flush", "delete", "exec", "execute"}
# bot.db.engine.Database's units of work: `with database.transaction() as s` makes `s` a Session.
UNITS_OF_WORK = {"transaction", "read"}


def _is_session_type(annotation: ast.expr | None) -> bool:
    """`Session`, `sqlmodel.Session`, `"Session"` or any of them `| None`."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        annotation = ast.parse(annotation.value, mode="eval").body
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _is_session_type(annotation.left) or _is_session_type(annotation.right)
    if isinstance(annotation, ast.Attribute):
        return annotation.attr == "Session"
    return isinstance(annotation, ast.Name) and annotation.id == "Session"


def _session_parameters(args: ast.arguments) -> set[str]:
    named = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    return {arg.arg for arg in named if _is_session_type(arg.annotation)}


def _session_attributes(cls: ast.ClassDef) -> set[str]:
    """Attributes annotated Session: `x: Session` in the class body, `self.x: Session` anywhere."""
    found = set()
    for node in ast.walk(cls):
        if not (isinstance(node, ast.AnnAssign) and _is_session_type(node.annotation)):
            continue
        if isinstance(node.target, ast.Name) and node in cls.body:
            found.add(node.target.id)
        target = node.target
        if isinstance(target, ast.Attribute) and ast.unparse(target.value) == "self":
            found.add(target.attr)
    return found


class _SessionCalls(ast.NodeVisitor):
    """Finds session method calls, knowing in each scope which names hold a session."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self._names: set[str] = set()  # sessions by what they are, in this scope and enclosing ones
        self._attributes: set[str] = set()  # `self.<attribute>` sessions of the enclosing class

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer, self._attributes = self._attributes, _session_attributes(node)
        self.generic_visit(node)
        self._attributes = outer

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer = self._names
        self._names = outer | _session_parameters(node.args)
        self.generic_visit(node)
        self._names = outer

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.visit_FunctionDef(node)

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            opened, bound = item.context_expr, item.optional_vars
            if (
                isinstance(opened, ast.Call)
                and isinstance(opened.func, ast.Attribute)
                and opened.func.attr in UNITS_OF_WORK
                and isinstance(bound, ast.Name)
            ):
                self._names.add(bound.id)  # for the rest of the scope, as Python sees it
        self.generic_visit(node)

    def visit_AsyncWith(self, node: ast.AsyncWith) -> None:
        self.visit_With(node)

    def visit_Call(self, node: ast.Call) -> None:
        called = node.func
        if (
            isinstance(called, ast.Attribute)
            and called.attr in SESSION_METHODS
            and self._is_session(called.value)
        ):
            self.found.append((node.lineno, called.attr))
        self.generic_visit(node)

    def _is_session(self, receiver: ast.expr) -> bool:
        if isinstance(receiver, ast.Name):
            return "session" in receiver.id.lower() or receiver.id in self._names
        return (
            isinstance(receiver, ast.Attribute)
            and ast.unparse(receiver.value) == "self"
            and receiver.attr in self._attributes
        )


def _session_calls(source: str) -> list[tuple[int, str]]:
    """(line, method) of each `<session>.<method>(...)` call: a session by its name or its type."""
    finder = _SessionCalls()
    finder.visit(ast.parse(source))
    return finder.found


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


def test_the_check_sees_a_parameter_annotated_session_whatever_its_name() -> None:
    assert _session_calls("def f(db: Session):\n    db.add(row)\n") == [(2, "add")]
    assert _session_calls("def f(db: sqlmodel.Session | None):\n    db.get(A, 1)\n") == [(2, "get")]
    assert _session_calls("def f(db: 'Session'):\n    def g():\n        db.flush()\n") == [
        (3, "flush")
    ]


def test_the_check_sees_a_unit_of_work_whatever_it_is_bound_to() -> None:
    source = "def f(database):\n    with database.read() as unit:\n        unit.exec(query)\n"
    assert _session_calls(source) == [(3, "exec")]
    source = "with self.database.transaction() as tx, lock:\n    tx.delete(row)\n"
    assert _session_calls(source) == [(2, "delete")]


def test_the_check_sees_a_self_attribute_annotated_session() -> None:
    in_body = "class Repo:\n    db: Session\n\n    def save(self, row):\n        self.db.add(row)\n"
    assert _session_calls(in_body) == [(5, "add")]
    in_init = (
        "class Repo:\n    def __init__(self, s):\n"
        "        self.db: Session = s\n        self.db.flush()\n"
    )
    assert _session_calls(in_init) == [(4, "flush")]


def test_the_check_leaves_other_receivers_alone() -> None:
    source = """
def f(rows: set[int], cache: dict[str, int], path: str, database):
    rows.add(1)
    cache.get("key")
    with open(path) as file, database.lock() as lock:
        file.read()
        lock.get()

def g(db: Session):
    pass

def h(db):  # the `db: Session` of another function is no session here
    db.add(row)

class Cache:
    store: dict[str, int]

    def get(self, key):
        return self.store.get(key) or self.db.get(key)
"""
    assert _session_calls(source) == []
