"""The network (network.js draws it with vis-network): nodes styled by type and sized by links, labelled edges, the
options that keep the first drawing fast and readable, hubs left out of the layout, a focus entity's neighbourhood,
the legend, and for every drawn edge where its statement is, its sources and its dates."""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyvis

from ..core.errors import UserError
from ..core.model import Model
from ..core.terms import statement_iri
from ..load.vocabulary import Vocabulary
from ..outputs.class_styles import type_styles
from ..outputs.projection import top_class
from .common import labels
from .entities import cited_sources, statement_interval, statement_record

VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"

# Physics runs this many iterations before the first drawing, then is switched off (the page has a button to resume
# it): a 5,000-node graph would otherwise keep the browser busy for minutes.
STABILIZATION_ITERATIONS = 250
# vis-network's "improved layout" (Kamada-Kawai on clusters) gives small graphs a good start, but is slow and logs
# errors on large ones.
IMPROVED_LAYOUT_MAX_NODES = 150
# Above this, the drawing starts from initial_positions(), computed here, with physics off: the browser draws it at
# once (a usable first render within seconds at 5,000 nodes) and "Resume layout" refines it on request. Running even
# a capped stabilisation first costs ~0.1 s an iteration at that size.
HUGE_GRAPH_NODES = 1000
# Classes below this many links are never hubs; above it, a node is a hub when its degree passes HUB_FACTOR * sqrt(n).
HUB_MIN_DEGREE, HUB_FACTOR = 12, 3.0
HUB_CLASSES = ("Country",)


class FocusError(UserError, ValueError):
    """The --focus id names no drawn entity."""


def hub_nodes(graph: nx.MultiDiGraph, vocab: Vocabulary) -> set[str]:
    """Entities that link to so much that they tangle any picture: countries, and nodes whose degree is far above
    the graph's (at least HUB_MIN_DEGREE and HUB_FACTOR * sqrt(node count))."""
    threshold = max(HUB_MIN_DEGREE, HUB_FACTOR * math.sqrt(max(graph.number_of_nodes(), 1)))
    return {n for n, data in graph.nodes(data=True)
            if any(vocab.is_a(data["type"], c) for c in HUB_CLASSES if c in vocab.classes)
            or graph.degree(n) >= threshold}


def legend(vocab: Vocabulary, graph: nx.MultiDiGraph, styles: dict[str, tuple[str, str]] | None = None) -> list[dict]:
    """One row per type drawn, grouped under its broad class: a distinct colour and glyph, and a count."""
    counts = Counter(data["type"] for _, data in graph.nodes(data=True))
    styles = styles or type_styles(vocab, counts)
    rows = []
    for name, count in counts.items():
        color, shape = styles[name]
        rows.append({
            "type": name, "group": top_class(vocab, name), "color": color, "shape": shape, "count": count,
            "labels": labels(vocab.classes[name].labels, name),
        })
    return sorted(rows, key=lambda r: (r["group"], r["labels"]["en"].lower()))


def neighbourhood(graph: nx.MultiDiGraph, focus: str, depth: int, hubs: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The entities within `depth` links of `focus` (either direction), counted by paths that do not pass through a
    hub (hubs are left out; the focus itself is kept even if it is one), with every edge between them."""
    if focus not in graph:
        close = difflib.get_close_matches(focus, [str(n) for n in graph.nodes], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise FocusError(f"--focus: no entity '{focus}' in the network{hint}")
    hub_set = set(hubs)
    keep = [n for n in graph.nodes if n == focus or n not in hub_set]
    near = nx.single_source_shortest_path_length(graph.subgraph(keep).to_undirected(as_view=True), focus,
                                                 cutoff=depth)
    return graph.subgraph(near).copy()


def initial_positions(graph: nx.MultiDiGraph, spacing: float = 60.0) -> dict[str, tuple[float, float]]:
    """A cheap starting layout for large graphs: nodes on a sunflower spiral in breadth-first order from the hubs.

    Linked entities start near each other, so the capped physics run untangles a rough layout instead of a random
    cloud; components come largest first, so small ones start at the edge.
    """
    undirected = graph.to_undirected(as_view=True)
    order: list[str] = []
    for component in sorted(nx.connected_components(undirected), key=lambda c: (-len(c), min(c))):
        hub = max(sorted(component), key=undirected.degree)
        order.extend(nx.bfs_tree(undirected, hub, sort_neighbors=sorted))
    golden = math.pi * (3 - math.sqrt(5))
    return {node: (round(spacing * math.sqrt(i) * math.cos(i * golden), 1),
                   round(spacing * math.sqrt(i) * math.sin(i * golden), 1)) for i, node in enumerate(order)}


def vis_options(node_count: int) -> dict:
    """vis-network options: capped stabilisation, nodes sized by degree, straight labelled-on-demand edges. The page
    draws the glyphs and the labels itself (network.js), so that no two labels overlap."""
    large = node_count > IMPROVED_LAYOUT_MAX_NODES
    huge = node_count > HUGE_GRAPH_NODES
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not large},
        "nodes": {"borderWidth": 1, "scaling": {"min": 8, "max": 26}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa3ad", "highlight": "#1f2937", "hover": "#4b5563", "opacity": 0.85},
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
            "navigationButtons": False, "keyboard": False,
        },
        "physics": {
            "enabled": not huge,
            "solver": "forceAtlas2Based",
            # A coarser Barnes-Hut approximation (theta) halves the cost of an iteration on thousands of nodes.
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.008, "springLength": 110,
                                 "springConstant": 0.06, "damping": 0.45, "avoidOverlap": 0.4,
                                 "theta": 1.0 if huge else 0.5},
            "maxVelocity": 60,
            "minVelocity": 0.75,
            "timestep": 0.5,
            "stabilization": {"enabled": not huge, "iterations": STABILIZATION_ITERATIONS,
                              "updateInterval": 25, "fit": True},
        },
    }


def build_network(graph: nx.MultiDiGraph, vocab: Vocabulary, degree: dict[str, int], *,
                  styles: dict[str, tuple[str, str]] | None = None, hubs: set[str] | None = None,
                  focus: str | None = None) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """The drawing's nodes (glyph, colour, size by links) and edges (vis-network's data), and per edge the data the
    labels and the filters need. Names are not in the drawing's data: the page takes them from the entities, in the
    language shown.

    Hubs are drawn small and grey-labelled, and their links are left out of the layout and hidden until the reader
    asks for them, so they do not pull every other node into a hairball; the focus entity is drawn ringed and large.
    """
    styles = styles or type_styles(vocab, {d["type"] for _, d in graph.nodes(data=True)})
    hubs = hubs or set()
    positions = {}
    if graph.number_of_nodes() > HUGE_GRAPH_NODES:
        # On a copy without the hubs: degree queries on a subgraph view are slow at this size.
        positions = initial_positions(graph.subgraph([n for n in graph.nodes if n not in hubs]).copy() if hubs
                                      else graph)
    nodes = []
    for node_id in sorted(graph.nodes):
        color, shape = styles[graph.nodes[node_id]["type"]]
        node: dict = {
            "id": node_id, "shape": shape, "value": degree.get(node_id, 0) + 1,
            "color": {"background": color, "border": "#33333355",
                      "highlight": {"background": color, "border": "#111111"},
                      "hover": {"background": color, "border": "#111111"}},
        }
        if node_id in positions:
            node["x"], node["y"] = positions[node_id]
        if node_id in hubs:
            node["value"] = 1
            node["physics"] = False
            node["hidden"] = True  # out of the first layout; "Show hubs" puts them beside it with their links
        if node_id == focus:
            node["borderWidth"] = 5
            node["color"] = {**node["color"], "border": "#111111"}
        nodes.append(node)

    edges = []
    edge_meta: dict[str, dict] = {}
    parallel: Counter = Counter()
    for source, target, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        pair = tuple(sorted((source, target)))
        rank = parallel[pair]
        parallel[pair] += 1
        edge: dict = {"id": key, "from": source, "to": target}
        if rank:  # several statements between the same two entities: fan them out instead of drawing them on top
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                              "roundness": 0.18 * ((rank + 1) // 2)}
        if attrs.get("assessment") == "correction":
            edge["dashes"] = True
            edge["color"] = {"color": "#d97706", "highlight": "#b45309"}
        hub_edge = source in hubs or target in hubs
        if hub_edge:
            edge["hidden"] = True
            edge["physics"] = False
            edge["dashes"] = [2, 4]
            edge["color"] = {"color": "#cbd5e1", "highlight": "#64748b"}
        edges.append(edge)
        edge_meta[key] = {"p": attrs["predicate"]}  # the page labels it from the property and the role
        if hub_edge:
            edge_meta[key]["hub"] = True
    return nodes, edges, edge_meta


def edge_statement_index(model: Model, graph: nx.MultiDiGraph) -> dict[str, dict]:
    """For each drawn edge: where its statement is (subject and position), its sources and its date interval."""
    index: dict[str, dict] = {}
    for entity_id in graph.nodes:
        for position, st in enumerate(model.entities[entity_id].statements):
            shown, kind = (st.correction, "correction") if st.error else (st, "")
            if shown is None or shown.value.kind != "entity":
                continue
            key = statement_iri(shown, kind or None)
            if graph.has_edge(entity_id, shown.value.text, key):
                # The statement itself is in its subject's entity record: the page looks it up by position.
                record = statement_record(st, model)
                interval = statement_interval(shown)
                index[key] = {"statement": {"s": entity_id, "i": position}, "dates": interval,
                              "sources": sorted(cited_sources([record]))}
    return index
