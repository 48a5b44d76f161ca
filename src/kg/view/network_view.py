"""The explorer's network and entity data: the drawing (nodes, edges, vis-network options, built with pyvis from the
NetworkX projection), hubs and focus neighbourhoods, the legend's distinct styles, and everything an entity page
shows — statements with qualifiers, citations, disagreements, sources. `page.py` assembles the HTML.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from ..core.errors import UserError
from ..core.model import Citation, Entity, Model, Statement, Value
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary
from ..outputs.projection import top_class

VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
LANGS = ("en", "es")

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
DEFAULT_COLOR, DEFAULT_SHAPE = "#97a3b6", "dot"
# Properties whose values date an event or an observation: the date filter keeps such nodes only inside the period.
NODE_DATE_PROPERTIES = ("date", "startDate", "endDate", "period")
DATED_CLASSES = ("Event", "Observation")
OPEN_START, OPEN_END = "0000-01-01", "9999-12-31"


class FocusError(UserError, ValueError):
    """The --focus id names no drawn entity."""


# ---------------------------------------------------------------- vocabulary-derived styling


def class_style(vocab: Vocabulary, type_name: str) -> tuple[str, str]:
    """Colour and shape of a class: its own kg:color / kg:shape, else the nearest superclass's (breadth first)."""
    color = shape = None
    queue, seen = [type_name], set()
    while queue and (color is None or shape is None):
        name = queue.pop(0)
        if name in seen or name not in vocab.classes:
            continue
        seen.add(name)
        cls = vocab.classes[name]
        color = color or cls.color
        shape = shape or cls.shape
        queue.extend(cls.parents)
    return color or DEFAULT_COLOR, shape or DEFAULT_SHAPE


SHAPES = ("dot", "diamond", "square", "triangle", "triangleDown", "star", "hexagon", "box", "ellipse")
# Classes below this many links are never hubs; above it, a node is a hub when its degree passes HUB_FACTOR * sqrt(n).
HUB_MIN_DEGREE, HUB_FACTOR = 12, 3.0
HUB_CLASSES = ("Country",)


def _shade(color: str, step: int) -> str:
    """The colour darkened (odd steps) or lightened (even steps) a little more at each step, so subclasses that
    inherit one colour stay apart."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    amount = 0.22 * ((step + 1) // 2)
    if step % 2:
        r, g, b = (round(c * (1 - amount)) for c in (r, g, b))
    else:
        r, g, b = (round(c + (255 - c) * amount) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def type_styles(vocab: Vocabulary, types: Iterable[str]) -> dict[str, tuple[str, str]]:
    """A colour and a glyph per type, each pair distinct: the ontology's own style when no other type drawn has it,
    else the inherited colour shaded and the next unused glyph (deterministic: types taken in name order, those with
    their own kg:color first)."""
    names = sorted(set(types), key=lambda n: (not (n in vocab.classes and vocab.classes[n].color), n))
    used_pairs: set[tuple[str, str]] = set()
    used_colors: set[str] = set()
    used_shapes: dict[str, set[str]] = defaultdict(set)
    out = {}
    for name in names:
        color, shape = class_style(vocab, name)
        base = color
        step = 0
        while color in used_colors and step < 6:
            step += 1
            color = _shade(base, step)
        if (color, shape) in used_pairs or shape in used_shapes[base]:
            shape = next((s for s in SHAPES if s not in used_shapes[base]), shape)
        used_pairs.add((color, shape))
        used_colors.add(color)
        used_shapes[base].add(shape)
        out[name] = (color, shape)
    return out


def hub_nodes(graph: nx.MultiDiGraph, vocab: Vocabulary) -> set[str]:
    """Entities that link to so much that they tangle any picture: countries, and nodes whose degree is far above
    the graph's (at least HUB_MIN_DEGREE and HUB_FACTOR * sqrt(node count))."""
    threshold = max(HUB_MIN_DEGREE, HUB_FACTOR * math.sqrt(max(graph.number_of_nodes(), 1)))
    return {n for n, data in graph.nodes(data=True)
            if any(vocab.is_a(data["type"], c) for c in HUB_CLASSES if c in vocab.classes)
            or graph.degree(n) >= threshold}


def _font_color(background: str) -> str:
    """Black or white, whichever reads better on the background (for shapes with the label inside)."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _labels(labels: dict[str, str], fallback: str) -> dict[str, str]:
    en = labels.get("en") or labels.get("") or labels.get("es") or fallback
    return {"en": en, "es": labels.get("es") or en}


# ---------------------------------------------------------------- dates


def _interval(starts: Iterable[str], ends: Iterable[str], points: Iterable[str]) -> list[str] | None:
    """The period a set of dates spans: [first day, last day]; open-ended when only a start or an end is known."""
    starts, ends, points = list(starts), list(ends), list(points)
    if not (starts or ends or points):
        return None
    lows = [date_bounds(t)[0] for t in starts + points]
    highs = [date_bounds(t)[1] for t in ends + points]
    return [min(lows) if lows else OPEN_START, max(highs) if highs else OPEN_END]


def _node_interval(entity: Entity, vocab: Vocabulary) -> list[str] | None:
    if not any(vocab.is_a(entity.type, c) for c in DATED_CLASSES):
        return None
    starts, ends, points = [], [], []
    for st in entity.statements:
        if st.error or st.predicate not in NODE_DATE_PROPERTIES or st.value.kind != "literal":
            continue
        bounds = [st.qualifiers[name].text for name in ("earliest", "latest") if name in st.qualifiers]
        if bounds:  # an uncertain date: it lies between its bounds, not anywhere in the value's year
            points.extend(bounds)
            continue
        {"startDate": starts, "endDate": ends}.get(st.predicate, points).append(st.value.text)
    return _interval(starts, ends, points)


def _statement_interval(st: Statement) -> list[str] | None:
    q = {name: v.text for name, v in st.qualifiers.items() if v.kind == "literal"}
    starts = [q[n] for n in ("start", "earliest") if n in q]
    ends = [q[n] for n in ("end", "latest") if n in q]
    points = [q["at"]] if "at" in q else []
    return _interval(starts, ends, points)


# ---------------------------------------------------------------- the data behind the side panel


def _value(value: Value) -> dict:
    if value.kind == "entity":
        return {"e": value.text}
    if value.kind == "concept":
        return {"c": value.text.rsplit("/", 1)[-1]}
    record = {"t": value.text}
    if value.datatype and not value.datatype.endswith("#string"):  # its local name (integer, decimal, date, gYearMonth, gYear…): how the page formats it
        record["dt"] = value.datatype.rsplit("#", 1)[-1]
    if value.lang:
        record["lang"] = value.lang
    return record


def _citations(citations: Iterable[Citation], model: Model) -> list[list]:
    """Each citation as [source id, locator]: the locator is the section heading and paragraph, where given."""
    out = []
    for c in citations:
        source = model.entities.get(c.source)
        section = source.sections.get(c.section) if source is not None and c.section else None
        locator = []
        if section is not None:
            locator.append(f"§ {section.heading}")
        elif c.section:
            locator.append(f"§ {c.section}")
        if c.paragraph is not None:
            locator.append(f"¶ {c.paragraph}")
        out.append([c.source, ", ".join(locator)])
    return out


def _statement(st: Statement, model: Model, kind: str = "") -> dict:
    record: dict = {"p": st.predicate, "v": _value(st.value), "cites": _citations(st.citations, model)}
    if st.qualifiers:
        record["q"] = {name: _value(v) for name, v in sorted(st.qualifiers.items())}
    if kind:
        record["kind"] = kind
    if st.error:
        record["kind"] = "error"
        record["error"] = st.error
        if st.correction is not None:
            correction = _statement(st.correction, model, "correction")
            if correction.get("note") == st.error:  # the reader copies the explanation onto the correction
                del correction["note"]
            record["correction"] = correction
    if st.note:
        record["note"] = st.note
    return record


def source_info(model: Model, source: Entity) -> dict:
    """What a reader needs to find a source: title, authors, publisher, date, and its kind."""
    info: dict = {"labels": _labels(source.labels, source.id), "type": source.type}
    authors, publishers = [], []
    for st in source.statements:
        if st.error:
            continue
        text = st.value.text
        if st.predicate == "title":
            info["title"] = text
        elif st.predicate == "published":
            info["date"] = text
        elif st.predicate in ("author", "authorName"):
            authors.append(_labels(model.entities[text].labels, text)["en"] if st.value.kind == "entity" else text)
        elif st.predicate == "publisher" and st.value.kind == "entity":
            publisher = model.entities.get(text)
            publishers.append(_labels(publisher.labels, text)["en"] if publisher is not None else text)
    if authors:
        info["authors"] = authors
    if publishers:
        info["publisher"] = "; ".join(publishers)
    return info


def _cited_sources(records: Iterable[dict]) -> set[str]:
    found: set[str] = set()
    for record in records:
        found.update(source for source, _ in record["cites"])
        if "correction" in record:
            found |= _cited_sources([record["correction"]])
    return found


def view_data(model: Model, vocab: Vocabulary, graph: nx.MultiDiGraph,
              styles: dict[str, tuple[str, str]] | None = None) -> dict:
    """Everything the page shows besides the drawing: entity details, sources, vocabulary labels, filter data."""
    from .explorer_data import disagreements

    drawn = set(graph.nodes)
    incoming: dict[str, list[dict]] = defaultdict(list)
    for entity in model.entities.values():
        for st in entity.statements:
            targets = {st.value.text} if st.value.kind == "entity" else set()
            if st.correction is not None and st.correction.value.kind == "entity":
                targets.add(st.correction.value.text)
            for target in targets & drawn:
                if target != entity.id:
                    incoming[target].append({"s": entity.id, **_statement(st, model)})

    entities: dict[str, dict] = {}
    referenced: set[str] = set()
    for node_id in sorted(drawn):
        entity = model.entities[node_id]
        statements = [_statement(st, model) for st in entity.statements]
        for index, others in disagreements(entity, vocab).items():
            statements[index]["dis"] = others
        details: dict = {
            "type": entity.type,
            "labels": _labels(entity.labels, entity.id),
            "cites": _citations(entity.citations, model),
            "statements": statements,
            # Statements of drawn entities that point here are found by the page from their subjects' own lists
            # (half the file on large graphs); only those of undrawn subjects (sources) are listed here.
            "incoming": [r for r in incoming.get(node_id, []) if r["s"] not in drawn],
        }
        aliases = sorted({a for names in entity.aliases.values() for a in names})
        if aliases:
            details["aliases"] = aliases
        descriptions = {lang: text for lang, text in entity.descriptions.items() if text}
        if descriptions:
            details["descriptions"] = descriptions
        if entity.note:
            details["note"] = entity.note
        interval = _node_interval(entity, vocab)
        if interval:
            details["dates"] = interval
        # The source filter keeps an entity that one of the source's passages describes (its own citations and its
        # attributes); relations between entities are filtered edge by edge.
        own = [{"cites": details["cites"]}] + [s for s in statements if s["v"].get("e") not in drawn]
        details["sources"] = sorted(_cited_sources(own))
        entities[node_id] = details
        for record in statements + incoming.get(node_id, []):
            for candidate in (record["v"], record.get("correction", {}).get("v", {})):
                if "e" in candidate:
                    referenced.add(candidate["e"])
            referenced.add(record.get("s", node_id))

    cited = set()
    for node_id, details in entities.items():
        cited |= _cited_sources([{"cites": details["cites"]}] + details["statements"] + incoming.get(node_id, []))
    sources = {
        sid: source_info(model, model.entities[sid])
        for sid in sorted(cited) if sid in model.entities
    }
    names = {
        eid: {"labels": _labels(model.entities[eid].labels, eid), "type": model.entities[eid].type}
        for eid in sorted(referenced - drawn) if eid in model.entities
    }
    used_types = {d["type"] for d in entities.values()} | {n["type"] for n in names.values()}
    used_types |= {s["type"] for s in sources.values()}
    types = {}
    styles = dict(styles or {})
    styles.update(type_styles(vocab, used_types - set(styles)) if used_types - set(styles) else {})
    for name in sorted(used_types):
        color, shape = styles[name]
        types[name] = {
            "labels": _labels(vocab.classes[name].labels, name), "color": color, "shape": shape,
            "group": top_class(vocab, name),
        }
    groups = {g: _labels(vocab.classes[g].labels, g) for g in sorted({t["group"] for t in types.values()})
              if g in vocab.classes}
    return {
        "entities": entities,
        "names": names,
        "sources": sources,
        "types": types,
        "groups": groups,
        "properties": {name: _labels(p.labels, name) for name, p in sorted(vocab.properties.items())},
        "concepts": {name: _labels(c.labels, name) for name, c in sorted(vocab.concepts.items())},
        "temporal": sorted(name for name, p in vocab.properties.items() if p.kind == "temporal" and not p.qualifier),
    }


def legend(vocab: Vocabulary, graph: nx.MultiDiGraph, styles: dict[str, tuple[str, str]] | None = None) -> list[dict]:
    """One row per type drawn, grouped under its broad class: a distinct colour and glyph, and a count."""
    counts = Counter(data["type"] for _, data in graph.nodes(data=True))
    styles = styles or type_styles(vocab, counts)
    rows = []
    for name, count in counts.items():
        color, shape = styles[name]
        rows.append({
            "type": name, "group": top_class(vocab, name), "color": color, "shape": shape, "count": count,
            "labels": _labels(vocab.classes[name].labels, name),
        })
    return sorted(rows, key=lambda r: (r["group"], r["labels"]["en"].lower()))


# ---------------------------------------------------------------- the network


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


def _edge_label(attrs: dict, concepts: dict[str, dict], properties: dict[str, dict]) -> dict[str, str]:
    labels = dict(properties.get(attrs["predicate"], {"en": attrs["label"], "es": attrs["label_es"]}))
    role = attrs.get("role")
    if role:
        role_labels = concepts.get(role, {"en": role, "es": role})
        labels = {lang: f"{labels[lang]} · {role_labels[lang]}" for lang in LANGS}
    return labels


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
    """vis-network options: capped stabilisation, size by degree, labels that stay readable."""
    large = node_count > IMPROVED_LAYOUT_MAX_NODES
    huge = node_count > HUGE_GRAPH_NODES
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not large},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
            # Hubs get larger labels, so the busiest entities stay named when the whole graph is in view.
            # Label sizes by degree and wrapped labels cost ~1 s to set up on thousands of nodes: plain labels there.
            "scaling": {"min": 10, "max": 42,
                        "label": {"enabled": not huge, "min": 13, "max": 34, "maxVisible": 24, "drawThreshold": 5}},
            **({} if huge else {"widthConstraint": {"maximum": 170}}),
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa3ad", "highlight": "#1f2937", "hover": "#4b5563", "opacity": 0.85},
            "font": {"size": 10, "color": "#4b5563", "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
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


def build_network(graph: nx.MultiDiGraph, vocab: Vocabulary, degree: dict[str, int], lang: str,
                  properties: dict[str, dict], concepts: dict[str, dict], *,
                  styles: dict[str, tuple[str, str]] | None = None, hubs: set[str] | None = None,
                  focus: str | None = None) -> tuple[Network, dict[str, dict]]:
    """The pyvis network (styled nodes, labelled edges, options) and the per-edge data the filters need.

    Hubs are drawn small and grey-labelled, and their links are left out of the layout and hidden until the reader
    asks for them, so they do not pull every other node into a hairball; the focus entity is drawn ringed and large.
    """
    styles = styles or type_styles(vocab, {d["type"] for _, d in graph.nodes(data=True)})
    hubs = hubs or set()
    huge = graph.number_of_nodes() > HUGE_GRAPH_NODES
    net = Network(directed=True)
    positions = {}
    if graph.number_of_nodes() > HUGE_GRAPH_NODES:
        # On a copy without the hubs: degree queries on a subgraph view are slow at this size.
        positions = initial_positions(graph.subgraph([n for n in graph.nodes if n not in hubs]).copy() if hubs
                                      else graph)
    for node_id in sorted(graph.nodes):
        attrs = graph.nodes[node_id]
        color, shape = styles[attrs["type"]]
        options: dict = {
            "color": {"background": color, "border": "#33333355",
                      "highlight": {"background": color, "border": "#111111"},
                      "hover": {"background": color, "border": "#111111"}},
            "value": degree.get(node_id, 0) + 1,
        }
        if shape in ("box", "ellipse", "circle", "database", "text"):
            options["font"] = {"color": _font_color(color), "strokeWidth": 0}
            options["margin"] = 8
        if node_id in positions:
            options["x"], options["y"] = positions[node_id]
        if node_id in hubs:
            options["value"] = 1
            options["font"] = {**options.get("font", {}), "color": "#6b7280"}
            options["physics"] = False
            options["hidden"] = True  # out of the first layout; "Show hubs" puts them beside it with their links
        if node_id == focus:
            options["borderWidth"] = 5
            options["color"] = {**options["color"], "border": "#111111"}
            options["font"] = {**options.get("font", {}), "size": 20, "bold": True}
        label = attrs["label"] if lang == "en" else attrs["label_es"]
        net.add_node(node_id, label=label, shape=shape, **options)

    edge_meta: dict[str, dict] = {}
    parallel: Counter = Counter()
    for source, target, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        labels = _edge_label(attrs, concepts, properties)
        pair = tuple(sorted((source, target)))
        rank = parallel[pair]
        parallel[pair] += 1
        options = {"id": key}
        if not huge:  # thousands of edge labels cost seconds a frame and cannot be read: hover or click instead
            options["label"] = labels[lang]
        if rank:  # several statements between the same two entities: fan them out instead of drawing them on top
            options["smooth"] = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                                 "roundness": 0.18 * ((rank + 1) // 2)}
        if attrs.get("assessment") == "correction":
            options["dashes"] = True
            options["color"] = {"color": "#d97706", "highlight": "#b45309"}
        hub_edge = source in hubs or target in hubs
        if hub_edge:
            options["hidden"] = True
            options["physics"] = False
            options["dashes"] = [2, 4]
            options["color"] = {"color": "#cbd5e1", "highlight": "#64748b"}
        net.add_edge(source, target, **options)
        edge_meta[key] = {"p": attrs["predicate"]}  # the page labels it from the property and the role
        if hub_edge:
            edge_meta[key]["hub"] = True
    return net, edge_meta




def edge_statement_index(model: Model, graph: nx.MultiDiGraph) -> dict[str, dict]:
    """For each drawn edge: where its statement is (subject and position), its sources and its date interval."""
    from ..core.terms import statement_iri

    index: dict[str, dict] = {}
    for entity_id in graph.nodes:
        for position, st in enumerate(model.entities[entity_id].statements):
            shown, kind = (st.correction, "correction") if st.error else (st, "")
            if shown is None or shown.value.kind != "entity":
                continue
            key = statement_iri(shown, kind or None)
            if graph.has_edge(entity_id, shown.value.text, key):
                # The statement itself is in its subject's entity record: the page looks it up by position.
                record = _statement(st, model)
                interval = _statement_interval(shown)
                index[key] = {"statement": {"s": entity_id, "i": position}, "dates": interval,
                              "sources": sorted(_cited_sources([record]))}
    return index
