"""CSV values: cells such as B7, rows and columns by header text, numbers as sheets show them."""

import pytest

from bot.domain.source_tables import (
    CellRef,
    SourceValueError,
    guess_delimiter,
    parse_cell,
    parse_number,
    pick_by_headers,
    pick_cell,
)

TABLE = [
    ["Metric", "2026-W01", "2026-W02", "2026-W03"],
    ["Signups", "120", "135", ""],
    ["Revenue", "1,200", "1,350", "1,410"],
    ["  churn  RATE ", "3%", "", ""],
]


@pytest.mark.parametrize(
    ("text", "column", "row"),
    [("A1", 0, 0), ("B7", 1, 6), ("b7", 1, 6), ("Z10", 25, 9), ("AA1", 26, 0), ("AZ3", 51, 2)],
)
def test_cell_references(text: str, column: int, row: int) -> None:
    cell = parse_cell(text)
    assert cell == CellRef(column, row)
    assert str(cell) == text.upper()


@pytest.mark.parametrize("text", ["", "7B", "B0", "B", "7", "ABCD1", "B7:C8", "B-7", "B 7x"])
def test_malformed_cells_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="cell such as B7"):
        parse_cell(text)


def test_a_cell_is_picked_or_said_to_be_missing() -> None:
    assert pick_cell(TABLE, parse_cell("C3")) == "1,350"
    with pytest.raises(SourceValueError, match="D2 is empty"):
        pick_cell(TABLE, parse_cell("D2"))
    with pytest.raises(SourceValueError, match="E1 is empty"):
        pick_cell(TABLE, parse_cell("E1"))
    with pytest.raises(SourceValueError, match="B9 is outside the table: it has 4 row"):
        pick_cell(TABLE, parse_cell("B9"))


def test_row_and_column_by_header_text_ignore_case_and_spacing() -> None:
    assert pick_by_headers(TABLE, "Revenue", "2026-W02") == "1,350"
    assert pick_by_headers(TABLE, "churn rate", "2026-w01") == "3%"


def test_a_column_alone_gives_its_last_filled_cell() -> None:
    assert pick_by_headers(TABLE, None, "2026-W02") == "1,350"
    assert pick_by_headers(TABLE, None, "2026-W03") == "1,410"


def test_a_row_alone_gives_its_last_filled_cell() -> None:
    assert pick_by_headers(TABLE, "Signups", None) == "135"
    assert pick_by_headers(TABLE, "Revenue", None) == "1,410"


def test_missing_headers_and_empty_cells_are_clear_errors() -> None:
    with pytest.raises(SourceValueError, match='no column headed "2026-W09" in the first row'):
        pick_by_headers(TABLE, "Revenue", "2026-W09")
    with pytest.raises(SourceValueError, match='no row named "Costs" in the first column'):
        pick_by_headers(TABLE, "Costs", None)
    with pytest.raises(SourceValueError, match='row "Signups", column "2026-W03" is empty'):
        pick_by_headers(TABLE, "Signups", "2026-W03")
    with pytest.raises(SourceValueError, match='column "Empty" has no values'):
        pick_by_headers([["Empty"], [""]], None, "Empty")
    with pytest.raises(SourceValueError, match='row "Total" has no values'):
        pick_by_headers([["Total", " "]], "Total", None)
    with pytest.raises(SourceValueError, match="no column headed"):
        pick_by_headers([], None, "Anything")
    with pytest.raises(ValueError, match="row or a column"):
        pick_by_headers(TABLE, None, None)


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("single", ","), ("", ",")],
)
def test_the_delimiter_is_the_one_the_header_uses_most(line: str, delimiter: str) -> None:
    assert guess_delimiter(line) == delimiter


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("47", 47.0),
        ("-3.25", -3.25),
        ("+8", 8.0),
        (" 12.5 ", 12.5),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("1,234", 1234.0),
        ("1,234,567", 1234567.0),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1,5", 1.5),
        ("12,34", 12.34),
        ("1 234", 1234.0),
        ("1\u00a0234,5", 1234.5),
        ("1'234", 1234.0),
        ("47%", 47.0),
        ("47,5 %", 47.5),
        ("$1,200", 1200.0),
        ("-$12", -12.0),
        ("12 €", 12.0),
        ("(1,234)", -1234.0),
    ],
)
def test_numbers_as_spreadsheets_show_them(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "n/a", "abc", "1,2,3", "1.2.3x", "nan", "inf", "1_000", "--1", "12 apples", "1e999"],
)
def test_non_numbers_are_refused_with_a_short_quote(text: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_number(text)


def test_a_long_text_is_quoted_short() -> None:
    with pytest.raises(ValueError, match=r'"this is a very long…" is not a number'):
        parse_number("this is a very long cell that nobody wants to read")
