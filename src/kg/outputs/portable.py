"""The network projection made fit for file formats (GraphML, GEXF, CSV, the workbook): sorted, scalar values only.

Every such file is rendered to bytes in memory, identical for the same YAML: nodes sorted by id, edges by (source,
target, statement IRI), attributes by name, no timestamps. Attribute values are scalars (several values of one property
are joined with "; "); a number property becomes a numeric column only where every value in the graph is one number,
so a column has one type throughout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.display import canonical_number
from ..load.vocabulary import Vocabulary

if TYPE_CHECKING:
    import networkx as nx

# Columns that lead the CSV files, in this order; every other attribute follows in name order. Gephi's spreadsheet
# import recognises `id` and `label` for nodes and `source`, `target` and `label` for edges.
NODE_COLUMNS = ("id", "label", "label_es", "type", "group", "description", "description_es", "aliases", "iri",
                "sources")
EDGE_COLUMNS = ("source", "target", "label", "predicate", "label_es", "sources", "citations", "assessment", "note",
                "statement")

def _number(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return None


def _numeric_names(items: list[dict], vocab: Vocabulary) -> dict[str, type]:
    """Attributes named by a number property whose every value in `items` is one number: name → int or float."""
    found: dict[str, type] = {}
    names = {k for data in items for k in data if k in vocab.properties and vocab.properties[k].kind == "number"}
    for name in sorted(names):
        values = [_number(str(data[name])) for data in items if name in data]
        if values and all(v is not None for v in values):
            found[name] = int if all(isinstance(v, int) for v in values) else float
    return found


def portable(graph: nx.MultiDiGraph, vocab: Vocabulary, *, typed: bool = True) -> nx.MultiDiGraph:
    """A copy of the projection fit for file formats: sorted, scalar values only, no None; numbers typed if `typed`
    (XML formats declare a type per attribute; CSV keeps the numbers as the curators wrote them)."""
    import networkx as nx

    nodes = [(n, graph.nodes[n]) for n in sorted(graph.nodes)]
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    node_numbers = _numeric_names([d for _, d in nodes], vocab) if typed else {}
    edge_numbers = _numeric_names([d for *_, d in edges], vocab) if typed else {}
    number_props = {name for name, prop in vocab.properties.items() if prop.kind == "number"}

    def clean(data: dict, numbers: dict[str, type]) -> dict:
        out = {}
        for name in sorted(data):
            value = data[name]
            if value is None:
                continue
            if name in numbers:
                value = numbers[name](canonical_number(str(value)))
            elif name in number_props and isinstance(value, str):
                # The loader keeps xsd:decimal's lexical form (`28870.0`); files show the number as written.
                value = "; ".join(canonical_number(part) for part in value.split("; "))
            elif not isinstance(value, bool | int | float | str):
                value = str(value)
            out[name] = value
        return out

    result = nx.MultiDiGraph()
    for node, data in nodes:
        result.add_node(node, **clean(data, node_numbers))
    for u, v, key, data in edges:
        result.add_edge(u, v, key=key, **clean(data, edge_numbers))
    return result
