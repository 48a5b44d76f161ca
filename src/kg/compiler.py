"""Compile the checked model into RDF: direct triples, statement nodes with qualifiers, citation nodes.

Triples are produced as N-Triples lines, sorted and unique: that text is the canonical form every export and query
engine starts from, so the same YAML always gives the same bytes. Statement and citation IRIs are hashes of their
content (design.md, principle 5): stable across builds, no blank nodes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from .model import Citation, Entity, Model, Statement, Value
from .namespaces import CIT, KG, KGC, MX, OWL, PROV, RDF, RDF_TYPE, RDFS, SCHEMA, SKOS, ST, WD, XSD
from .ontology import Vocabulary
from .problems import Pos

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in (0x0A, 0x0D, 0x09)})

_TYPE = f"<{RDF_TYPE}>"
_LABEL = f"<{RDFS}label>"
_ALT_LABEL = f"<{SKOS}altLabel>"
_DESCRIPTION = f"<{SCHEMA}description>"
_SAME_AS = f"<{OWL}sameAs>"
_DERIVED = f"<{PROV}wasDerivedFrom>"
_NOTE = f"<{KG}curatorNote>"
_SUBJECT, _PREDICATE, _OBJECT = f"<{RDF}subject>", f"<{RDF}predicate>", f"<{RDF}object>"
_STATEMENT_CLASS, _CITATION_CLASS = f"<{KG}Statement>", f"<{KG}Citation>"
_ASSESSMENT, _CORRECTED_BY = f"<{KG}assessment>", f"<{KG}correctedBy>"
_SOURCE_ERROR, _CORRECTION = f"<{KGC}source-error>", f"<{KGC}correction>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """An N-Triples literal term."""
    body = '"' + text.translate(_ESCAPES) + '"'
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


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def statement_kind(st: Statement, assessment: str | None = None) -> str:
    """ "error" for a source's erroneous claim, "correction" for the curators' fix, "" otherwise."""
    return "error" if st.error and assessment is None else (assessment or "")


def statement_iri(st: Statement, assessment: str | None = None) -> str:
    """The statement node's IRI: a hash of subject, predicate, object, qualifiers and assessment."""
    parts = [f"<{MX}{st.subject}>", f"<{KG}{st.predicate}>", term(st.value)]
    parts += [f"<{KG}{name}> {term(v)}" for name, v in sorted(st.qualifiers.items())]
    return f"{ST}{_digest(*parts, statement_kind(st, assessment))}"


@dataclass
class CompiledGraph:
    """The compiled graph as sorted, unique N-Triples lines, with where each minted IRI was written."""

    lines: list[str]
    positions: dict[str, Pos] = field(default_factory=dict)
    entity_types: Counter = field(default_factory=Counter)
    statements: int = 0
    cited_statements: int = 0
    located_statements: int = 0

    def ntriples(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def __len__(self) -> int:
        return len(self.lines)


class Compiler:
    def __init__(self, model: Model, vocab: Vocabulary):
        self.model = model
        self.vocab = vocab
        self.out: list[str] = []
        self.positions: dict[str, Pos] = {}
        self.citations: dict[tuple, str] = {}
        self.stats = Counter()

    def emit(self, s: str, p: str, o: str) -> None:
        self.out.append(f"{s} {p} {o} .")

    def citation(self, c: Citation) -> str:
        key = (c.source, c.section, c.paragraph)
        iri = self.citations.get(key)
        if iri is not None:
            return iri
        iri = f"<{CIT}{_digest(c.source, c.section or '', str(c.paragraph or ''))}>"
        self.citations[key] = iri
        self.positions.setdefault(iri[1:-1], c.pos)
        self.emit(iri, _TYPE, _CITATION_CLASS)
        self.emit(iri, f"<{KG}source>", f"<{MX}{c.source}>")
        source = self.model.entities.get(c.source)
        section = source.sections.get(c.section) if source and c.section else None
        locator = []
        if section is not None:
            self.emit(iri, f"<{KG}section>", literal(section.heading))
            locator.append(f"§ {section.heading}")
        if c.paragraph is not None:
            self.emit(iri, f"<{KG}paragraph>", literal(str(c.paragraph), XSD + "positiveInteger"))
            locator.append(f"¶ {c.paragraph}")
        if locator:
            self.emit(iri, f"<{KG}locator>", literal(", ".join(locator)))
        return iri

    def entity(self, e: Entity) -> None:
        s = f"<{MX}{e.id}>"
        self.positions[MX + e.id] = e.pos
        self.stats["type:" + e.type] += 1
        self.emit(s, _TYPE, f"<{KG}{e.type}>")
        for lang, text in sorted(e.labels.items()):
            self.emit(s, _LABEL, literal(text, lang=lang))
        for lang, names in sorted(e.aliases.items()):
            for name in names:
                self.emit(s, _ALT_LABEL, literal(name, lang=lang or None))
        for lang, text in sorted(e.descriptions.items()):
            self.emit(s, _DESCRIPTION, literal(text, lang=lang))
        for qid in e.same_as:
            self.emit(s, _SAME_AS, f"<{WD}{qid}>")
        if e.note:
            self.emit(s, _NOTE, literal(e.note))
        for c in e.citations:
            self.emit(s, _DERIVED, self.citation(c))
        for st in e.statements:
            self.statement(st)

    def statement(self, st: Statement, assessment: str | None = None) -> str:
        s, p, o = f"<{MX}{st.subject}>", f"<{KG}{st.predicate}>", term(st.value)
        qualifiers = [(f"<{KG}{name}>", term(v)) for name, v in sorted(st.qualifiers.items())]
        kind = statement_kind(st, assessment)
        iri = f"<{statement_iri(st, assessment)}>"
        self.positions.setdefault(iri[1:-1], st.pos)
        self.stats["statements"] += 1
        if st.citations:
            self.stats["cited"] += 1
        if any(c.section and c.paragraph for c in st.citations):
            self.stats["located"] += 1
        if kind != "error":
            self.emit(s, p, o)
        self.emit(iri, _TYPE, _STATEMENT_CLASS)
        self.emit(iri, _SUBJECT, s)
        self.emit(iri, _PREDICATE, p)
        self.emit(iri, _OBJECT, o)
        for q, v in qualifiers:
            self.emit(iri, q, v)
        for c in st.citations:
            self.emit(iri, _DERIVED, self.citation(c))
        if st.note:
            self.emit(iri, _NOTE, literal(st.note))
        if kind == "error":
            self.emit(iri, _ASSESSMENT, _SOURCE_ERROR)
            self.emit(iri, _NOTE, literal(st.error or ""))
            if st.correction is not None:
                self.emit(iri, _CORRECTED_BY, self.statement(st.correction, assessment="correction"))
        elif kind == "correction":
            self.emit(iri, _ASSESSMENT, _CORRECTION)
            if st.error:
                self.emit(iri, _NOTE, literal(st.error))
        return iri


def compile_model(model: Model, vocab: Vocabulary, ontology_lines: list[str]) -> CompiledGraph:
    """The whole graph — the vocabulary and every entity and statement — as sorted N-Triples lines."""
    compiler = Compiler(model, vocab)
    for entity in model.entities.values():
        compiler.entity(entity)
    lines = sorted(set(compiler.out).union(ontology_lines))
    stats = compiler.stats
    return CompiledGraph(
        lines,
        compiler.positions,
        Counter({k[5:]: v for k, v in stats.items() if k.startswith("type:")}),
        stats["statements"],
        stats["cited"],
        stats["located"],
    )


def ontology_ntriples(vocab: Vocabulary) -> list[str]:
    """The vocabulary's own triples, as N-Triples lines."""
    text = vocab.graph.serialize(format="nt")
    return [line for line in text.splitlines() if line.strip()]
