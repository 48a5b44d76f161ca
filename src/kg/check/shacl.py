"""SHACL validation of the compiled graph, each violation reported at the YAML line of its focus node.

It takes the graph as data (its N-Triples text, a pyoxigraph Store, or an rdflib Graph) and the YAML position of each
subject IRI, not the compiler's types: checks stay upstream of the compiler. The engine is pyshacl-turbo (Rust,
pySHACL's API and report): at a million triples ~4× faster than pySHACL, with the same results (tests compare the two),
so every graph is checked in full whatever its size. Given the N-Triples text, turbo parses it natively, as it does the
dump of an Oxigraph store, without the store being made first (at a million triples that saved ~6 s and ~300 MB).
`engine="pyshacl"` runs pySHACL itself."""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.namespaces import shorten
from ..core.problems import Pos, Problem, Problems
from ..load.vocabulary import ONTOLOGY_DIR

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
SHACL_ENGINES = ("auto", "turbo", "pyshacl")
_SH = "http://www.w3.org/ns/shacl#"


def validate_shapes(
    positions: Mapping[str, Pos], data: Any, problems: Problems, shapes_file: Path = SHAPES_FILE,
    engine: str = "auto",
) -> None:
    """Run the shapes over `data` (the compiled graph: its N-Triples text, a pyoxigraph Store, or an rdflib Graph) and
    report every result at `positions[iri]`; results are reported in a stable order, each (position, text) once."""
    problems.items.extend(shape_findings(positions, data, shapes_file, engine).problems())


@dataclass(frozen=True, order=True)
class Finding:
    """One result of the shapes: its severity, where its focus node was written, the rule and the message (which
    names the focus node), and the focus node's IRI."""

    severity: str
    pos: Pos
    rule: str
    text: str
    focus: str


@dataclass
class Findings:
    """Every result of a run of the shapes, by focus node: what a later build keeps for the nodes an edit left alone."""

    items: list[Finding] = field(default_factory=list)
    checked: int | None = None  # how many nodes a run after an edit checked again (None: the whole graph)

    def problems(self) -> list[Problem]:
        """The problems to report: in a stable order, each (position, text) once."""
        out, seen = [], set()
        for finding in sorted(self.items):
            if (finding.pos, finding.text) in seen:
                continue
            seen.add((finding.pos, finding.text))
            out.append(Problem(finding.severity, finding.pos, finding.text, finding.rule))
        return out


def shape_findings(positions: Mapping[str, Pos], data: Any, shapes_file: Path = SHAPES_FILE,
                   engine: str = "auto", focus: Container[str] | None = None) -> Findings:
    """Run the shapes over `data` (as validate_shapes takes it, or its sorted N-Triples lines); with `focus`, keep
    only the results about those nodes. `auto` checks the shapes in one pass over the lines (kg.check.shapes_pass)
    when they are simple enough for it, else with pyshacl-turbo."""
    if engine == "auto":
        from .shapes_pass import compile_shapes, lines_of, pass_findings

        lines = lines_of(data)
        shapes = compile_shapes(shapes_file) if lines is not None else None
        if shapes is not None:
            return Findings([Finding(*found) for found in pass_findings(shapes, lines, positions, focus)])
        engine = "turbo"
        if isinstance(data, list):
            data = "".join(line + "\n" for line in data)
    import rdflib  # imported here, with the engines: only this step needs them

    if engine == "turbo":
        from pyshacl_turbo import validate

        if isinstance(data, str):
            data = _turbo_input(data)
    elif engine == "pyshacl":
        from pyshacl import validate

        if not isinstance(data, rdflib.Graph):
            data = _as_rdflib(data)
    else:
        raise ValueError(f"unknown SHACL engine {engine!r} (choose from {', '.join(SHACL_ENGINES)})")
    shapes = rdflib.Graph().parse(shapes_file, format="turtle")
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    found = Findings()
    if conforms:
        return found
    sh = rdflib.Namespace(_SH)
    # Only the report's top-level results: nested ones (sh:detail, from sh:node) repeat them less clearly.
    for report in results.subjects(rdflib.RDF.type, sh.ValidationReport):
        for result in results.objects(report, sh.result):
            finding = _result(positions, results, result, sh)
            if focus is None or finding.focus in focus:
                found.items.append(finding)
    return found


def reach(shapes_file: Path = SHAPES_FILE) -> frozenset[str] | None:
    """The predicates whose values the shapes read one step away from a focus node (for `sh:class`, a value's
    rdf:type; for a shape applied to a value, the predicates of its paths): a node's findings depend only on its own
    triples and on its values' triples of these predicates. None when the shapes read further than that (longer or
    inverse paths, shapes nested two deep, targets found through other nodes, SPARQL constraints): then only a run
    over the whole graph gives every finding."""
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(_SH)
    graph = rdflib.Graph().parse(shapes_file, format="turtle")
    if any((None, p, None) in graph for p in (sh.targetObjectsOf, sh.sparql, sh.target)):
        return None
    deep: set[str] = set()

    def read(predicate: Any, depth: int) -> bool:
        """A node at `depth` from the focus has its `predicate` values read."""
        if depth == 1:
            deep.add(str(predicate))
        return depth <= 1

    def members(shape: Any) -> list:
        found = [m for c in (sh["or"], sh["and"], sh.xone) for ms in graph.objects(shape, c)
                 for m in Collection(graph, ms)]
        return found + list(graph.objects(shape, sh["not"]))

    def apply(shape: Any, depth: int) -> bool:
        """Whether applying `shape` to a node at `depth` reads nothing further than one step from the focus."""
        path = graph.value(shape, sh.path)
        if path is None:  # a node shape: its constraints are on the node itself
            return (all(apply(m, depth) for m in members(shape))
                    and (graph.value(shape, sh["class"]) is None or read(rdflib.RDF.type, depth))
                    and all(apply(t, depth) for t in graph.objects(shape, sh.node))
                    and all(apply(t, depth) for t in graph.objects(shape, sh.property)))
        if not isinstance(path, rdflib.URIRef) or not read(path, depth):
            return False  # a sequence, inverse or repeated path; or a path from too far
        values = depth + 1  # a property shape's other constraints are on the path's values
        return (all(apply(m, values) for m in members(shape))
                and (graph.value(shape, sh["class"]) is None or read(rdflib.RDF.type, values))
                and all(apply(t, values) for t in graph.objects(shape, sh.node))
                and all(apply(t, values) for t in graph.objects(shape, sh.qualifiedValueShape)))

    targeted = {s for p in (sh.targetClass, sh.targetNode, sh.targetSubjectsOf) for s in graph.subjects(p, None)}
    if not all(apply(shape, 0) for shape in targeted):
        return None
    return frozenset(deep)


def _turbo_input(ntriples: str) -> Any:
    """N-Triples text as pyshacl-turbo's native input, the form it gives an Oxigraph store's dump (N-Triples are
    N-Quads in the default graph). Text passed as a plain string would be taken for a path or a URL, or decoded into
    rdflib first (~10× slower)."""
    from pyshacl_turbo.rdf import Input

    return Input(ntriples, "oxigraph-nquads", None, {}, preserve_ids=True)


def _as_rdflib(data: Any) -> Any:
    """An Oxigraph store's triples, or N-Triples text, as an rdflib Graph (for pySHACL, which needs one)."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(data, str):
        text = data
    else:
        text = data.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
    return rdflib.Graph().parse(data=text, format="nt")


def _result(positions: Mapping[str, Pos], results: Any, result: Any, sh: Any) -> Finding:
    """One validation result: its severity, the position of its focus node, rule, message and focus node."""
    import rdflib

    focus = results.value(result, sh.focusNode)
    message = results.value(result, sh.resultMessage)
    path = results.value(result, sh.resultPath)
    shape = results.value(result, sh.sourceShape)
    pos = positions.get(str(focus)) or Pos("<graph>", 1, 1)
    what = shorten(str(focus)) if isinstance(focus, rdflib.URIRef) else str(focus)
    path_text = f" ({shorten(str(path))})" if isinstance(path, rdflib.URIRef) else ""
    rule = "shacl:" + (str(shape).rsplit("#", 1)[-1] if isinstance(shape, rdflib.URIRef) else "shape")
    text = f"{what}: {message or 'violates ' + rule}{path_text}"
    severity = "error" if results.value(result, sh.resultSeverity) == sh.Violation else "warning"
    return Finding(severity, pos, rule, text, str(focus))
