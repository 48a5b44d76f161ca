"""Text shown to a person on a terminal: control characters made visible, so data cannot drive the terminal.

A name holding `ESC [2J` would clear the screen, `ESC ]0;…` retitle the window, U+202E reverse what follows. Human
output (tables, sentences, error messages) shows them as escapes (`\\x1b`, `\\u202e`); machine formats (csv, json)
keep the data exact and never go through this.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# C0 controls, DEL, C1 controls, the bidirectional marks (ALM, LRM, RLM), embeddings, overrides and isolates.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_HIDDEN = re.compile(f"[{_CONTROLS}\t\n]")
_HIDDEN_KEEP_LINES = re.compile(f"[{_CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\t": "\\t", "\n": "\\n"}.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def escape_controls(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control or bidirectional-override character written as a visible escape; tabs and line
    breaks too unless `keep_newlines` (for text that is several lines on purpose)."""
    pattern = _HIDDEN_KEEP_LINES if keep_newlines else _HIDDEN
    return pattern.sub(_escape, text) if pattern.search(text) else text


def canonical_number(text: str) -> str:
    """A number as people write it: `28870.0` → `28870`, `2.50` → `2.5`; anything else unchanged."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    return format(value.normalize(), "f") if value else "0"
