"""The IRIs the project mints and the prefixes every output binds."""

from __future__ import annotations

BASE = "https://w3id.org/mxsec/"
KG = BASE + "ontology#"
KGC = BASE + "concept/"
MX = BASE + "id/"
ST = BASE + "statement/"
CIT = BASE + "citation/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
WD = "http://www.wikidata.org/entity/"

# Order matters only for readability of the Turtle header; every output binds exactly these.
PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgc": KGC,
    "mx": MX,
    "st": ST,
    "cit": CIT,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "wd": WD,
}

RDF_TYPE = RDF + "type"


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, to prepend to user queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def shorten(iri: str) -> str:
    """The prefixed name of an IRI where a project prefix covers it, else the IRI in angle brackets."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, prefix
    if best:
        return f"{name}:{iri[len(best) :]}"
    return f"<{iri}>"
