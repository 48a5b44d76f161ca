"""GEXF (Gephi): the network projection, each node coloured as its class is in the explorer, and dynamic: nodes and
edges carry spells (GEXF 1.3, `timeformat="date"`) from the statements' dates, precision turned into an interval
(kg.outputs.spells), so Gephi's timeline and NetworkX's reader both see when each relation held."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from xml.etree.ElementTree import SubElement

from ...core.display import canonical_number
from ...load.vocabulary import Vocabulary
from ..class_styles import class_color
from . import EXPORT_NAME, ExportFormat, ExportInputs, Files

# GEXF gives `start` and `end` a meaning of its own (Gephi's timeline, which cannot hold a year-only date: the spells
# carry the interval), so the statement qualifiers as written travel under these names in GEXF files.
GEXF_RENAMED = {"start": "start_date", "end": "end_date"}

if TYPE_CHECKING:
    import networkx as nx



def gexf(graph: nx.MultiDiGraph, vocab: Vocabulary, spells: tuple[dict, dict] | None = None) -> bytes:
    """GEXF 1.3 with each node coloured as its class is in the HTML view, spells from `spells` (entity id → Spell,
    statement IRI → Spell) where the data dates them, and no write date (same bytes every day)."""
    import networkx as nx
    from networkx.readwrite.gexf import GEXFWriter

    colored = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = dict(data)
        color = class_color(vocab, data.get("type", ""))
        if color:
            attrs["viz"] = {"color": {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16),
                                      "a": 1.0}}
        if spells is not None and node in spells[0]:
            attrs.update(_dynamic(spells[0][node]))
        colored.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {GEXF_RENAMED.get(k, k): value for k, value in data.items()}
        if spells is not None and key in spells[1]:
            attrs.update(_dynamic(spells[1][key]))
        colored.add_edge(u, v, key=key, id=key, **attrs)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.3")
    # NetworkX 3.6 spells the XML Schema instance namespace without `www.` for 1.3
    writer.xml.set("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
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


def _dynamic(spell) -> dict:  # noqa: ANN001 - a kg.outputs.spells.Spell
    """A node's or edge's spell, and the years known only to the year (Gephi can filter on them)."""
    out: dict = {"spells": [spell.gexf]}
    if spell.uncertain_years:
        out["uncertain_years"] = "; ".join(str(y) for y in sorted(spell.uncertain_years))
    return out


def _drop_networkx_key(root) -> None:
    """Remove the `networkx_key` column NetworkX adds to a multigraph's edges: the edge id already is the statement."""
    for attributes in root.iter("attributes"):
        for attribute in list(attributes):
            if attribute.get("title") == "networkx_key":
                attributes.remove(attribute)
                for attvalues in root.iter("attvalues"):
                    for value in [v for v in attvalues if v.get("for") == attribute.get("id")]:
                        attvalues.remove(value)



def _render(inputs: ExportInputs) -> Files:
    from ..portable import portable
    from ..spells import spells

    dated = spells(inputs.model, inputs.vocab) if inputs.model is not None else None  # a projection alone: static
    return {EXPORT_NAME + ".gexf": [gexf(portable(inputs.projection, inputs.vocab), inputs.vocab, dated)]}


FORMAT = ExportFormat("gexf", "GEXF 1.3 of the network, with spells for Gephi's timeline (Gephi, NetworkX)", (EXPORT_NAME + ".gexf",), "gexf", _render, network=True)
