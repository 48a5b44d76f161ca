"""SHACL validation of the compiled graph, each violation reported at the YAML line of its focus node.

It takes the graph as data (its N-Triples text, a pyoxigraph Store, or an rdflib Graph) and the YAML position of each
subject IRI, not the compiler's types: checks stay upstream of the compiler. The engine is pyshacl-turbo (Rust,
pySHACL's API and report): at a million triples ~4× faster than pySHACL, with the same results (tests compare the two),
so every graph is checked in full whatever its size. Given the N-Triples text, turbo parses it natively, as it does the
dump of an Oxigraph store, without the store being made first (at a million triples that saved ~6 s and ~300 MB).
`engine="pyshacl"` runs pySHACL itself."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core.namespaces import shorten
from ..core.problems import Pos, Problems
from ..load.vocabulary import ONTOLOGY_DIR

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
SHACL_ENGINES = ("turbo", "pyshacl")
_SH = "http://www.w3.org/ns/shacl#"


def validate_shapes(
    positions: Mapping[str, Pos], data: Any, problems: Problems, shapes_file: Path = SHAPES_FILE,
    engine: str = "turbo",
) -> None:
    """Run the shapes over `data` (the compiled graph: its N-Triples text, a pyoxigraph Store, or an rdflib Graph) and
    report every result at `positions[iri]`; results are reported in a stable order, each (position, text) once."""
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
    if conforms:
        return
    sh = rdflib.Namespace(_SH)
    found = []
    # Only the report's top-level results: nested ones (sh:detail, from sh:node) repeat them less clearly.
    for report in results.subjects(rdflib.RDF.type, sh.ValidationReport):
        for result in results.objects(report, sh.result):
            found.append(_result(positions, results, result, sh))
    seen = set()
    for severity, pos, rule, text in sorted(found):
        if (pos, text) in seen:
            continue
        seen.add((pos, text))
        (problems.error if severity == "error" else problems.warning)(pos, rule, text)


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


def _result(positions: Mapping[str, Pos], results: Any, result: Any, sh: Any) -> tuple[str, Pos, str, str]:
    """One validation result as (severity, position of its focus node, rule, message)."""
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
    return severity, pos, rule, text
