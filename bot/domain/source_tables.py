"""Picking a number out of a CSV table: a cell such as `B7`, or a row and column by header text."""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.errors import DomainError

Rows = Sequence[Sequence[str]]

_CELL = re.compile(r"([A-Za-z]{1,3})([1-9][0-9]{0,6})")
_DELIMITERS = (",", ";", "\t")
_CURRENCY = "$€£¥"
_GROUPING = (" ", "\u00a0", "\u202f", "'", "’")
_PLAIN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3}){2,}")
SHOWN_CHARS = 20


class SourceValueError(DomainError):
    """A source answered, but its answer holds no usable number; the message says where."""


@dataclass(frozen=True)
class CellRef:
    """A spreadsheet cell; `column` and `row` count from 0, `str()` gives the A1 form."""

    column: int
    row: int

    def __str__(self) -> str:
        letters, n = "", self.column + 1
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("A") + rest) + letters
        return f"{letters}{self.row + 1}"


def parse_cell(text: str) -> CellRef:
    """`B7` (or `b7`) → column 1, row 6; ValueError for anything else."""
    found = _CELL.fullmatch(text.strip())
    if found is None:
        raise ValueError("must be a cell such as B7: column letters, then a row number from 1")
    column = 0
    for letter in found.group(1).upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return CellRef(column - 1, int(found.group(2)) - 1)


def guess_delimiter(first_line: str) -> str:
    """The separator the header line uses most: comma, semicolon (European exports) or tab."""
    return max(_DELIMITERS, key=first_line.count) if first_line else ","


def pick_cell(rows: Rows, cell: CellRef) -> str:
    if cell.row >= len(rows):
        raise SourceValueError(f"{cell} is outside the table: it has {len(rows)} row(s)")
    row = rows[cell.row]
    if cell.column >= len(row) or not row[cell.column].strip():
        raise SourceValueError(f"{cell} is empty")
    return row[cell.column]


def pick_by_headers(rows: Rows, row_label: str | None, column_label: str | None) -> str:
    """The cell at a row (named in the first column) and a column (named in the first row).

    With only a column, its last filled cell (a log that grows downwards); with only a row,
    its last filled cell (a row that grows to the right)."""
    if row_label is None and column_label is None:
        raise ValueError("a row or a column is needed")
    column = None if column_label is None else _column_index(rows, column_label)
    row = None if row_label is None else _row_index(rows, row_label)
    if row is None:
        assert column is not None
        filled = [r[column] for r in rows[1:] if column < len(r) and r[column].strip()]
        if not filled:
            raise SourceValueError(f'column "{column_label}" has no values')
        return filled[-1]
    cells = rows[row]
    if column is None:
        filled = [cell for cell in cells[1:] if cell.strip()]
        if not filled:
            raise SourceValueError(f'row "{row_label}" has no values')
        return filled[-1]
    if column >= len(cells) or not cells[column].strip():
        raise SourceValueError(f'the cell at row "{row_label}", column "{column_label}" is empty')
    return cells[column]


def _same_label(cell: str, label: str) -> bool:
    return " ".join(cell.split()).casefold() == " ".join(label.split()).casefold()


def _column_index(rows: Rows, label: str) -> int:
    header = rows[0] if rows else ()
    for index, cell in enumerate(header):
        if _same_label(cell, label):
            return index
    raise SourceValueError(f'no column headed "{label}" in the first row')


def _row_index(rows: Rows, label: str) -> int:
    for index, cells in enumerate(rows):
        if cells and _same_label(cells[0], label):
            return index
    raise SourceValueError(f'no row named "{label}" in the first column')


def shown(text: str) -> str:
    """A short quote of what was found, for an error message."""
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def parse_number(text: str) -> float:
    """A number as a spreadsheet shows it: `1,234.5`, `1.234,5`, `1 234`, `47%`, `$12`, `(3)`.

    A percentage is the number shown (`47%` → 47). One comma followed by exactly three digits is
    a thousands separator (`1,234` → 1234), as most published sheets write it; otherwise one
    comma is a decimal comma (`1,5` → 1.5). ValueError when it is not a finite number."""
    body = text.strip()
    negative = body.startswith("(") and body.endswith(")")
    body = body.strip("()").strip().removesuffix("%").strip(_CURRENCY + " ")
    for mark in _GROUPING:
        body = body.replace(mark, "")
    sign = ""
    if body and body[0] in "+-":
        sign, body = body[0], body[1:].lstrip(_CURRENCY)
    body = _decimal_point(body)
    if not _PLAIN.fullmatch(sign + body):
        raise ValueError(f'"{shown(text)}" is not a number')
    value = float(sign + body)
    if not math.isfinite(value):
        raise ValueError(f'"{shown(text)}" is not a finite number')
    return -value if negative else value


def _decimal_point(body: str) -> str:
    """`body` with thousands separators removed and a decimal comma turned into a point."""
    if "," in body and "." in body:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return body.replace(grouping, "").replace(",", ".")
    if "," in body:
        if _COMMA_THOUSANDS.fullmatch(body):
            return body.replace(",", "")
        return body.replace(",", ".") if body.count(",") == 1 else body
    if _DOT_THOUSANDS.fullmatch(body):
        return body.replace(".", "")
    return body
