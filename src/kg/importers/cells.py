"""Reading one cell of a dataset: numbers in ASCII digits only (as the graph's own literals are), text without the
characters the graph refuses, and cells shown in messages short enough to read.

`str.isdigit()` and `int()` accept far more than digits: `²` passes isdigit and breaks int, `٣` and full-width `３` are
read as 3, and a 5,000-digit number exceeds Python's conversion limit. Every number an import reads goes through here.
"""

from __future__ import annotations

import re

from ..load.values import HIDDEN_RE, NAME_HIDDEN_RE, code_point

_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
MAX_SHOWN = 40


def shown(text: str) -> str:
    """A cell as a message quotes it: whole when short, else its start and its length."""
    if len(text) <= MAX_SHOWN:
        return text
    return f"{text[:MAX_SHOWN]}… ({len(text):,} characters)"


def whole_number(text: str, max_digits: int = 9) -> int | None:
    """A whole number of 0 or more written in 1 to `max_digits` ASCII digits, or None."""
    if not 0 < len(text) <= max_digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def grouped_number(text: str, max_digits: int = 9) -> int | None:
    """A whole number in ASCII digits, optionally grouped in thousands with commas (`1,234`, `12,345,678`), or None;
    `1,2,3` is not a number."""
    if "," in text:
        groups = text.split(",")
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        text = "".join(groups)
    return whole_number(text, max_digits)


def decimal(text: str, max_chars: int = 24) -> float | None:
    """A decimal number in ASCII (`-107.39`, `24.8`, `+3`), or None: no exponent, underscores, `nan` or `inf`."""
    if len(text) > max_chars or not _DECIMAL.fullmatch(text):
        return None
    return float(text)


def hidden_character(text: str, *, one_line: bool) -> str | None:
    """The first character the graph refuses in this text (control characters and bidirectional overrides; in a
    name, tabs and line breaks too), named as `U+202E (RIGHT-TO-LEFT OVERRIDE)`; None when there is none."""
    found = (NAME_HIDDEN_RE if one_line else HIDDEN_RE).search(text)
    return code_point(found.group()) if found else None
