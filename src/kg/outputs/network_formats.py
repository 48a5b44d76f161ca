"""The projection as files other tools open: GraphML and GEXF (NetworkX, Gephi, Cytoscape) and CSV (spreadsheets).

Every format is rendered to bytes in memory, identical for the same YAML: nodes sorted by id, edges by (source, target,
statement IRI), attributes by name, no timestamps. Attribute values are scalars (several values of one property are
joined with "; "); a number property becomes a numeric column only where every value in the graph is one number, so
a column has one type throughout. The RDF formats are the build's own (kg.outputs.rdf_exports).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from xml.etree.ElementTree import SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from ..compile.compiler import CompiledGraph
from ..core.display import canonical_number
from ..load.vocabulary import Vocabulary
from .class_styles import class_color
from .rdf_exports import EXPORT_NAME, WRITERS

RDF_FORMATS = tuple(WRITERS)  # ttl, nt, jsonld
SUFFIXES = {"graphml": ".graphml", "gexf": ".gexf", **{f: suffix for f, (suffix, _) in WRITERS.items()}}

# Columns that lead the CSV files, in this order; every other attribute follows in name order. Gephi's spreadsheet
# import recognises `id` and `label` for nodes and `source`, `target` and `label` for edges.
NODE_COLUMNS = ("id", "label", "label_es", "type", "group", "description", "description_es", "aliases", "iri",
                "sources")
EDGE_COLUMNS = ("source", "target", "label", "predicate", "label_es", "sources", "citations", "assessment", "note",
                "statement")

# GEXF gives `start` and `end` a meaning of its own (Gephi's timeline, which cannot hold a year-only date), so the
# statement qualifiers travel under these names in GEXF files.
GEXF_RENAMED = {"start": "start_date", "end": "end_date"}


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


def graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML with one typed <key> per attribute and the statement IRI as each edge's id."""
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True, edge_id_from_attribute="statement")
    writer.add_graph_element(graph)
    doubles = {key.get("id") for key in writer.xml.iter("key") if key.get("attr.type") in ("double", "float")}
    for data in writer.xml.iter("data"):
        if data.get("key") in doubles and data.text:
            data.text = canonical_number(data.text)
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue() + b"\n"


def gexf(graph: nx.MultiDiGraph, vocab: Vocabulary) -> bytes:
    """GEXF 1.2 with each node coloured as its class is in the HTML view, and no write date (same bytes every day)."""
    colored = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = dict(data)
        color = class_color(vocab, data.get("type", ""))
        if color:
            attrs["viz"] = {"color": {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16),
                                      "a": 1.0}}
        colored.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {GEXF_RENAMED.get(k, k): value for k, value in data.items()}
        colored.add_edge(u, v, key=key, id=key, **attrs)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        for child in list(meta):
            meta.remove(child)
        SubElement(meta, "creator").text = f"mxsec-kg with NetworkX {nx.__version__}"
        description = SubElement(meta, "description")
        description.text = "Mexico security knowledge graph: entities, and one edge per sourced statement"
    writer.add_graph(colored)
    _drop_networkx_key(writer.xml)
    doubles = {a.get("id") for a in writer.xml.iter("attribute") if a.get("type") in ("double", "float")}
    for value in writer.xml.iter("attvalue"):
        if value.get("for") in doubles and value.get("value"):
            value.set("value", canonical_number(value.get("value")))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue() + b"\n"


def _drop_networkx_key(root) -> None:
    """Remove the `networkx_key` column NetworkX adds to a multigraph's edges: the edge id already is the statement."""
    for attributes in root.iter("attributes"):
        for attribute in list(attributes):
            if attribute.get("title") == "networkx_key":
                attributes.remove(attribute)
                for attvalues in root.iter("attvalues"):
                    for value in [v for v in attvalues if v.get("for") == attribute.get("id")]:
                        attvalues.remove(value)


def _csv(columns: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
    # The byte-order mark is how Excel knows the file is UTF-8 (without it, "Culiacán" shows as "CuliacÃ¡n").
    return buffer.getvalue().encode("utf-8-sig")


def _columns(leading: tuple[str, ...], rows: list[dict]) -> list[str]:
    present = {k for row in rows for k in row}
    return [c for c in leading if c in present or c in ("id", "source", "target")] + sorted(present - set(leading))


def csv_files(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    """`nodes.csv` (one row per entity) and `edges.csv` (one row per statement), each with a header row."""
    nodes = [{"id": n, **data} for n, data in graph.nodes(data=True)]
    edges = [{**data, "source": u, "target": v, "statement": key} for u, v, key, data in
             graph.edges(keys=True, data=True)]
    return {
        "nodes.csv": _csv(_columns(NODE_COLUMNS, nodes), nodes),
        "edges.csv": _csv(_columns(EDGE_COLUMNS, edges), edges),
    }


def render(fmt: str, graph: nx.MultiDiGraph | None, vocab: Vocabulary,
           compiled: CompiledGraph | None) -> dict[str, bytes]:
    """The files of one export format, by file name (one file, or nodes.csv and edges.csv)."""
    if fmt in RDF_FORMATS:
        assert compiled is not None
        return {EXPORT_NAME + SUFFIXES[fmt]: WRITERS[fmt][1](compiled)}
    assert graph is not None
    if fmt == "csv":
        return csv_files(portable(graph, vocab, typed=False))
    portable_graph = portable(graph, vocab)
    writers: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {
        "graphml": graphml,
        "gexf": lambda g: gexf(g, vocab),
    }
    return {EXPORT_NAME + SUFFIXES[fmt]: writers[fmt](portable_graph)}

