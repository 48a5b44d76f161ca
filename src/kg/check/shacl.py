"""SHACL validation of the compiled graph, each violation reported at the YAML line of its focus node.

It takes the graph as rdflib data and the YAML position of each subject IRI, not the compiler's types: checks stay
upstream of the compiler."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import rdflib
from rdflib.namespace import SH

from ..core.namespaces import shorten
from ..core.problems import Pos, Problems
from ..load.vocabulary import ONTOLOGY_DIR

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


def validate_shapes(
    positions: Mapping[str, Pos], data: rdflib.Graph, problems: Problems, shapes_file: Path = SHAPES_FILE
) -> None:
    """Run the shapes over `data` (the compiled graph as rdflib) and report every result at `positions[iri]`."""
    from pyshacl import validate  # imported here: it costs ~0.3 s and only this step needs it

    shapes = rdflib.Graph().parse(shapes_file, format="turtle")
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    if conforms:
        return
    seen = set()
    # Only the report's top-level results: nested ones (sh:detail, from sh:node) repeat them less clearly.
    for report in results.subjects(rdflib.RDF.type, SH.ValidationReport):
        for result in results.objects(report, SH.result):
            _report_result(positions, results, result, problems, seen)


def _report_result(positions: Mapping[str, Pos], results: rdflib.Graph, result, problems: Problems, seen: set) -> None:
    """One validation result as a problem at the YAML position of its focus node."""
    focus = results.value(result, SH.focusNode)
    message = results.value(result, SH.resultMessage)
    path = results.value(result, SH.resultPath)
    shape = results.value(result, SH.sourceShape)
    pos = positions.get(str(focus)) or Pos("<graph>", 1, 1)
    what = shorten(str(focus)) if isinstance(focus, rdflib.URIRef) else str(focus)
    path_text = f" ({shorten(str(path))})" if isinstance(path, rdflib.URIRef) else ""
    rule = "shacl:" + (str(shape).rsplit("#", 1)[-1] if isinstance(shape, rdflib.URIRef) else "shape")
    text = f"{what}: {message or 'violates ' + rule}{path_text}"
    if (pos, text) in seen:
        return
    seen.add((pos, text))
    if results.value(result, SH.resultSeverity) == SH.Violation:
        problems.error(pos, rule, text)
    else:
        problems.warning(pos, rule, text)
