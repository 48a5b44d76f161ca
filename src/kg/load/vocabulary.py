"""The vocabulary, read from ontology/*.ttl: the one place that says which types, properties and values exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.namespaces import KG, KGC, XSD

if TYPE_CHECKING:
    import rdflib

ONTOLOGY_DIR = Path(__file__).resolve().parents[3] / "ontology"
VOCABULARY_FILES = ("kg.ttl", "schemes.ttl", "sesnsp.ttl")

_NUMBER_TYPES = {
    XSD + "decimal": "decimal",
    XSD + "integer": "integer",
    XSD + "nonNegativeInteger": "nonNegativeInteger",
    XSD + "positiveInteger": "positiveInteger",
}


@dataclass(frozen=True)
class ClassDef:
    name: str
    iri: str
    parents: tuple[str, ...]  # kg superclasses, by local name
    labels: dict[str, str]
    definition: str
    color: str | None
    shape: str | None


@dataclass(frozen=True)
class PropertyDef:
    name: str
    iri: str
    kind: str  # entity | concept | temporal | number | string | langstring
    domain: str | None  # kg class local name
    range: str | None  # kg class (entity), scheme IRI (concept) or datatype IRI (number)
    qualifier: bool
    functional: bool
    labels: dict[str, str]
    definition: str
    compared_across_sources: bool = False  # kg:comparedAcrossSources: single-valued, so two values disagree


@dataclass(frozen=True)
class Concept:
    name: str
    iri: str
    schemes: tuple[str, ...]
    labels: dict[str, str]
    broader: str | None
    alt_labels: tuple[str, ...] = ()  # skos:altLabel: other words for it, for finding it in a text


@dataclass
class Vocabulary:
    classes: dict[str, ClassDef] = field(default_factory=dict)
    properties: dict[str, PropertyDef] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    # The ontology as rdflib data (rdflib is imported only by load_vocabulary, which sets it: it is slow to import).
    graph: rdflib.Graph | Any = None

    def is_a(self, cls: str, ancestor: str) -> bool:
        return ancestor in self._ancestors.get(cls, ())

    def label(self, name: str, lang: str = "en") -> str:
        """How a concept (or a unit, status, bound or hedge named by one) reads in `lang`: its label, or the name
        itself when the vocabulary has no concept of that name (a unit written as text)."""
        concept = self.concepts.get(name)
        if concept is None:
            return name
        return concept.labels.get(lang) or concept.labels.get("en") or name

    def concepts_in(self, scheme_iri: str) -> dict[str, Concept]:
        return {n: c for n, c in self.concepts.items() if scheme_iri in c.schemes}

    @cached_property
    def _ancestors(self) -> dict[str, set[str]]:
        result: dict[str, set[str]] = {}

        def walk(name: str) -> set[str]:
            if name not in result:
                result[name] = {name}
                for parent in self.classes[name].parents:
                    result[name] |= walk(parent)
            return result[name]

        for name in self.classes:
            walk(name)
        return result

    @property
    def qualifiers(self) -> dict[str, PropertyDef]:
        return {n: p for n, p in self.properties.items() if p.qualifier}


def _local(iri: str, ns: str) -> str | None:
    return iri[len(ns) :] if iri.startswith(ns) else None


def _labels(g: rdflib.Graph, s, prop=None) -> dict[str, str]:
    from rdflib.namespace import RDFS

    return {o.language or "": str(o) for o in g.objects(s, RDFS.label if prop is None else prop)}


def load_vocabulary(directory: Path = ONTOLOGY_DIR) -> Vocabulary:
    """Read the ontology and concept schemes into lookup tables."""
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    g = rdflib.Graph()
    for name in VOCABULARY_FILES:
        g.parse(directory / name, format="turtle")
    vocab = Vocabulary(graph=g)
    for s in sorted(g.subjects(RDF.type, OWL.Class)):
        name = _local(str(s), KG)
        if name is None or name == "QualifierProperty":
            continue
        parents = tuple(sorted(p for o in g.objects(s, RDFS.subClassOf) if (p := _local(str(o), KG)) is not None))
        color = g.value(s, rdflib.URIRef(KG + "color"))
        shape = g.value(s, rdflib.URIRef(KG + "shape"))
        vocab.classes[name] = ClassDef(
            name,
            str(s),
            parents,
            _labels(g, s),
            str(g.value(s, SKOS.definition) or ""),
            str(color) if color else None,
            str(shape) if shape else None,
        )
    qualifier_class = rdflib.URIRef(KG + "QualifierProperty")
    range_scheme = rdflib.URIRef(KG + "rangeScheme")
    for s in sorted(set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))):
        name = _local(str(s), KG)
        if name is None:
            continue
        rng = g.value(s, RDFS.range)
        scheme = g.value(s, range_scheme)
        domain = g.value(s, RDFS.domain)
        if scheme is not None:
            kind, range_ = "concept", str(scheme)
        elif (s, RDF.type, OWL.ObjectProperty) in g:
            kind, range_ = "entity", _local(str(rng), KG) if rng is not None else None
        elif rng is not None and str(rng) == KG + "TemporalValue":
            kind, range_ = "temporal", None
        elif rng is not None and str(rng) in _NUMBER_TYPES:
            kind, range_ = "number", str(rng)
        elif rng == RDF.langString:
            kind, range_ = "langstring", None
        else:  # text; an xsd:anyURI range is kept so that the reader accepts only web addresses
            kind, range_ = "string", (str(rng) if rng is not None and str(rng) == XSD + "anyURI" else None)
        vocab.properties[name] = PropertyDef(
            name,
            str(s),
            kind,
            _local(str(domain), KG) if domain is not None else None,
            range_,
            (s, RDF.type, qualifier_class) in g,
            (s, RDF.type, OWL.FunctionalProperty) in g,
            _labels(g, s),
            str(g.value(s, SKOS.definition) or ""),
            bool(g.value(s, rdflib.URIRef(KG + "comparedAcrossSources"))),
        )
    for s in sorted(g.subjects(RDF.type, SKOS.Concept)):
        name = _local(str(s), KGC)
        if name is None:
            continue
        broader = g.value(s, SKOS.broader)
        vocab.concepts[name] = Concept(
            name,
            str(s),
            tuple(sorted(str(o) for o in g.objects(s, SKOS.inScheme))),
            _labels(g, s, SKOS.prefLabel),
            _local(str(broader), KGC) if broader is not None else None,
            tuple(sorted(str(o) for o in g.objects(s, SKOS.altLabel))),
        )
    return vocab
