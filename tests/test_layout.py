"""Files stay small: no module over 300 lines, no function over 40, outside migrations."""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).parents[1]
CHECKED = ("bot", "tests", "bench")  # migrations/ is generated history and left as written
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40


def _sources() -> Iterator[tuple[str, str]]:
    for folder in CHECKED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """(qualified name, lines) of every function and method, nested ones included."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{node.name}"
            yield name, (node.end_lineno or node.lineno) - node.lineno + 1
            yield from _functions(node, f"{name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def _long_modules() -> set[str]:
    return {path for path, text in _sources() if len(text.splitlines()) > MAX_MODULE_LINES}


def _long_functions() -> set[str]:
    return {
        f"{path}::{name}"
        for path, text in _sources()
        for name, lines in _functions(ast.parse(text))
        if lines > MAX_FUNCTION_LINES
    }


def test_no_module_is_over_300_lines() -> None:
    assert _long_modules() == set(), "split these modules"


def test_no_function_is_over_40_lines() -> None:
    assert _long_functions() == set(), "split these functions"


def test_the_check_sees_a_long_function() -> None:
    body = "\n".join(f"    x{n} = {n}" for n in range(MAX_FUNCTION_LINES))
    tree = ast.parse(f"class A:\n  def f(self):\n{body}\n  def g(self):\n    pass\n")
    assert dict(_functions(tree)) == {"A.f": MAX_FUNCTION_LINES + 1, "A.g": 2}
