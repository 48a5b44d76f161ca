"""Figures about the graph: what it holds, how well it is sourced, who is central, and how it clusters.

Counts and sourcing come from the model (every statement, literal or not); centrality, components and communities
come from the NetworkX projection, seen as an undirected simple graph (two entities are neighbours when any statement
links them). Louvain runs with a fixed seed on a graph built in sorted order, so the same YAML gives the same figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import networkx as nx

from ..core.model import Model, Statement
from ..load.vocabulary import Vocabulary
from ..outputs.projection import top_class
from ..outputs.rows import render_table

LOUVAIN_SEED = 42


def all_statements(model: Model) -> Iterator[Statement]:
    """Every statement node the compiler writes: each claim, and each curators' correction of an erroneous one."""
    for statement in model.statements():
        yield statement
        if statement.error and statement.correction is not None:
            yield statement.correction


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The projection as a simple undirected graph in sorted order; `weight` counts the statements between a pair."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    weights: Counter = Counter()
    for u, v in graph.edges():
        weights[tuple(sorted((u, v)))] += 1
    for (u, v), weight in sorted(weights.items()):
        simple.add_edge(u, v, weight=weight)
    return simple


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def graph_stats(model: Model, vocab: Vocabulary, graph: nx.MultiDiGraph, *, top: int = 10) -> dict:
    """Every figure `kg stats` reports, as plain JSON-ready values; ranked lists are cut to `top` entries."""
    statements = list(all_statements(model))
    corrections = {id(s.correction) for s in model.statements() if s.error and s.correction is not None}
    facts = [s for s in statements if not s.error or id(s) in corrections]

    types = Counter(e.type for e in model.entities.values())
    predicates = Counter(s.predicate for s in statements)
    cited = sum(1 for s in statements if s.citations)
    located = sum(1 for s in statements if any(c.section and c.paragraph for c in s.citations))

    citing: Counter = Counter()
    for s in statements:
        for source in dict.fromkeys(c.source for c in s.citations):
            citing[source] += 1
    single: Counter = Counter()
    for s in facts:
        sources = {c.source for c in s.citations}
        if len(sources) == 1:
            single[sources.pop()] += 1

    simple = undirected(graph)

    def label(node: str) -> str:
        return graph.nodes[node].get("label", node)

    def entity_row(node: str) -> dict:
        return {"id": node, "label": label(node), "type": graph.nodes[node].get("type", "")}

    degree_rank = sorted(simple.nodes, key=lambda n: (-simple.degree(n), -graph.degree(n), n))
    betweenness = nx.betweenness_centrality(simple, normalized=True)
    betweenness_rank = sorted(simple.nodes, key=lambda n: (-betweenness[n], n))
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c))
    communities = nx.community.louvain_communities(simple, weight="weight", seed=LOUVAIN_SEED)
    modularity = nx.community.modularity(simple, communities, weight="weight") if simple.number_of_edges() else 0.0

    def by_degree(members) -> list[str]:
        return sorted(members, key=lambda n: (-simple.degree(n), n))

    ranked_communities = sorted((by_degree(c) for c in communities), key=lambda c: (-len(c), c))

    def source_row(source: str, count_name: str, count: int) -> dict:
        entity = model.entities.get(source)
        title = entity.labels.get("en", source) if entity is not None else source
        return {"source": source, "title": title, count_name: count}

    return {
        "entities": {
            "total": len(model.entities),
            "types": len(types),
            "by_type": [
                {"type": t, "group": top_class(vocab, t), "count": n}
                for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            ],
        },
        "statements": {
            "total": len(statements),
            "cited": cited,
            "cited_share": _share(cited, len(statements)),
            "located": located,
            "located_share": _share(located, len(statements)),
            "source_errors": sum(1 for s in model.statements() if s.error),
            "predicates": len(predicates),
            "by_predicate": [
                {"predicate": p, "label": vocab.properties[p].labels.get("en", p), "count": n}
                for p, n in sorted(predicates.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            ],
        },
        "network": {
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "components": len(components),
            "component_sizes": [len(c) for c in components[:top]],
            "isolates": sorted(nx.isolates(simple)),
            "communities": len(communities),
            "sources": len(citing),
            "modularity": round(modularity, 4),
        },
        "degree": [
            {**entity_row(n), "neighbours": simple.degree(n), "statements": graph.degree(n)} for n in degree_rank[:top]
        ],
        "betweenness": [{**entity_row(n), "betweenness": round(betweenness[n], 4)} for n in betweenness_rank[:top]],
        "communities": [
            {"community": i, "size": len(members), "leading": [label(m) for m in members[:5]], "members": members}
            for i, members in enumerate(ranked_communities[:top], start=1)
        ],
        "sources": [
            source_row(s, "statements", n) for s, n in sorted(citing.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ],
        "single_source": {
            "facts": sum(single.values()),
            "of_facts": len(facts),
            "share": _share(sum(single.values()), len(facts)),
            "sources": len(single),
            "by_source": [
                source_row(s, "facts", n) for s, n in sorted(single.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            ],
        },
    }


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def _leading(community: dict, width: int = 100) -> str:
    """The community's best-connected members, as many as fit in `width` characters."""
    shown: list[str] = []
    for name in community["leading"]:
        if shown and len(", ".join([*shown, name])) > width:
            break
        shown.append(name)
    return ", ".join(shown) + (", ..." if community["size"] > len(shown) else "")


def _more(shown: int, total: int, one: str, many: str) -> str:
    """The line under a table cut by --top: how many rows it leaves out."""
    left = total - shown
    if left <= 0:
        return ""
    return f"[... {left} more {many if left != 1 else one}: raise --top to list {'them' if left != 1 else 'it'}]\n"


def stats_text(stats: dict) -> str:
    """The figures as headed, aligned tables for a terminal; each ranking says how many rows --top left out."""
    st, net, single = stats["statements"], stats["network"], stats["single_source"]
    entities = stats["entities"]
    out = [
        f"Entities: {entities['total']}",
        render_table(["type", "group", "count"], [[r["type"], r["group"], r["count"]] for r in entities["by_type"]])
        + _more(len(entities["by_type"]), entities["types"], "type", "types"),
        f"Statements: {st['total']}; cited {st['cited']} ({_percent(st['cited_share'])}); with a section and "
        f"paragraph {st['located']} ({_percent(st['located_share'])}); source errors recorded {st['source_errors']}",
        render_table(["predicate", "label", "count"], [[r["predicate"], r["label"], r["count"]] for r in
                                                       st["by_predicate"]])
        + _more(len(st["by_predicate"]), st["predicates"], "predicate", "predicates"),
        f"Network (entities linked by statements; no classes, no source documents): {net['nodes']} nodes, "
        f"{net['edges']} edges; {net['components']} connected components, sizes "
        f"{', '.join(map(str, net['component_sizes']))}{' ...' if net['components'] > len(net['component_sizes']) else ''}"
        f"; {len(net['isolates'])} isolated",
        "Most connected (neighbours: distinct entities linked; statements: edges)",
        render_table(["id", "label", "type", "neighbours", "statements"],
                     [[r["id"], r["label"], r["type"], r["neighbours"], r["statements"]] for r in stats["degree"]]),
        "Most between (normalised betweenness centrality: share of shortest paths through the entity)",
        render_table(["id", "label", "type", "betweenness"],
                     [[r["id"], r["label"], r["type"], f"{r['betweenness']:.4f}"] for r in stats["betweenness"]]),
        f"Communities (Louvain, seed {LOUVAIN_SEED}): {net['communities']}, modularity {net['modularity']:.4f}",
        render_table(["#", "size", "leading members"],
                     [[c["community"], c["size"], _leading(c)] for c in stats["communities"]])
        + _more(len(stats["communities"]), net["communities"], "community", "communities"),
        "Most-cited sources (statements citing each)",
        render_table(["source", "title", "statements"],
                     [[r["source"], r["title"], r["statements"]] for r in stats["sources"]])
        + _more(len(stats["sources"]), net["sources"], "source", "sources"),
        f"Facts resting on one source: {single['facts']} of {single['of_facts']} ({_percent(single['share'])})",
        render_table(["source", "title", "facts"], [[r["source"], r["title"], r["facts"]] for r in
                                                    single["by_source"]])
        + _more(len(single["by_source"]), single["sources"], "source", "sources"),
    ]
    return "\n".join(out)
