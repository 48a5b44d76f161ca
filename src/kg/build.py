"""The pipeline: load → check → compile → validate shapes. Every step reports into one Problems list."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import rdflib

from .checks import check_model
from .compiler import CompiledGraph, compile_model, ontology_ntriples
from .model import Model
from .ontology import Vocabulary, load_vocabulary
from .problems import Problems, ValidationFailed
from .reader import read_graph

DEFAULT_GRAPH_DIR = Path("graph")
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
        return to_rdflib(self.compiled)


def to_rdflib(compiled: CompiledGraph) -> rdflib.Graph:
    from .namespaces import PREFIXES

    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    graph.parse(data=compiled.ntriples(), format="nt")
    return graph


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
        from .shacl import validate_shapes

        validate_shapes(result.compiled, result.rdflib_graph, problems)
        lap("shacl")
    return result


def build_graph(graph_dir: Path = DEFAULT_GRAPH_DIR) -> rdflib.Graph:
    """The validated graph as rdflib; raises ValidationFailed (carrying every problem) if it has errors."""
    result = check_graph(graph_dir)
    if not result.ok:
        raise ValidationFailed(result.problems)
    return result.rdflib_graph
