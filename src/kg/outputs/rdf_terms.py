"""Each term of the exports as text: as Oxigraph's Turtle serialiser writes it, and as the JSON-LD export writes it.

`rdf_text.py` writes both formats in one pass over the sorted N-Triples lines. The work on a term is done here once
per distinct term and remembered, keyed by the term's text as the line holds it. What Oxigraph (pyoxigraph 0.5) does,
and what this does (tests/test_rdf_text.py checks it against Oxigraph itself):

- rdf:type as a predicate is `a`; an IRI under a bound namespace is `prefix:local` when the local name can be written
  as one (a few characters escaped with a backslash, as `_local_name` says), else `<iri>`;
- a literal's text is escaped as `_LITERAL_ESCAPES` says; xsd:string is left implicit, language tags are lower-cased,
  xsd:integer, xsd:decimal, xsd:double and xsd:boolean are written bare when their text is Turtle's own token for them,
  and any other datatype follows `^^`, shortened like any IRI.

A literal whose N-Triples text has no escape but \\" \\\\ \\n \\r \\t \\b \\f and no character Oxigraph or JSON would
escape is written as it stands in the line: both formats write those seven escapes the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import pyoxigraph as ox

from . import jsonld_text as jl

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
# Datatypes Oxigraph writes bare when the text matches Turtle's own token for them.
_BARE = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}

# How Oxigraph escapes a literal's text: the usual short escapes, other control characters and U+FFFE/U+FFFF as \uXXXX.
_LITERAL_ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)}
_LITERAL_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"})
# A literal's N-Triples text (between the quotes) that both formats write as it stands, given it is printable.
SAME_ESCAPES = re.compile(r'(?:[^"\\]|\\["\\nrtbf])*')

# Turtle's PN_CHARS_BASE, PN_CHARS_U and PN_CHARS (as character-class bodies): which characters a local name may hold.
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_FIRST = _BASE + "_:0-9"  # PN_CHARS_U, ':' or a digit may start a local name
_REST = _FIRST + "\\-\u00b7\u0300-\u036f\u203f-\u2040"  # PN_CHARS or ':' may follow ('.' too, but not last)
_PLAIN_LOCAL = re.compile(f"(?:[{_FIRST}](?:[{_REST}.]*[{_REST}])?)?")
_FIRST_CHAR = re.compile(f"[{_FIRST}]")
_REST_CHAR = re.compile(f"[{_REST}]")
_ESCAPABLE = frozenset("_~.-!$&'()*+,;=/?#@%")
# A local name that needs no escape anywhere and makes, after any namespace, a valid IRI: Oxigraph need not check it.
ASCII_LOCAL = re.compile(r"(?:[A-Za-z0-9_:](?:[A-Za-z0-9_:.\-]*[A-Za-z0-9_:\-])?)?")
DOT = " ."  # how the compiler ends every line

LITERAL_VALUE = '    {\n     "@value": '  # a JSON-LD literal value object, up to its value
_END = "\n    }"


Predicate = tuple[str, str, bool, str, str, str, str, str]  # see Terms.predicates
# An object: (Turtle, JSON-LD value object, JSON-LD "@type" entry) for an IRI; (Turtle, JSON-LD value object, None,
# its quoted N-Triples text) for a literal, whose "@type" entry (never wanted in practice) type_entry() makes.
Object = tuple[str, str, str] | tuple[str, str, None, str]


def predicate_parts(turtle: str, key: str) -> tuple[str, str, str, str, str]:
    """What starts a predicate's run: in Turtle after another predicate of the subject and after the subject, in
    JSON-LD after another key of the node, after its "@id", and after the "@id" text less its closing quote."""
    j_open = ",\n   " + key + ": [\n"
    return " ;\n\t" + turtle + " ", " " + turtle + " ", "\n   ],\n   " + key + ": [\n", j_open, '"' + j_open


def _local_name(local: str) -> str | None:
    """The local name as Oxigraph writes it after `prefix:`, or None when it cannot be written as one."""
    if _PLAIN_LOCAL.fullmatch(local):
        return local
    out = []
    last = len(local) - 1
    for i, c in enumerate(local):
        if (_FIRST_CHAR if i == 0 else _REST_CHAR).fullmatch(c) or (c == "." and 0 < i < last):
            out.append(c)
        elif c in _ESCAPABLE:
            out.append("\\" + c)
        else:
            return None
    return "".join(out)


class Terms:
    """Terms as Turtle and JSON-LD text, for a fixed set of prefixes; the dictionaries are read by the line loop."""

    def __init__(self, prefixes: Mapping[str, str]):
        namespaces = list(prefixes.values())
        if any(a != b and a.startswith(b) for a in namespaces for b in namespaces):
            raise ValueError("nested namespaces: which prefix Oxigraph picks is not modelled here")
        self.prefixes = dict(prefixes)
        self._by_namespace = {ns: name for name, ns in prefixes.items()}
        # An object IRI with the line's end ("<iri> .") → see Object.
        self.objects: dict[str, Object] = {}
        # A predicate ("<iri>") → (Turtle, JSON-LD key, whether it is rdf:type, and its predicate_parts).
        self.predicates: dict[str, Predicate] = {}
        # What follows a literal's closing quote to the line's end ("@en .", "^^<iri> .", " .") → (Turtle after the
        # quoted text, the datatype's bare syntax or None, JSON-LD after the value, the same for a line with escapes).
        self.suffixes: dict[str, tuple[str, re.Pattern | None, str, str]] = {}
        self._key_owners: dict[str, str] = {}  # JSON-LD key → the predicate IRI that has it
        self.jsonld_exact = True  # False once two predicates share a key, or a predicate is spelled with escapes

    # ------------------------------------------------------------------ IRIs
    def turtle_iri(self, iri: str) -> str:
        """An IRI (without angle brackets) as Turtle."""
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        name = self._by_namespace.get(iri[:cut])
        if name is not None:  # the only namespace that can match: they do not nest
            local = _local_name(iri[cut:])
            return f"<{iri}>" if local is None else f"{name}:{local}"
        for ns, name in self._by_namespace.items():  # a local name with '/' or '#', or a namespace not ending in one
            if iri.startswith(ns):
                local = _local_name(iri[len(ns) :])
                if local is not None:
                    return f"{name}:{local}"
        return f"<{iri}>"

    def _iri(self, token: str) -> str | None:
        """The IRI of an N-Triples IRI token ("<...>") without escapes, or None (then Oxigraph reads the line)."""
        if len(token) < 2 or token[0] != "<" or token[-1] != ">" or "\\" in token:
            return None
        iri = token[1:-1]
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        if iri[:cut] in self._by_namespace and ASCII_LOCAL.fullmatch(iri, cut):
            return iri  # a namespace and a plain local name: a valid IRI
        try:
            ox.NamedNode(iri)
        except ValueError:
            return None
        return iri

    def subject(self, token: str) -> tuple[str, str] | None:
        """A subject ("<iri>") as (Turtle, JSON-LD "@id" text)."""
        iri = self._iri(token)
        return None if iri is None else (self.turtle_iri(iri), jl.quote(jl.short(iri)))

    def object_iri(self, token: str) -> Object | None:
        """An object IRI with the line's end ("<iri> ."), remembered; None when Oxigraph should read the line."""
        known = self.objects.get(token)
        if known is None and token[-2:] == DOT:
            iri = self._iri(token[:-2])
            if iri is not None:
                known = self.objects[token] = (self.turtle_iri(iri), jl.iri_item(iri), jl.type_item(iri))
        return known

    def literal(self, token: str) -> Object | None:
        """A literal with the line's end ('"text"@en .'), when its text needs no change (see the module's text);
        None when Oxigraph should read the line."""
        end = token.rfind('"')
        escaped = "\\" in token
        if not (escaped and SAME_ESCAPES.fullmatch(token, 1, end) or not escaped and token.count('"') == 2):
            return None
        if end < 1 or not token.isprintable():
            return None
        after = self.suffixes.get(token[end + 1 :]) or self.suffix(token[end + 1 :])
        if after is None:
            return None
        t_after, bare, j_after, j_after_escaped = after
        quoted = token[: end + 1]
        if bare is not None and bare.fullmatch(token, 1, end):
            return token[1:end], LITERAL_VALUE + quoted + j_after, None, quoted
        return quoted + t_after, LITERAL_VALUE + quoted + (j_after_escaped if escaped else j_after), None, quoted

    @staticmethod
    def type_entry(obj: Object) -> str:
        """An object's entry in "@type" (rdf:type's values)."""
        return obj[2] if obj[2] is not None else jl.type_item(json.loads(obj[3]))

    def predicate(self, token: str) -> Predicate | None:
        known = self.predicates.get(token)
        if known is None:
            iri = self._iri(token)
            if iri is not None:
                key = self.jsonld_key(iri)
                turtle = "a" if iri == RDF_TYPE else self.turtle_iri(iri)
                known = self.predicates[token] = (turtle, key, iri == RDF_TYPE, *predicate_parts(turtle, key))
        return known

    def jsonld_key(self, iri: str) -> str:
        """A predicate's JSON-LD key; two predicates with one key make `jsonld_exact` false."""
        key = jl.key(iri)
        if self._key_owners.setdefault(key, iri) != iri:
            self.jsonld_exact = False
        return key

    # ------------------------------------------------------------------ literals
    def suffix(self, suffix: str) -> tuple[str, re.Pattern | None, str, str] | None:
        """What follows a literal's closing quote, checked the first time it is seen (see `suffixes`); None when
        Oxigraph should read the line."""
        known = self.suffixes.get(suffix)
        if known is not None or suffix[-2:] != DOT:
            return known
        tail = suffix[:-2]
        if not tail:
            known = ("", None, _END, _END)
        elif tail[0] == "@":
            try:
                language = ox.Literal("", language=tail[1:]).language  # Oxigraph lower-cases it
            except ValueError:
                return None
            as_written = ',\n     "@language": ' + jl.quote(tail[1:]) + _END
            known = ("@" + language, None, as_written, ',\n     "@language": ' + jl.quote(language) + _END)
        elif tail[:2] == "^^":
            iri = self._iri(tail[2:])
            if iri is None:
                return None
            if iri == _XSD_STRING:
                known = ("", None, _END, _END)
            else:
                typed = ',\n     "@type": ' + jl.quote(jl.short(iri)) + _END
                known = ("^^" + self.turtle_iri(iri), _BARE.get(iri), typed, typed)
        else:
            return None
        self.suffixes[suffix] = known
        return known

    def turtle_literal(self, value: str, language: str | None, datatype: str) -> str:
        """A literal from its value, language and datatype IRI, as Turtle."""
        text = '"' + value.translate(_LITERAL_ESCAPES) + '"'
        if language:
            return f"{text}@{language}"
        if datatype == _XSD_STRING:
            return text
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(value):
            return value
        return text + "^^" + self.turtle_iri(datatype)

    def turtle_term(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        """Any term Oxigraph parsed, as Turtle."""
        if isinstance(term, ox.NamedNode):
            return self.turtle_iri(term.value)
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        if isinstance(term, ox.Literal):
            return self.turtle_literal(term.value, term.language, term.datatype.value)
        raise ValueError(f"cannot write {term!r} as Turtle")

