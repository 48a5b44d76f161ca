"""Beside outputs, query: takes a CompiledGraph or a remote SPARQL 1.1 endpoint; gives answers to SPARQL queries, from
the local engines (rdflib, Oxigraph), the named-query library in `queries/`, or a remote store it can publish to."""
