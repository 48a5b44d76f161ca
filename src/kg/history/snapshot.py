"""A version of the graph as the diff compares it: each entity's names and sources, and its statements keyed by
their IRIs (content hashes, `kg.core.terms.statement_iri`), each with its citations and notes.

Made from a loaded Model (a git revision, the working tree, a folder of YAML) or from an export folder's N-Triples;
both give the same records, so a revision can be compared with a published export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.model import Citation, Entity, Model, Statement, Value
from ..core.namespaces import CIT, KG, KGC, MX, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, ST, WD, XSD
from ..core.problems import Pos
from ..core.terms import statement_iri

NOWHERE = Pos("", 0, 0)


@dataclass(frozen=True, order=True)
class CitationRef:
    """One citation as a reader sees it: its source, locator and text (`Title, § Heading, ¶ N`)."""

    source: str
    section: str  # the section's heading ("" when none)
    paragraph: int
    text: str


@dataclass(frozen=True)
class Fact:
    """One statement node: subject, predicate, value, qualifiers, its assessment (`error`, `correction` or ""), its
    citations and notes. `statement` is the statement itself (for the number presenter)."""

    iri: str
    subject: str
    predicate: str
    value: Value
    qualifiers: tuple[tuple[str, Value], ...]
    kind: str
    citations: frozenset[CitationRef]
    notes: tuple[str, ...]
    statement: Statement = field(compare=False, hash=False, repr=False)

    @property
    def same_fact_key(self) -> tuple:
        """What makes two statements "the same fact" with another value: subject, predicate, qualifier names and
        assessment."""
        return (self.subject, self.predicate, tuple(name for name, _ in self.qualifiers), self.kind)


@dataclass
class EntityState:
    """One entity in one version."""

    id: str
    type: str
    labels: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    descriptions: dict[str, str]
    note: str
    same_as: tuple[str, ...]
    citations: frozenset[CitationRef]
    facts: dict[str, Fact]
    where: str = ""  # file:line, when read from YAML

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()), self.id)


def canonical(value: Value) -> Value:
    """A value as RDF has it, whoever read it: a plain or language-tagged text has no datatype (the loader may name
    xsd:string; an export's N-Triples never does)."""
    if value.kind == "literal" and (value.lang or value.datatype in (None, XSD + "string", RDF + "langString")):
        return Value("literal", value.text, None, value.lang or None)
    return value


def _citation_ref(model: Model, c: Citation) -> CitationRef:
    source = model.entities.get(c.source)
    section = source.sections.get(c.section) if source is not None and c.section else None
    heading = section.heading if section is not None else (c.section or "")
    title = (source.labels.get("en") or next(iter(source.labels.values()), source.id)) if source else c.source
    parts = [title] + ([f"§ {heading}"] if heading else []) + ([f"¶ {c.paragraph}"] if c.paragraph else [])
    return CitationRef(c.source, heading, c.paragraph or 0, ", ".join(parts))


def _fact(model: Model, st: Statement, assessment: str | None) -> Fact:
    kind = "error" if st.error and assessment is None else (assessment or "")
    notes = tuple(sorted({n for n in (st.note, st.error if kind in ("error", "correction") else None) if n}))
    return Fact(statement_iri(st, assessment), st.subject, st.predicate, canonical(st.value),
                tuple(sorted((name, canonical(v)) for name, v in st.qualifiers.items())), kind,
                frozenset(_citation_ref(model, c) for c in st.citations), notes, st)


def entity_state(model: Model, entity: Entity, citation_model: Model | None = None) -> EntityState:
    """The entity as the diff sees it; citations are written out with the sources of `citation_model` (by default
    `model`), which must hold the cited sources."""
    sources = citation_model or model
    facts: dict[str, Fact] = {}
    for st in entity.statements:
        fact = _fact(sources, st, None)
        facts[fact.iri] = _merged(facts.get(fact.iri), fact)
        if st.error and st.correction is not None:
            fact = _fact(sources, st.correction, "correction")
            facts[fact.iri] = _merged(facts.get(fact.iri), fact)
    return EntityState(
        id=entity.id, type=entity.type, labels=dict(entity.labels),
        aliases={lang: tuple(sorted(names)) for lang, names in entity.aliases.items() if names},  # a set in RDF
        descriptions=dict(entity.descriptions), note=entity.note or "", same_as=tuple(entity.same_as),
        citations=frozenset(_citation_ref(sources, c) for c in entity.citations), facts=facts,
        where=f"{entity.pos.file}:{entity.pos.line}" if entity.pos.file else "",
    )


def _merged(old: Fact | None, new: Fact) -> Fact:
    """A statement written twice is one node with both citations (as the compiler makes it)."""
    if old is None:
        return new
    return Fact(new.iri, new.subject, new.predicate, new.value, new.qualifiers, new.kind,
                old.citations | new.citations, tuple(sorted(set(old.notes) | set(new.notes))), new.statement)


# ---------------------------------------------------------------------------------------------- from N-Triples

_STRUCTURE = {RDF + "type", RDF + "subject", RDF + "predicate", RDF + "object", PROV + "wasDerivedFrom",
              KG + "curatorNote", KG + "assessment", KG + "correctedBy"}


def _value(term) -> Value:  # noqa: ANN001 - a pyoxigraph term
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        iri = term.value
        return Value("entity", iri[len(MX):]) if iri.startswith(MX) else Value("concept", iri)
    datatype = term.datatype.value if term.language is None else None
    if datatype == XSD + "string":
        datatype = None
    return Value("literal", term.value, datatype, term.language)


def states_from_ntriples(path: Path) -> dict[str, EntityState]:
    """Every entity of an export's N-Triples (`mxsec.nt`), as the diff sees it."""
    import pyoxigraph

    by_subject: dict[str, list[tuple[str, object]]] = {}
    with path.open("rb") as stream:
        for triple in pyoxigraph.parse(stream, pyoxigraph.RdfFormat.N_TRIPLES):
            if isinstance(triple.subject, pyoxigraph.NamedNode):
                by_subject.setdefault(triple.subject.value, []).append((triple.predicate.value, triple.object))

    citations: dict[str, CitationRef] = {}
    titles = {s[len(MX):]: o.value for s, pos in by_subject.items() if s.startswith(MX)
              for p, o in pos if p == RDFS + "label" and getattr(o, "language", None) == "en"}
    for subject, pairs in by_subject.items():
        if not subject.startswith(CIT):
            continue
        values = dict(pairs)
        source = values[KG + "source"].value[len(MX):]
        heading = values[KG + "section"].value if KG + "section" in values else ""
        paragraph = int(values[KG + "paragraph"].value) if KG + "paragraph" in values else 0
        parts = [titles.get(source, source)] + ([values[KG + "locator"].value] if KG + "locator" in values else [])
        citations[subject] = CitationRef(source, heading, paragraph, ", ".join(parts))

    states: dict[str, EntityState] = {}
    for subject, pairs in sorted(by_subject.items()):
        if not subject.startswith(MX):
            continue
        type_name = next((o.value[len(KG):] for p, o in pairs if p == RDF + "type" and o.value.startswith(KG)), "")
        labels = {o.language: o.value for p, o in pairs if p == RDFS + "label"}
        aliases: dict[str, list[str]] = {}
        for p, o in pairs:
            if p == SKOS + "altLabel":
                aliases.setdefault(o.language or "", []).append(o.value)
        states[subject[len(MX):]] = EntityState(
            id=subject[len(MX):], type=type_name, labels=labels,
            aliases={lang: tuple(sorted(names)) for lang, names in aliases.items()},
            descriptions={o.language: o.value for p, o in pairs if p == SCHEMA + "description"},
            note=next((o.value for p, o in pairs if p == KG + "curatorNote"), ""),
            same_as=tuple(sorted(o.value[len(WD):] for p, o in pairs if p == OWL + "sameAs")),
            citations=frozenset(citations[o.value] for p, o in pairs
                                if p == PROV + "wasDerivedFrom" and o.value in citations),
            facts={},
        )
    for subject, pairs in by_subject.items():
        if not subject.startswith(ST):
            continue
        values: dict[str, list] = {}
        for p, o in pairs:
            values.setdefault(p, []).append(o)
        entity = values[RDF + "subject"][0].value[len(MX):]
        predicate = values[RDF + "predicate"][0].value[len(KG):]
        value = _value(values[RDF + "object"][0])
        qualifiers = tuple(sorted((p[len(KG):], _value(os[0])) for p, os in values.items()
                                  if p not in _STRUCTURE and p.startswith(KG)))
        assessment = values.get(KG + "assessment", [None])[0]
        kind = {KGC + "source-error": "error", KGC + "correction": "correction"}.get(
            assessment.value if assessment is not None else "", "")
        notes = tuple(sorted(o.value for o in values.get(KG + "curatorNote", ())))
        statement = Statement(entity, predicate, value, [], NOWHERE, dict(qualifiers),
                              error=" ".join(notes) or "source error" if kind == "error" else None)
        fact = Fact(subject, entity, predicate, value, qualifiers, kind,
                    frozenset(citations[o.value] for o in values.get(PROV + "wasDerivedFrom", ())
                              if o.value in citations),
                    notes, statement)
        if entity in states:
            states[entity].facts[subject] = fact
    return states

