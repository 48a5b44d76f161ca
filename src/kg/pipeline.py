"""The pipeline: load → check → compile → validate shapes. Every step reports into one Problems list."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import rdflib

from .check.model_checks import check_model
from .compile.compiler import CompiledGraph, compile_model, ontology_ntriples
from .core.model import Model
from .core.problems import Pos, Problems, ValidationFailed
from .load.reader import read_graph
from .load.vocabulary import Vocabulary, load_vocabulary

DEFAULT_GRAPH_DIR = Path("graph")
# pyshacl needs the graph in rdflib and takes ~45 µs a triple, with ~1.3 KB a triple of memory: above this size the
# shapes are skipped (with a warning) unless the variable says otherwise. docs/benchmarks.md has the figures.
SHACL_MAX_TRIPLES = 200_000
SHACL_LIMIT_VARIABLE = "KG_SHACL_MAX_TRIPLES"
DEFAULT_OUT_DIR = Path("exports")


@dataclass
class BuildResult:
    vocab: Vocabulary
    model: Model
    problems: Problems
    compiled: CompiledGraph | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems.errors and self.compiled is not None

    @cached_property
    def rdflib_graph(self) -> rdflib.Graph:
        """The compiled graph (data and vocabulary) as an rdflib Graph with the project's prefixes bound."""
        assert self.compiled is not None
        with paused_gc():
            return to_rdflib(self.compiled)


def to_rdflib(compiled: CompiledGraph) -> rdflib.Graph:
    from .core.namespaces import PREFIXES

    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    # Oxigraph parses and rdflib only stores: rdflib's own N-Triples parser is quadratic in the length of one literal
    # (a 4 MB description took minutes).
    graph.addN(
        (_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object), graph)
        for t in _oxigraph_triples(compiled)
    )
    return graph


def _oxigraph_triples(compiled: CompiledGraph):
    import pyoxigraph as ox

    return ox.parse(compiled.ntriples().encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(term) -> rdflib.term.Identifier:
    """The rdflib term rdflib's N-Triples parser would have made for an Oxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == _XSD_STRING else rdflib.URIRef(datatype))
    return rdflib.BNode(term.value)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made (nodes, values, triples).

    CPython runs a collection after every few hundred allocations, and each one walks every tracked object: on a large
    graph that was three quarters of the load time. Nothing the pipeline makes forms cycles, so reference counting
    frees it all the same.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def shacl_max_triples() -> int:
    """The largest graph (in triples) that SHACL validation runs on; 0 means no limit."""
    raw = os.environ.get(SHACL_LIMIT_VARIABLE, "").strip().replace("_", "")
    return int(raw) if raw.isdigit() else SHACL_MAX_TRIPLES


def check_graph(graph_dir: Path = DEFAULT_GRAPH_DIR, *, shapes: bool = True) -> BuildResult:
    """Read, check, compile and (with `shapes`) SHACL-validate the graph; problems are collected, never raised."""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = now - clock
        clock = now

    problems = Problems()
    vocab = load_vocabulary()
    lap("vocabulary")
    with paused_gc():
        model = read_graph(Path(graph_dir), vocab, problems)
        lap("load")
        check_model(model, vocab, problems)
        lap("check")
        result = BuildResult(vocab, model, problems, seconds=seconds)
        if problems.errors:
            return result
        result.compiled = compile_model(model, vocab, ontology_ntriples(vocab))
        lap("compile")
    if shapes:
        limit = shacl_max_triples()
        if limit and len(result.compiled) > limit:
            problems.warning(
                Pos(str(graph_dir), 1, 1),
                "shacl-skipped",
                f"SHACL shapes not checked: {len(result.compiled):,} triples is over the limit of {limit:,}"
                f" ({SHACL_LIMIT_VARIABLE}=0 checks them anyway, slowly; --no-shapes skips them without this warning)",
            )
            return result
        from .check.shacl import validate_shapes

        with paused_gc():
            validate_shapes(result.compiled.positions, result.rdflib_graph, problems)
        lap("shacl")
    return result


def build_graph(graph_dir: Path = DEFAULT_GRAPH_DIR) -> rdflib.Graph:
    """The validated graph as rdflib; raises ValidationFailed (carrying every problem) if it has errors."""
    result = check_graph(graph_dir)
    if not result.ok:
        raise ValidationFailed(result.problems)
    return result.rdflib_graph
