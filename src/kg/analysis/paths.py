"""How two entities are connected: the shortest chains of statements between them, told as sentences.

Paths are searched on the undirected view of the projection (a connection is a connection whichever way the statement
points), then every hop is told in the statement's real direction: walking from Joaquín Guzmán to his son reads
"Joaquín Guzmán Loera ← child of — Ovidio Guzmán López", the statement being "Ovidio — child of → Joaquín".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..core.display import canonical_number
from ..core.errors import UserError
from ..core.problems import did_you_mean
from ..load.vocabulary import Vocabulary
from .stats import undirected

# How many equally short paths are weighed before the least hub-bound are chosen.
MAX_CANDIDATES = 500


class PathError(UserError):
    """An entity the user named is not in the graph, or the two are not connected: one line for the user."""


@dataclass(frozen=True)
class Hop:
    """One statement along a path, walked `forward` (subject first) or against its direction."""

    walked_from: str
    walked_to: str
    forward: bool
    statement: str
    sentence: str
    attrs: dict


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def resolve(graph: nx.MultiDiGraph, name: str, *, sources_hint: Iterable[str] = ()) -> str:
    """The node a user means by an id, a label or an alias (case and accents ignored); else PathError with a hint."""
    if name in graph:
        return name
    wanted = _fold(name)
    matches = sorted(
        node for node, data in graph.nodes(data=True)
        if wanted in {_fold(data.get("label", "")), _fold(data.get("label_es", ""))}
        | {_fold(a) for a in data.get("aliases", "").split("; ") if a}
    )
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise PathError(f"`{name}` names several entities: {', '.join(matches)}; give an id")
    if name in set(sources_hint):
        raise PathError(f"`{name}` is a source document; add --include-sources to walk through sources")
    raise PathError(f"unknown entity `{name}`{did_you_mean(name, graph.nodes)}")


def _concept_label(vocab: Vocabulary, name: str) -> str:
    concept = vocab.concepts.get(name)
    return concept.labels.get("en", name) if concept is not None else name


def details(vocab: Vocabulary, attrs: dict) -> list[str]:
    """The statement's qualifiers, assessment and sources as short phrases, in a fixed order."""
    parts = []
    if "role" in attrs:
        parts.append(f"as {_concept_label(vocab, attrs['role'])}")
    if "quantity" in attrs:
        parts.append(" ".join(canonical_number(str(attrs["quantity"])) if k == "quantity" else str(attrs[k])
                              for k in ("quantity", "unit", "group") if attrs.get(k)))
    elif "group" in attrs:
        parts.append(str(attrs["group"]))
    if "at" in attrs:
        parts.append(f"{'on' if len(str(attrs['at'])) == 10 else 'in'} {attrs['at']}")
    if "start" in attrs and "end" in attrs:
        parts.append(f"from {attrs['start']} to {attrs['end']}")
    elif "start" in attrs:
        parts.append(f"from {attrs['start']}")
    elif "end" in attrs:
        parts.append(f"until {attrs['end']}")
    if "earliest" in attrs:
        parts.append(f"not before {attrs['earliest']}")
    if "latest" in attrs:
        parts.append(f"not after {attrs['latest']}")
    if "baseline" in attrs:
        parts.append(f"compared with {attrs['baseline']}")
    if attrs.get("assessment") == "correction":
        parts.append("the curators' correction of a source's error")
    if attrs.get("sources"):
        parts.append(f"cited: {attrs['sources']}")
    return parts


def sentence(graph: nx.MultiDiGraph, vocab: Vocabulary, subject: str, obj: str, attrs: dict, *,
             forward: bool = True) -> str:
    """`Subject — predicate → Object (details)`, or walked backwards `Object ← predicate — Subject (details)`."""
    s, o = graph.nodes[subject]["label"], graph.nodes[obj]["label"]
    core = f"{s} — {attrs['label']} → {o}" if forward else f"{o} ← {attrs['label']} — {s}"
    extra = details(vocab, attrs)
    return f"{core} ({'; '.join(extra)})" if extra else core


def hops(graph: nx.MultiDiGraph, vocab: Vocabulary, a: str, b: str) -> list[Hop]:
    """Every statement linking a and b, told as walked from a to b (statements a → b first, then b → a)."""
    found = []
    for u, v, forward in ((a, b, True), (b, a, False)):
        for key, attrs in sorted(graph.get_edge_data(u, v, default={}).items()):
            found.append(Hop(a, b, forward, key, sentence(graph, vocab, u, v, attrs, forward=forward), attrs))
    return found


@dataclass(frozen=True)
class Connection:
    """A path: the entities walked through, and every statement linking each consecutive pair."""

    nodes: list[str]
    hops: list[Hop]


def shortest_connections(graph: nx.MultiDiGraph, vocab: Vocabulary, source: str, target: str, *,
                         limit: int = 3, avoid: Iterable[str] = ()) -> list[Connection]:
    """Up to `limit` shortest simple paths from source to target, fewest hops first, each with its statements.

    Among paths of one length, those through less-connected entities come first: a path through Mexico, which most
    entities touch, says less than one through a shared event. Nodes in `avoid` are left out of the search.
    """
    if source == target:
        raise PathError("give two different entities")
    simple = undirected(graph)
    simple.remove_nodes_from(set(avoid) - {source, target})
    candidates: list[list[str]] = []
    try:
        for path in nx.shortest_simple_paths(simple, source, target):
            if len(candidates) >= limit and len(path) > len(candidates[limit - 1]) or len(candidates) >= MAX_CANDIDATES:
                break
            candidates.append(path)
    except nx.NetworkXNoPath:
        names = f"{graph.nodes[source]['label']} and {graph.nodes[target]['label']}"
        raise PathError(f"no connection between {names} in the graph") from None

    def hubness(path: list[str]) -> tuple:
        degrees = sorted((simple.degree(n) for n in path[1:-1]), reverse=True)
        return len(path), degrees, path

    chosen = sorted(candidates, key=hubness)[:limit]
    return [Connection(path, [hop for a, b in zip(path, path[1:], strict=False) for hop in hops(graph, vocab, a, b)])
            for path in chosen]


def path_text(graph: nx.MultiDiGraph, paths: list[Connection]) -> str:
    """The paths for a reader: a header with the chain of names, then one sentence per statement."""
    out = []
    for number, path in enumerate(paths, start=1):
        names = " → ".join(graph.nodes[n]["label"] for n in path.nodes)
        count = len(path.nodes) - 1
        out.append(f"{number}. {names} ({count} hop{'s' if count != 1 else ''})")
        out += [f"   {hop.sentence}" for hop in path.hops]
    return "\n".join(out) + "\n"


def path_json(paths: list[Connection]) -> list[dict]:
    """The paths as plain data: each a list of statements with subject, predicate, object, sentence and attributes."""
    result = []
    for path in paths:
        steps = []
        for hop in path.hops:
            subject, obj = (hop.walked_from, hop.walked_to) if hop.forward else (hop.walked_to, hop.walked_from)
            steps.append({"from": hop.walked_from, "to": hop.walked_to, "subject": subject,
                          "predicate": hop.attrs["predicate"], "object": obj, "statement": hop.statement,
                          "sentence": hop.sentence, "sources": hop.attrs.get("sources", "")})
        result.append({"nodes": path.nodes, "hops": steps})
    return result
