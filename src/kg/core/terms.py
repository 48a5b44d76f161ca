"""The N-Triples terms the project mints and the IRIs of statement and citation nodes.

Statement and citation IRIs are hashes of their content (design.md, principle 5), so the same YAML always gives the
same IRIs; the compiler mints them, and the view, the exports and the diff find a statement's node by the same hash.
"""

from __future__ import annotations

import hashlib
import re

from .model import Statement, Value
from .namespaces import CIT, KG, MX, ST, XSD

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in (0x0A, 0x0D, 0x09)})
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _ESCAPES))) + "]")


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """An N-Triples literal term."""
    # translate() looks every character up in a dict: most texts have nothing to escape, which one search tells.
    body = '"' + (text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text) + '"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != XSD + "string":
        return f"{body}^^<{datatype}>"
    return body


def term(value: Value) -> str:
    if value.kind == "entity":
        return f"<{MX}{value.text}>"
    if value.kind == "concept":
        return f"<{value.text}>"
    return literal(value.text, value.datatype, value.lang)


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def statement_kind(st: Statement, assessment: str | None = None) -> str:
    """ "error" for a source's erroneous claim, "correction" for the curators' fix, "" otherwise."""
    return "error" if st.error and assessment is None else (assessment or "")


def statement_iri(st: Statement, assessment: str | None = None) -> str:
    """The statement node's IRI: a hash of subject, predicate, object, qualifiers and assessment."""
    parts = [f"<{MX}{st.subject}>", f"<{KG}{st.predicate}>", term(st.value)]
    parts += [f"<{KG}{name}> {term(v)}" for name, v in sorted(st.qualifiers.items())]
    return f"{ST}{digest(*parts, statement_kind(st, assessment))}"


def citation_iri(source: str, section: str | None, paragraph: int | None) -> str:
    """The citation node's IRI: a hash of the source, section and paragraph."""
    return f"{CIT}{digest(source, section or '', str(paragraph or ''))}"
