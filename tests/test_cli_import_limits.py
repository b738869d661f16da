"""`okr-bot import` of a file too big or too deep: one clear line, no traceback, nothing read
whole and nothing written."""

from pathlib import Path

import pytest

from tests.cli_process import run_cli


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cycle: " + "[" * 50_000 + "]" * 50_000 + "\n", ["deep.yaml:1:", "nested more than 20"]),
        ("teams:\n" + "".join("  " * n + "- x:\n" for n in range(1, 400)), ["deep.yaml:", "20"]),
    ],
    ids=["flow", "block"],
)
def test_a_deeply_nested_file_gives_one_line_with_where(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")

    result = run_cli("import", "deep.yaml", cwd=tmp_path)

    result.assert_one_line_failure(*expected)
    assert "RecursionError" not in result.err


def test_a_file_over_1_mb_is_refused_in_one_line_without_reading_it_whole(tmp_path: Path) -> None:
    with (tmp_path / "huge.yaml").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # 50 MB (sparse: no disk used)

    result = run_cli("import", "huge.yaml", cwd=tmp_path)

    result.assert_one_line_failure("huge.yaml", "larger than 1 MB")
    assert not (tmp_path / "okr-bot.sqlite3").exists(), "a refused file creates nothing"
