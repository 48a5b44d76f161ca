"""Tabular output shared by every command that prints rows: one `--format` option, defined once."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence

import click

from ..core.display import escape_controls
from .cells import inert_row

FORMATS = ("table", "csv", "tsv", "json")
MIN_COLUMN = 8  # a column narrower than this is not narrowed further to fit the terminal

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table (aligned, for a terminal), csv, tsv or json.",
)
wide_option = click.option(
    "--wide", is_flag=True,
    help="table: lines as long as their cells (by default a table fits the terminal's width, wrapping long cells).",
)
raw_option = click.option(
    "--raw", is_flag=True,
    help="csv/tsv: write every value exactly; by default a cell a spreadsheet would run as a formula (=, +, -, @) "
         "gets a leading '.",
)


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else (2 if unicodedata.east_asian_width(ch) in "WF" else 1) for ch in text
    )


def table_width() -> int | None:
    """How wide a table may be: $COLUMNS when set, else the terminal's width when standard output is a terminal, else
    no limit (a file or a pipe gets whole lines)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    return None


def _fit(widths: list[int], available: int) -> list[int]:
    """Column widths that add up to at most `available`: the widest columns give way first, down to MIN_COLUMN each
    (a column already narrower keeps its width)."""
    if sum(widths) <= available:
        return widths
    floor = MIN_COLUMN if sum(min(w, MIN_COLUMN) for w in widths) <= available else 1
    low, high = 1, max(widths)
    while low < high:  # the largest cap under which the columns fit
        cap = (low + high + 1) // 2
        if sum(min(w, max(cap, floor)) for w in widths) <= available:
            low = cap
        else:
            high = cap - 1
    return [min(w, max(low, floor)) for w in widths]


def _wrap(text: str, width: int) -> list[str]:
    """A cell's text in lines of at most `width` display columns, broken at spaces where it can be."""
    if _width(text) <= width:
        return [text]
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while _width(word) > width:  # a word longer than the column: cut it
            cut = width
            while _width(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def render_table(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int | None = None) -> str:
    """An aligned text table with a header rule; control characters shown escaped. With `width`, no line is wider:
    the widest columns give way and their cells wrap onto more lines (a blank line then separates the rows)."""
    cells = [[escape_controls(str(c).replace("\n", " ")) for c in row] for row in rows]
    columns = [escape_controls(str(c)) for c in columns]
    widths = [_width(c) for c in columns]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]
    if width is not None and columns:
        fitted = _fit(widths, max(width - 2 * (len(columns) - 1), len(columns)))
        if fitted != widths and min(max(f, 1) for f, w in zip(fitted, widths, strict=True) if f < w) < MIN_COLUMN + 4:
            return _records(columns, cells, width)  # too cramped as columns: one block per row
        widths = fitted

    def lines(values: Sequence[str]) -> list[str]:
        wrapped = [_wrap(v, w) for v, w in zip(values, widths, strict=True)]
        height = max((len(w) for w in wrapped), default=1)
        return ["  ".join((w[i] if i < len(w) else "") + " " * (width_ - _width(w[i] if i < len(w) else ""))
                          for w, width_ in zip(wrapped, widths, strict=True)).rstrip() for i in range(height)]

    out = lines(columns) + [lines(["-" * w for w in widths])[0]]
    body = [lines(row) for row in cells]
    spaced = any(len(block) > 1 for block in body)
    for i, block in enumerate(body):
        if spaced and i:
            out.append("")
        out += block
    return "\n".join(out) + "\n"


def _records(columns: Sequence[str], cells: Sequence[Sequence[str]], width: int) -> str:
    """Rows too wide for the terminal as columns, shown one block per row: `column  value`, the value wrapped to the
    width (as psql's expanded display does)."""
    key = min(max(_width(c) for c in columns), max(width // 3, 1))
    room = max(width - key - 2, 1)
    out: list[str] = []
    for number, row in enumerate(cells, start=1):
        out.append(f"-[ {number} ]" + "-" * max(width - len(str(number)) - 5, 0))
        for name, value in zip(columns, row, strict=True):
            for i, line in enumerate(_wrap(value, room) if value else [""]):
                label = (_wrap(name, key)[0] if i == 0 else "")
                out.append((label + " " * (key - _width(label)) + "  " + line).rstrip())
    return "\n".join(out) + "\n"


def render_delimited(columns: Sequence[str], rows: Sequence[Sequence[str]], delimiter: str, raw: bool = False) -> str:
    """CSV or TSV; a cell a spreadsheet would run as a formula is made inert unless `raw` (kg.outputs.cells)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(inert_row(columns, raw))
    writer.writerows(inert_row(row, raw) for row in rows)
    return buffer.getvalue()


def render_rows(columns: Sequence[str], rows: Sequence[Sequence[str]], fmt: str, raw: bool = False,
                wide: bool = False) -> str:
    """Rows of plain values in the chosen format (json: a list of objects, one per row); `raw` keeps CSV and TSV
    cells exactly as they are, formula-like or not; a table fits the terminal's width (table_width) unless `wide`."""
    if fmt == "table":
        return render_table(columns, rows, None if wide else table_width())
    if fmt == "csv":
        return render_delimited(columns, rows, ",", raw)
    if fmt == "tsv":
        return render_delimited(columns, rows, "\t", raw)
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2) + "\n"
