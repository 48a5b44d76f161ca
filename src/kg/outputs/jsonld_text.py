"""The JSON-LD export's text: the same bytes as `json.dumps(document, indent=1)` of
`{"@context": PREFIXES, "@graph": [node, ...]}`, one node object per subject, written without building the document.

Each node holds its subject's prefixed name as "@id", then one key per predicate (prefixed; rdf:type is "@type") in
the order the sorted N-Triples give them, each with the list of its values. `jsonld_fast.py` writes this text faster;
`jsonld_nodes` here is the plain definition, used for a graph that writer cannot write (two predicates with one key, a
term spelled with escapes). The tests check both against an independent JSON-LD processor (pyld, through rdflib).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

import pyoxigraph as ox

from ..core.namespaces import PREFIXES, RDF_TYPE, XSD, shorten

XSD_STRING = XSD + "string"
quote = json.encoder.encode_basestring  # what json.dumps(text, ensure_ascii=False) writes for a string


def document_head(prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The text before the first node."""
    context = json.dumps(dict(prefixes), ensure_ascii=False, indent=1).replace("\n", "\n ")
    return '{\n "@context": ' + context + ',\n "@graph": [\n'


def empty_document(prefixes: Mapping[str, str] = PREFIXES) -> str:
    return document_head(prefixes)[:-2] + "[]\n}\n"


DOCUMENT_TAIL = "\n ]\n}\n"  # after the last node


class Shortener:
    """An IRI as JSON-LD writes it: the compact IRI `prefix:local` where a project prefix covers it, else the IRI.

    A local part that starts with `//` stays whole: JSON-LD reads `schema://x` as an absolute IRI, not as a compact
    one (JSON-LD 1.1, "IRI Expansion")."""

    def __init__(self, prefixes: Mapping[str, str] = PREFIXES):
        self._by_namespace = {ns: name for name, ns in prefixes.items()}
        # The namespace ending at the IRI's last '/' or '#' is the longest that can match when every one ends so.
        self._fast = all(ns[-1:] in ("/", "#") for ns in prefixes.values())

    def __call__(self, iri: str) -> str:
        if self._fast:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            name = self._by_namespace.get(iri[:cut])
            if name is not None:
                return f"{name}:{iri[cut:]}".strip("<>")
        short = shorten(iri).strip("<>")
        if short != iri and short.partition(":")[2].startswith("//"):
            return iri
        return short


short = lru_cache(maxsize=1 << 16)(Shortener())


def split_triple(line: str) -> tuple[str, str, str | None, str, str, str]:
    """(subject, predicate, object IRI or None, literal value, language, datatype) of one N-Triples line.

    The compiler's lines are simple (IRIs, literals without escapes): those are cut apart by hand, a few times faster
    than parsing; any other line (an escape, a blank node) goes through Oxigraph's parser.
    """
    if line[0] == "<" and "\\" not in line:
        s_end = line.index("> ")
        p_end = line.index("> ", s_end + 2)
        subject, predicate, rest = line[1:s_end], line[s_end + 3 : p_end], line[p_end + 2 : -2]
        if rest[0] == "<":
            return subject, predicate, rest[1:-1], "", "", ""
        if rest[0] == '"':
            close = rest.rindex('"')
            suffix = rest[close + 1 :]
            if not suffix:
                return subject, predicate, None, rest[1:close], "", XSD_STRING
            if suffix[0] == "@":
                return subject, predicate, None, rest[1:close], suffix[1:], ""
            return subject, predicate, None, rest[1:close], "", suffix[3:-1]
    triple = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
    obj, subject = triple.object, _node_id(triple.subject)
    if isinstance(obj, ox.Literal):
        return subject, triple.predicate.value, None, obj.value, obj.language or "", obj.datatype.value
    return subject, triple.predicate.value, _node_id(obj), "", "", ""


def _node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    """How JSON-LD names a node: its IRI, or `_:label` for a blank node (a bare label would be a relative IRI)."""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def key(predicate: str) -> str:
    """A predicate's key in a node, as JSON text."""
    return '"@type"' if predicate == RDF_TYPE else quote(short(predicate))


def type_item(iri: str) -> str:
    """An entry of "@type", as json.dumps(indent=1) lays it out four levels deep."""
    return "    " + quote(short(iri))


def iri_item(iri: str) -> str:
    """A value object for an IRI, laid out as type_item."""
    return '    {\n     "@id": ' + quote(short(iri)) + "\n    }"


def literal_item(value: str, language: str, datatype: str) -> str:
    """A value object for a literal (its value, language or datatype), laid out as type_item."""
    text = '    {\n     "@value": ' + quote(value)
    if language:
        text += ',\n     "@language": ' + quote(language)
    elif datatype != XSD_STRING:
        text += ',\n     "@type": ' + quote(short(datatype))
    return text + "\n    }"


def item(predicate: str, iri: str | None, value: str, language: str, datatype: str) -> str:
    """The entry a triple's object makes in its predicate's list (see split_triple)."""
    if predicate == RDF_TYPE:
        return type_item(iri or value)
    if iri is not None:
        return iri_item(iri)
    return literal_item(value, language, datatype)


def line_parts(line: str) -> tuple[str, str, str]:
    """(the subject, the key, the value's text) of one N-Triples line. A literal as an rdf:type value (which "@type"
    would read as an IRI) goes under the key "rdf:type" as a value object."""
    s, predicate, iri, value, language, datatype = split_triple(line)
    if predicate == RDF_TYPE and iri is None:
        return s, quote(short(predicate)), literal_item(value, language, datatype)
    return s, key(predicate), item(predicate, iri, value, language, datatype)


def _node(subject: str, keys: dict[str, list[str]]) -> str:
    parts = ['  {\n   "@id": ', subject]
    for name, items in keys.items():
        parts += [",\n   ", name, ": [\n", ",\n".join(items), "\n   ]"]
    parts.append("\n  }")
    return "".join(parts)


def jsonld_nodes(lines: Sequence[str]) -> Iterator[str]:
    """One node object per run of lines with one subject (in sorted N-Triples, one per subject)."""
    subject_iri: str | None = None
    keys: dict[str, list[str]] = {}
    for line in lines:
        s, name, item = line_parts(line)
        if s != subject_iri:
            if subject_iri is not None:
                yield _node(quote(short(subject_iri)), keys)
            subject_iri, keys = s, {}
        keys.setdefault(name, []).append(item)
    if subject_iri is not None:
        yield _node(quote(short(subject_iri)), keys)


def jsonld_chunks(lines: Sequence[str], nodes_per_chunk: int = 4096) -> Iterator[bytes]:
    """The whole document, encoded a block of nodes at a time."""
    nodes = jsonld_nodes(lines)
    first = next(nodes, None)
    if first is None:
        yield empty_document().encode("utf-8")
        return
    parts = [document_head() + first]
    for node in nodes:
        parts.append(",\n" + node)
        if len(parts) >= nodes_per_chunk:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append(DOCUMENT_TAIL)
    yield "".join(parts).encode("utf-8")
