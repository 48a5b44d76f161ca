"""Value types: turn one YAML scalar into a typed value, or say precisely what was expected.

Values are read from the scalar's text as written, never from PyYAML's YAML 1.1 guess (which turns `no` into False
and `012` into 10); where YAML 1.1 would have guessed differently from what the property needs, that is an error,
because every other YAML reader would see the file the other way.
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from yaml.nodes import Node, ScalarNode

from ..core.model import Value
from ..core.names import SLUG_RE  # noqa: F401 - the readers use it as values.SLUG_RE
from ..core.namespaces import XSD

# ASCII only: `\d` in a Python pattern also matches Arabic-Indic and other digits, which XSD lexical forms forbid.
DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
NUMBER_RE = re.compile(r"^[+-]?[0-9]*(?:\.[0-9]+)?$")
LEADING_ZERO_RE = re.compile(r"^0[0-9]")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# Characters that change how a terminal or a text direction shows what follows: C0 and C1 controls (bar tab and
# newline, which descriptions may hold) and the Unicode bidirectional embeddings, overrides and isolates.
HIDDEN_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NAME_HIDDEN_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_YAML11_KIND = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "null (no value)",
    "tag:yaml.org,2002:timestamp": "a date",
}


class BadValue(Exception):
    """A value that does not fit; the message says what was expected."""

    def __init__(self, message: str, rule: str = "wrong-type"):
        super().__init__(message)
        self.rule = rule


def describe(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return f"`{node.value}`"
    return "a list" if node.id == "sequence" else "a mapping"


def scalar(node: Node, expected: str) -> ScalarNode:
    if not isinstance(node, ScalarNode):
        raise BadValue(f"expected {expected}, got {describe(node)}")
    return node


def text(node: Node, expected: str = "text", one_line: bool = False) -> str:
    """A string the curator meant as text; YAML 1.1 surprises (`no`, `012`, `1e3`, `~`) are errors, and so are
    control and bidirectional-override characters (tabs and line breaks too where the text is `one_line`)."""
    if not isinstance(node, ScalarNode):
        raise BadValue(f"expected {expected}, got {describe(node)}")
    value = node.value
    if not node.style and node.tag in _YAML11_KIND:  # plain style is None (Python loader) or "" (libyaml)
        import yaml  # only on the error path

        if node.tag == "tag:yaml.org,2002:null":
            raise BadValue(f"expected {expected}, got no value", "missing-value")
        try:
            read_as = f" ({yaml.safe_load(value)!r})"
        except ValueError:  # a date YAML 1.1 matches but cannot make, like 2019-02-30
            read_as = ""
        raise BadValue(
            f"`{value}` is read by YAML 1.1 as {_YAML11_KIND[node.tag]}{read_as}, not text;"
            f' quote it: "{value}"',
            "yaml11-surprise",
        )
    if not value or value.isspace():  # `not value.strip()`
        raise BadValue(f"expected {expected}, got an empty string", "missing-value")
    hidden = (NAME_HIDDEN_RE if one_line else HIDDEN_RE).search(value)
    if hidden is not None:
        raise BadValue(f"{expected} contains {code_point(hidden.group())}, which would be hidden or change how"
                          " the text is shown; remove it", "hidden-character")
    return value


CONTROL_NAMES = {"\x00": "NUL", "\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE",
                 "\x7f": "DELETE"}


def code_point(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: a character named so that a curator can find it."""
    import unicodedata

    name = unicodedata.name(char, "") or CONTROL_NAMES.get(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


def slug(node: Node, expected: str = "an id") -> str:
    value = text(node, expected, one_line=True)
    if not SLUG_RE.match(value):
        raise BadValue(f"`{value}` is not a valid id: use lower-case letters, digits and single hyphens", "bad-id")
    return value


WEB_ADDRESS_RE = re.compile(r"^https?://[^\s/?#@]+(?:[/?#][^\s]*)?$")


def web_address(node: Node) -> Value:
    """An http or https address (`url`, `archivedAt`); any other scheme, user-info or whitespace is refused, since a
    reader's click on it must open a web page and nothing else."""
    value = text(node, "a web address", one_line=True).strip()
    if not WEB_ADDRESS_RE.match(value) or not value.isascii():
        raise BadValue(
            f"`{value}` is not a web address: expected http:// or https:// followed by a host (ASCII, no spaces, "
            "no user name), e.g. https://www.wilsoncenter.org/",
            "bad-url",
        )
    return Value("literal", value, XSD + "anyURI")


class DateBounds(NamedTuple):
    earliest: str  # YYYY-MM-DD
    latest: str


def date_bounds(value: Value | str) -> DateBounds:
    """The first and last day a date of year, month or day precision can mean (a date's Value or its ISO text)."""
    text = value if isinstance(value, str) else value.text
    parts = text.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return DateBounds(f"{year:04d}-01-01", f"{year:04d}-12-31")
    month = int(parts[1])
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return DateBounds(f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}")
    return DateBounds(text, text)


def temporal(node: Node) -> Value:
    return _date(scalar(node, "a date (YYYY, YYYY-MM or YYYY-MM-DD)").value.strip())


@lru_cache(maxsize=1 << 16)  # a graph writes the same dates again and again; a bad one raises, and is not kept
def _date(raw: str) -> Value:
    m = DATE_RE.match(raw)
    if not m:
        raise BadValue(f"`{raw}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD", "bad-date")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if year == "0000":
        raise BadValue(f"`{raw}` is not a date: there is no year 0000 (1 BC is written -0001 in XSD)", "bad-date")
    if month is not None and not 1 <= int(month) <= 12:
        raise BadValue(f"`{raw}` is not a date: month {month} does not exist", "bad-date")
    if day is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            raise BadValue(
                f"`{raw}` is not a date: {calendar.month_name[int(month)]} {year} has {last} days", "bad-date"
            )
        return Value("literal", raw, XSD + "date")
    if month is not None:
        return Value("literal", raw, XSD + "gYearMonth")
    return Value("literal", raw, XSD + "gYear")


def number(node: Node, datatype: str) -> Value:
    node = scalar(node, "a number")
    raw = node.value.strip()
    if not node.style and node.tag == "tag:yaml.org,2002:bool":
        raise BadValue(f"expected a number, got `{raw}` (YAML 1.1 reads it as a boolean)")
    return _number(raw, datatype)


@lru_cache(maxsize=1 << 16)  # counts repeat; a bad one raises, and is not kept
def _number(raw: str, datatype: str) -> Value:
    kind = datatype[len(XSD) :]
    digits = raw.lstrip("+-")
    if LEADING_ZERO_RE.match(digits):
        raise BadValue(
            f"`{raw}` has a leading zero, which YAML 1.1 reads as an octal number; write it without the zero",
            "yaml11-surprise",
        )
    if not raw or not NUMBER_RE.match(raw) or raw in "+-.":
        raise BadValue(f"expected a number, got `{raw}` (write digits, no thousands separators)")
    try:
        dec = Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - guarded by NUMBER_RE
        raise BadValue(f"expected a number, got `{raw}`") from exc
    if kind in ("integer", "nonNegativeInteger", "positiveInteger"):
        if dec != dec.to_integral_value():
            raise BadValue(f"expected a whole number, got `{raw}`")
        if kind == "nonNegativeInteger" and dec < 0:
            raise BadValue(f"expected a number of 0 or more, got `{raw}`")
        if kind == "positiveInteger" and dec < 1:
            raise BadValue(f"expected a number of 1 or more, got `{raw}`")
        return Value("literal", str(int(dec)), datatype)
    # XSD 1.1's canonical decimal: a whole number has no fractional part ("28870", not "28870.0"), so no export or
    # table shows an integer as if it were a float.
    return Value("literal", format(dec.normalize(), "f"), datatype)


def language(code: str) -> str:
    if not LANG_RE.match(code):
        raise BadValue(f"`{code}` is not a language code: expected e.g. `en` or `es`", "bad-language")
    return code
