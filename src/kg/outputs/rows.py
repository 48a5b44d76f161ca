"""Tabular output shared by every command that prints rows: one `--format` option, defined once."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence

import click

from ..core.display import escape_controls
from .cells import inert_row

FORMATS = ("table", "csv", "tsv", "json")

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table (aligned, for a terminal), csv, tsv or json.",
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


def render_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An aligned text table with a header rule; cells are single-line, control characters shown escaped."""
    cells = [[escape_controls(str(c).replace("\n", " ")) for c in row] for row in rows]
    columns = [escape_controls(str(c)) for c in columns]
    widths = [_width(c) for c in columns]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    return "\n".join(out) + "\n"


def render_delimited(columns: Sequence[str], rows: Sequence[Sequence[str]], delimiter: str, raw: bool = False) -> str:
    """CSV or TSV; a cell a spreadsheet would run as a formula is made inert unless `raw` (kg.outputs.cells)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(inert_row(columns, raw))
    writer.writerows(inert_row(row, raw) for row in rows)
    return buffer.getvalue()


def render_rows(columns: Sequence[str], rows: Sequence[Sequence[str]], fmt: str, raw: bool = False) -> str:
    """Rows of plain values in the chosen format (json: a list of objects, one per row); `raw` keeps CSV and TSV
    cells exactly as they are, formula-like or not."""
    if fmt == "table":
        return render_table(columns, rows)
    if fmt == "csv":
        return render_delimited(columns, rows, ",", raw)
    if fmt == "tsv":
        return render_delimited(columns, rows, "\t", raw)
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2) + "\n"
