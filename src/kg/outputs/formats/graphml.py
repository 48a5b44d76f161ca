"""GraphML (NetworkX, Gephi, yEd, Cytoscape): the network projection, one typed <key> per attribute."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ...core.display import canonical_number
from . import EXPORT_NAME, ExportFormat, ExportInputs, Files

if TYPE_CHECKING:
    import networkx as nx


def graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML with one typed <key> per attribute and the statement IRI as each edge's id."""
    from networkx.readwrite.graphml import GraphMLWriter

    writer = GraphMLWriter(encoding="utf-8", prettyprint=True, edge_id_from_attribute="statement")
    writer.add_graph_element(graph)
    doubles = {key.get("id") for key in writer.xml.iter("key") if key.get("attr.type") in ("double", "float")}
    for data in writer.xml.iter("data"):
        if data.get("key") in doubles and data.text:
            data.text = canonical_number(data.text)
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue() + b"\n"



def _render(inputs: ExportInputs) -> Files:
    from ..portable import portable

    return {EXPORT_NAME + ".graphml": [graphml(portable(inputs.projection, inputs.vocab))]}


FORMAT = ExportFormat("graphml", "GraphML of the network (NetworkX, Gephi, yEd)", (EXPORT_NAME + ".graphml",),
                      "graphml", _render, network=True)
