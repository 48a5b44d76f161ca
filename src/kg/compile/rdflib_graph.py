"""The compiled graph as an rdflib Graph: what the rdflib query engine and rdflib-based tools are given.

Oxigraph parses the N-Triples and rdflib only stores the terms: rdflib's own N-Triples parser is quadratic in the
length of one literal (a 4 MB description took minutes). Literals keep their lexical form as written ("28870", not
rdflib's normalised "28870.0"), so every engine prints the data's own values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.namespaces import PREFIXES, XSD
from .compiler import CompiledGraph

if TYPE_CHECKING:
    import rdflib

_XSD_STRING = XSD + "string"


def rdflib_graph(compiled: CompiledGraph) -> rdflib.Graph:
    """The graph (data and vocabulary) in an rdflib Graph with the project's prefixes bound."""
    import pyoxigraph as ox
    import rdflib

    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    uri, literal, bnode = rdflib.URIRef, rdflib.Literal, rdflib.BNode
    named, lit = ox.NamedNode, ox.Literal
    terms: dict = {}

    def convert(term):
        found = terms.get(term)
        if found is None:
            if isinstance(term, named):
                found = uri(term.value)
            elif isinstance(term, lit):
                if term.language:
                    found = literal(term.value, lang=term.language)
                else:
                    datatype = term.datatype.value
                    found = literal(term.value, datatype=None if datatype == _XSD_STRING else uri(datatype))
            else:
                found = bnode(term.value)
            terms[term] = found
        return found

    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        triples = ox.parse(b"".join(compiled.ntriples_chunks()), format=ox.RdfFormat.N_TRIPLES)
        graph.addN((convert(t.subject), convert(t.predicate), convert(t.object), graph) for t in triples)
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
    return graph
