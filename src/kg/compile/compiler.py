"""Compile the checked model into RDF: direct triples, statement nodes with qualifiers, citation nodes.

Triples are produced as N-Triples lines, sorted and unique: that text is the canonical form every export and query
engine starts from, so the same YAML always gives the same bytes. Statement and citation IRIs are hashes of their
content (design.md, principle 5): stable across builds, no blank nodes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..core.memory import LinesPickledAsText
from ..core.model import Citation, Entity, Model, Statement, Value
from ..core.namespaces import KG, KGC, MX, OWL, PROV, RDF, RDF_TYPE, RDFS, SCHEMA, SKOS, ST, WD, XSD
from ..core.problems import Pos
from ..core.terms import citation_iri, digest, literal, statement_kind, term
from ..load.vocabulary import Vocabulary

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
_STATEMENT_TYPE_TAIL = f"{_TYPE} {_STATEMENT_CLASS} ."


@dataclass
class CompiledGraph(LinesPickledAsText):
    """The compiled graph as sorted, unique N-Triples lines, with where each minted IRI was written."""

    lines: list[str]
    positions: dict[str, Pos] = field(default_factory=dict)
    entity_types: Counter = field(default_factory=Counter)
    statements: int = 0
    cited_statements: int = 0
    located_statements: int = 0

    def ntriples(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def ntriples_chunks(self, lines_per_chunk: int = 1 << 13) -> Iterator[bytes]:
        """The N-Triples text, encoded a block of whole lines at a time (8k lines, about 1 MB, by default: exports
        stream them into files and stores load them without the whole text in memory at once)."""
        lines = self.lines
        for start in range(0, len(lines), lines_per_chunk):
            chunk = lines[start : start + lines_per_chunk]
            chunk.append("")  # for the last line's newline, without copying the joined text again
            yield "\n".join(chunk).encode("utf-8")

    def __len__(self) -> int:
        return len(self.lines)


class Compiler:
    """Emits N-Triples lines for entities, statements and citations.

    This runs once per statement on graphs of a million triples, so terms that repeat (predicates, entity IRIs) are
    made once and each line is one concatenation; the lines are the same as writing `f"{s} {p} {o} ."` for each.
    """

    def __init__(self, model: Model, vocab: Vocabulary):
        self.model = model
        self.vocab = vocab
        self.out: list[str] = []
        self.positions: dict[str, Pos] = {}
        self.citations: dict[tuple, str] = {}
        self.stats = Counter()
        self.statements = self.cited = self.located = 0
        self._kg_terms: dict[str, str] = {}  # local name → "<kg:name>", for predicates, qualifiers and classes
        self._mx_terms: dict[str, str] = {}  # entity id → "<mx:id>"

    def emit(self, s: str, p: str, o: str) -> None:
        self.out.append(f"{s} {p} {o} .")

    def kg_term(self, name: str) -> str:
        t = self._kg_terms.get(name)
        if t is None:
            t = self._kg_terms[name] = f"<{KG}{name}>"
        return t

    def mx_term(self, entity_id: str) -> str:
        t = self._mx_terms.get(entity_id)
        if t is None:
            t = self._mx_terms[entity_id] = f"<{MX}{entity_id}>"
        return t

    def object_term(self, value: Value) -> str:
        return self.mx_term(value.text) if value.kind == "entity" else term(value)

    def citation(self, c: Citation) -> str:
        key = (c.source, c.section, c.paragraph)
        iri = self.citations.get(key)
        if iri is not None:
            return iri
        iri = f"<{citation_iri(c.source, c.section, c.paragraph)}>"
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
        s = self.mx_term(e.id)
        head = s + " "
        append = self.out.append
        self.positions[MX + e.id] = e.pos
        self.stats["type:" + e.type] += 1
        append(f"{head}{_TYPE} {self.kg_term(e.type)} .")
        for lang, text in sorted(e.labels.items()):
            append(f"{head}{_LABEL} {literal(text, lang=lang)} .")
        for lang, names in sorted(e.aliases.items()):
            for name in names:
                append(f"{head}{_ALT_LABEL} {literal(name, lang=lang or None)} .")
        for lang, text in sorted(e.descriptions.items()):
            append(f"{head}{_DESCRIPTION} {literal(text, lang=lang)} .")
        for qid in e.same_as:
            append(f"{head}{_SAME_AS} <{WD}{qid}> .")
        if e.note:
            append(f"{head}{_NOTE} {literal(e.note)} .")
        for c in e.citations:
            append(f"{head}{_DERIVED} {self.citation(c)} .")
        for st in e.statements:
            self.statement(st)

    def statement(self, st: Statement, assessment: str | None = None) -> str:
        s, p, o = self.mx_term(st.subject), self.kg_term(st.predicate), self.object_term(st.value)
        qualifiers = (
            [(self.kg_term(name), term(v)) for name, v in sorted(st.qualifiers.items())] if st.qualifiers else ()
        )
        kind = statement_kind(st, assessment)
        # The same parts, in the same order, as statement_iri(st, assessment).
        iri = f"<{ST}{digest(s, p, o, *[f'{q} {v}' for q, v in qualifiers], kind)}>"
        self.positions.setdefault(iri[1:-1], st.pos)
        self.statements += 1
        citations = st.citations
        if citations:
            self.cited += 1
            if any(c.section and c.paragraph for c in citations):
                self.located += 1
        append = self.out.append
        if kind != "error":
            append(f"{s} {p} {o} .")
        head = iri + " "
        append(head + _STATEMENT_TYPE_TAIL)
        append(f"{head}{_SUBJECT} {s} .")
        append(f"{head}{_PREDICATE} {p} .")
        append(f"{head}{_OBJECT} {o} .")
        for q, v in qualifiers:
            append(f"{head}{q} {v} .")
        for c in citations:
            append(f"{head}{_DERIVED} {self.citation(c)} .")
        if st.note:
            append(f"{head}{_NOTE} {literal(st.note)} .")
        if kind == "error":
            append(f"{head}{_ASSESSMENT} {_SOURCE_ERROR} .")
            append(f"{head}{_NOTE} {literal(st.error or '')} .")
            if st.correction is not None:
                append(f"{head}{_CORRECTED_BY} {self.statement(st.correction, assessment='correction')} .")
        elif kind == "correction":
            append(f"{head}{_ASSESSMENT} {_CORRECTION} .")
            if st.error:
                append(f"{head}{_NOTE} {literal(st.error)} .")
        return iri


def sorted_unique(lines: list[str]) -> list[str]:
    """The lines sorted, each once; sorts in place (a list sorts faster than a set's scattered items)."""
    lines.sort()
    previous = None
    return [line for line in lines if line != previous and (previous := line) is not None]


def compile_model(model: Model, vocab: Vocabulary, ontology_lines: list[str]) -> CompiledGraph:
    """The whole graph — the vocabulary and every entity and statement — as sorted N-Triples lines."""
    compiler = Compiler(model, vocab)
    for entity in model.entities.values():
        compiler.entity(entity)
    compiler.out.extend(ontology_lines)
    lines = sorted_unique(compiler.out)
    compiler.out = []
    stats = compiler.stats
    return CompiledGraph(
        lines,
        compiler.positions,
        Counter({k[5:]: v for k, v in stats.items() if k.startswith("type:")}),
        compiler.statements,
        compiler.cited,
        compiler.located,
    )


def ontology_ntriples(vocab: Vocabulary) -> list[str]:
    """The vocabulary's own triples, as N-Triples lines."""
    text = vocab.graph.serialize(format="nt")
    return [line for line in text.splitlines() if line.strip()]
