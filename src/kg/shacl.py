"""SHACL validation of the compiled graph, each violation reported at the YAML line of its focus node."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import SH

from .compiler import CompiledGraph
from .namespaces import shorten
from .ontology import ONTOLOGY_DIR
from .problems import Pos, Problems

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


def validate_shapes(compiled: CompiledGraph, data: rdflib.Graph, problems: Problems,
                    shapes_file: Path = SHAPES_FILE) -> None:
    """Run the shapes over `data` (the compiled graph as rdflib) and report every result."""
    from pyshacl import validate  # imported here: it costs ~0.3 s and only this step needs it

    shapes = rdflib.Graph().parse(shapes_file, format="turtle")
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    if conforms:
        return
    seen = set()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        shape = results.value(result, SH.sourceShape)
        pos = compiled.positions.get(str(focus)) or Pos("<graph>", 1, 1)
        what = shorten(str(focus)) if isinstance(focus, rdflib.URIRef) else str(focus)
        path_text = f" ({shorten(str(path))})" if isinstance(path, rdflib.URIRef) else ""
        rule = "shacl:" + (shorten(str(shape)).split(":", 1)[-1] if isinstance(shape, rdflib.URIRef) else "shape")
        text = f"{what}: {message or 'violates ' + rule}{path_text}"
        if (pos, text) in seen:
            continue
        seen.add((pos, text))
        if severity == SH.Violation:
            problems.error(pos, rule, text)
        else:
            problems.warning(pos, rule, text)
