"""Each term of the JSON-LD export as text, worked out once per distinct term and remembered.

`jsonld_fast.py` writes the JSON-LD in one pass over the sorted N-Triples lines; the text of a term (a predicate's key,
an object's value object) is made here the first time its spelling in a line is seen, keyed by that spelling, and is
what `jsonld_text` writes for it.

A literal whose N-Triples text has no escape but \\" \\\\ \\n \\r \\t \\b \\f and no control character is written as
it stands in the line: JSON writes those seven escapes the same way, and nothing else in it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import pyoxigraph as ox

from . import jsonld_text as jl

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# A literal's N-Triples text (between the quotes) that JSON writes as it stands.
SAME_ESCAPES = re.compile(r'(?:[^"\\\x00-\x1f]|\\["\\nrtbf])*')
# A local name that makes, after a namespace, a valid IRI whose short name is prefix:local, with nothing to quote.
ASCII_LOCAL = re.compile(r"(?:[A-Za-z0-9_:](?:[A-Za-z0-9_:.\-]*[A-Za-z0-9_:\-])?)?")
DOT = " ."  # how the compiler ends every line

LITERAL_VALUE = '    {\n     "@value": '  # a JSON-LD literal value object, up to its value
_END = "\n    }"

# A predicate: (its key, whether it is rdf:type, and its predicate_parts).
Predicate = tuple[str, bool, str, str, str]
# An object: (value object, "@type" entry) for an IRI; (value object, None, its quoted N-Triples text) for a literal,
# whose "@type" entry (never wanted in practice) type_entry() makes.
Object = tuple[str, str] | tuple[str, None, str]


def predicate_parts(key: str) -> tuple[str, str, str]:
    """What starts a predicate's list: after another key of the node, after its "@id", and after the "@id" text less
    its closing quote."""
    opening = ",\n   " + key + ": [\n"
    return "\n   ],\n   " + key + ": [\n", opening, '"' + opening


class Terms:
    """Terms as JSON-LD text, for a fixed set of prefixes; the dictionaries are read by the line loop."""

    def __init__(self, prefixes: Mapping[str, str]):
        namespaces = list(prefixes.values())
        if any(a != b and a.startswith(b) for a in namespaces for b in namespaces):
            raise ValueError("nested namespaces: the short names are not modelled here")
        self.prefixes = dict(prefixes)
        self._namespaces = frozenset(namespaces)
        # An object IRI with the line's end ("<iri> .") → see Object.
        self.objects: dict[str, Object] = {}
        # A predicate ("<iri>") → see Predicate.
        self.predicates: dict[str, Predicate] = {}
        # What follows a literal's closing quote to the line's end ("@en .", "^^<iri> .", " .") → (the text after the
        # value, the same for a line with escapes, which Oxigraph reads: it lower-cases language tags).
        self.suffixes: dict[str, tuple[str, str]] = {}
        self._key_owners: dict[str, str] = {}  # key → the predicate IRI that has it
        self.jsonld_exact = True  # False once two predicates share a key, or a subject or predicate has escapes

    def _iri(self, token: str) -> str | None:
        """The IRI of an N-Triples IRI token ("<...>") without escapes, or None (then the line is read as
        `jsonld_text` reads it)."""
        if len(token) < 2 or token[0] != "<" or token[-1] != ">" or "\\" in token:
            return None
        iri = token[1:-1]
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        if iri[:cut] in self._namespaces and ASCII_LOCAL.fullmatch(iri, cut):
            return iri  # a namespace and a plain local name: a valid IRI
        try:
            ox.NamedNode(iri)
        except ValueError:
            return None
        return iri

    def subject(self, token: str) -> tuple[str, str] | None:
        """A subject ("<iri>") as (its IRI, its "@id" text)."""
        iri = self._iri(token)
        return None if iri is None else (iri, jl.quote(jl.short(iri)))

    def object_iri(self, token: str) -> Object | None:
        """An object IRI with the line's end ("<iri> ."), remembered; None when the line is to be read whole."""
        known = self.objects.get(token)
        if known is None and token[-2:] == DOT:
            iri = self._iri(token[:-2])
            if iri is not None:
                known = self.objects[token] = (jl.iri_item(iri), jl.type_item(iri))
        return known

    def literal(self, token: str) -> Object | None:
        """A literal with the line's end ('"text"@en .'), when its text needs no change (see the module's text);
        None when the line is to be read whole."""
        end = token.rfind('"')
        if end < 1 or not SAME_ESCAPES.fullmatch(token, 1, end):
            return None
        after = self.suffixes.get(token[end + 1 :]) or self.suffix(token[end + 1 :])
        if after is None:
            return None
        quoted = token[: end + 1]
        return LITERAL_VALUE + quoted + (after[1] if "\\" in token else after[0]), None, quoted

    def type_entry(self, obj: Object) -> str:
        """An object's entry in "@type" (rdf:type's values). A literal cannot be one ("@type" reads it as an IRI):
        the text is then not to be used, and `jsonld_text` writes it under "rdf:type"."""
        if obj[1] is not None:
            return obj[1]
        self.jsonld_exact = False
        return jl.type_item(json.loads(obj[2]))

    def predicate(self, token: str) -> Predicate | None:
        known = self.predicates.get(token)
        if known is None:
            iri = self._iri(token)
            if iri is not None:
                key = self.jsonld_key(iri)
                known = self.predicates[token] = (key, iri == RDF_TYPE, *predicate_parts(key))
        return known

    def jsonld_key(self, iri: str) -> str:
        """A predicate's key; two predicates with one key make `jsonld_exact` false."""
        key = jl.key(iri)
        if self._key_owners.setdefault(key, iri) != iri:
            self.jsonld_exact = False
        return key

    def suffix(self, suffix: str) -> tuple[str, str] | None:
        """What follows a literal's closing quote, checked the first time it is seen (see `suffixes`); None when the
        line is to be read whole."""
        known = self.suffixes.get(suffix)
        if known is not None or suffix[-2:] != DOT:
            return known
        tail = suffix[:-2]
        if not tail:
            known = (_END, _END)
        elif tail[0] == "@":
            try:
                language = ox.Literal("", language=tail[1:]).language  # Oxigraph lower-cases it
            except ValueError:
                return None
            known = (
                ',\n     "@language": ' + jl.quote(tail[1:]) + _END,
                ',\n     "@language": ' + jl.quote(language) + _END,
            )
        elif tail[:2] == "^^":
            iri = self._iri(tail[2:])
            if iri is None:
                return None
            typed = _END if iri == _XSD_STRING else ',\n     "@type": ' + jl.quote(jl.short(iri)) + _END
            known = (typed, typed)
        else:
            return None
        self.suffixes[suffix] = known
        return known
