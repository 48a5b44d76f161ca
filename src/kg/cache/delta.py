"""An edit as a difference: the triples removed and added since an earlier build kept in the cache, and what is
brought up to date with them instead of being made again: the kept Oxigraph store and SHACL's findings (the exports
are spliced with them too, in kg.outputs.spliced).

The difference is exact: every file's compiled triples are kept under a key of the file's content, triples of
different files never coincide (each names its own entities and their statement nodes), and the citation nodes and
the ontology are compared whole. So the triples of the files that changed, before and after, and of the citation
nodes, before and after, say everything that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.namespaces import CIT, KG, MX, RDF_TYPE, ST
from .entry import CITATIONS_FILE, CacheEntry
from .kept_store import STORE_DIR


@dataclass
class Delta:
    """What changed between an earlier build (`earlier`) and this one."""

    earlier: CacheEntry
    removed: list[str]  # sorted N-Triples lines
    added: list[str]
    changed: list[int]  # the files (indexes in this build) new or changed since
    changed_names: set[str]  # their names, and those of the files gone since

    def subjects(self) -> set[str]:
        """The subjects (as N-Triples terms) of every triple removed or added."""
        return {line[: line.index(" ")] for lines in (self.removed, self.added) for line in lines}


def subject_of(line: str) -> str:
    return line[: line.index(" ")]


def _earlier_heads(entry: CacheEntry, fmt: int, want: Callable[[CacheEntry], bool]) -> Iterable[tuple[CacheEntry,
                                                                                                     Any]]:
    """Earlier builds of this graph kept in the cache (most recent first) that `want` accepts, with their heads."""
    for path in entry.others():
        other = entry.other_entry(path)
        if not want(other):
            continue
        head = other.load()
        if getattr(head, "format", None) != fmt or not getattr(head, "compiled_exists", False):
            continue
        if getattr(head, "scope", None) != entry.scope or not getattr(head, "files", None):
            continue
        yield other, head


def delta_since(built: Any, earlier: CacheEntry, head: Any) -> Delta | None:
    """The difference between an earlier build (its entry and head) and this one (`built`, the stages' work); None
    when it cannot be known (a part gone)."""
    old = dict(head.files)
    new = dict(zip(built.names, built.keys, strict=True))
    names = {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}
    citations = earlier.load(CITATIONS_FILE)
    if citations is None or built.citations is None:
        return None
    before: set[str] = set()
    for name in names:
        if name in old:
            comp = earlier.load_part("comp", old[name])
            if comp is None:
                return None
            before.update(comp.lines)
    changed = [i for i, name in enumerate(built.names) if name in names]
    after: set[str] = set()
    for i in changed:
        after.update(built.comp(i).lines)
    old_citations, new_citations = set(citations.lines), set(built.citations.lines)
    removed = sorted((before - after) | (old_citations - new_citations))
    added = sorted((after - before) | (new_citations - old_citations))
    return Delta(earlier, removed, added, changed, names)


def find_delta(result: Any, fmt: int, want: Callable[[CacheEntry], bool]) -> Delta | None:
    """The difference since the most recent earlier build that `want` accepts and that it can be known from."""
    entry = result._entry
    if entry is None or not entry.scope:
        return None
    for earlier, head in _earlier_heads(entry, fmt, want):
        delta = delta_since(result.built, earlier, head)
        if delta is not None:
            return delta
    return None


# ---------------------------------------------------------------------------------------------- the kept store
def store_from_earlier(result: Any, fmt: int) -> tuple[Path, Any, list[str], list[str]] | None:
    """The store of an earlier build and the triples to remove from and add to a copy of it, or None."""
    delta = find_delta(result, fmt, lambda other: (other.path / STORE_DIR).is_dir())
    if delta is None:
        return None
    return delta.earlier.path / STORE_DIR, delta.earlier.signer, delta.removed, delta.added


# ---------------------------------------------------------------------------------------------- SHACL
def shape_findings(result: Any, fmt: int, shapes_name: str) -> Any:
    """SHACL's findings for this build: after an edit, the findings of an earlier build with the nodes the edit can
    have changed the findings of checked again; otherwise a run over the whole graph."""
    from ..check.shacl import reach
    from ..check.shacl import shape_findings as run_shapes

    deep = reach()
    if deep is not None and result._entry is not None:
        delta = find_delta(result, fmt, lambda other: (other.path / shapes_name).is_file())
        if delta is not None:
            earlier = delta.earlier.load(shapes_name)
            if earlier is not None and hasattr(earlier, "items"):
                updated = _updated_findings(result.built, delta, earlier, deep)
                if updated is not None:
                    return updated
    compiled = result.compiled
    return run_shapes(compiled.positions, compiled.lines)


class _Blocks:
    """Every triple of a node of the new graph, found in the sorted lines that hold it: the citation nodes, the
    ontology, and the files loaded so far (a file's lines are loaded when one of its nodes is asked for)."""

    def __init__(self, built: Any):
        self.built = built
        self.sources: list[list[str]] = [built.citations.lines, sorted(built.ontology)]
        self.loaded: set[int] = set()
        self.file_of = {entity_id: i for i, ids in enumerate(built.winners) for entity_id in ids}
        self.positions: dict[str, Any] = dict(built.citations.positions)

    def load(self, i: int) -> None:
        if i not in self.loaded:
            self.loaded.add(i)
            comp = self.built.comp(i)
            self.sources.append(comp.lines)
            for iri, pos in comp.positions.items():
                self.positions.setdefault(iri, pos)

    def of(self, term: str) -> list[str]:
        from bisect import bisect_left

        key = term + " "
        found: list[str] = []
        for lines in self.sources:
            at = bisect_left(lines, key)
            while at < len(lines) and lines[at].startswith(key):
                found.append(lines[at])
                at += 1
        return found

    def subjects(self) -> Iterable[tuple[str, list[str]]]:
        """Every node of the loaded lines, with its lines."""
        from itertools import groupby

        for lines in self.sources:
            for subject, group in groupby(lines, key=subject_of):
                yield subject, list(group)

    def type_lines(self, term: str) -> list[str] | None:
        """The rdf:type triples of a node (without loading its file where the index says it)."""
        if term.startswith(f"<{MX}"):
            entry = self.built.index.get(term[len(MX) + 1 : -1])
            return [] if entry is None else [f"{term} <{RDF_TYPE}> <{KG}{entry.type}> ."]
        if term.startswith(f"<{ST}"):
            return [f"{term} <{RDF_TYPE}> <{KG}Statement> ."]
        return [line for line in self.of(term) if line.split(" ", 2)[1] == f"<{RDF_TYPE}>"]


def new_blocks(built: Any, delta: Delta) -> dict[str, list[str]]:
    """Every triple now of each subject the edit touched (an empty list for a subject gone), by its term."""
    blocks = _Blocks(built)
    for i in delta.changed:
        blocks.load(i)
    found = {}
    for term in delta.subjects():
        lines = blocks.of(term)
        if not lines and term.startswith(f"<{MX}") and term[len(MX) + 1 : -1] in blocks.file_of:
            blocks.load(blocks.file_of[term[len(MX) + 1 : -1]])
            lines = blocks.of(term)
        found[term] = lines
    return found


def _updated_findings(built: Any, delta: Delta, earlier: Any, deep: frozenset[str]) -> Any | None:
    """The earlier findings with those of the nodes the edit touched made again; None if that cannot be done here."""
    from ..check.shacl import Finding, Findings
    from ..check.shacl import shape_findings as run_shapes

    blocks = _Blocks(built)
    for i in delta.changed:
        blocks.load(i)
    touched = delta.subjects()
    deep_terms = {f"<{p}>" for p in deep}
    # Nodes whose values' deep triples (their types, a concept's scheme) changed: who points at them is affected too.
    reached = {subject_of(line) for lines in (delta.removed, delta.added) for line in lines
               if line.split(" ", 2)[1] in deep_terms}
    affected = set(touched)
    if reached:
        files: set[int] = set()
        for term in reached:
            if term.startswith(f"<{MX}"):
                entity_id = term[len(MX) + 1 : -1]
                files.update(i for i, meta in enumerate(built.metas) if entity_id in meta.refs)
                if entity_id in blocks.file_of:
                    files.add(blocks.file_of[entity_id])
            elif not term.startswith((f"<{CIT}", f"<{ST}")):
                return None  # an ontology node changed: check the whole graph
            # A citation or statement node is pointed at only from the files that changed with it (loaded).
        for i in files:
            blocks.load(i)
        for subject, lines in blocks.subjects():
            if any(_object(line) in reached for line in lines):
                affected.add(subject)
    # The affected nodes with all their triples, their values' deep triples, and the ontology.
    other_deep = {f"<{p}>" for p in deep if p != RDF_TYPE}
    if any(not _never_on_statements(p) for p in other_deep):
        return None  # a statement node's other triples would be read: they are not found without its file
    entity_deep = {p for p in other_deep if _may_be_on_entities(p)}
    data: list[str] = list(built.ontology)
    seen_values: set[str] = set()
    for subject in affected:
        lines = blocks.of(subject)
        if not lines and subject.startswith(f"<{MX}"):
            entity_id = subject[len(MX) + 1 : -1]
            if entity_id in blocks.file_of:
                blocks.load(blocks.file_of[entity_id])
                lines = blocks.of(subject)
        data += lines
        for line in lines:
            value = _object(line)
            if value.startswith("<") and value not in seen_values:
                seen_values.add(value)
                extra = blocks.type_lines(value)
                if extra is None:
                    return None
                data += extra
                if entity_deep and value.startswith(f"<{MX}") and value[len(MX) + 1 : -1] in blocks.file_of:
                    blocks.load(blocks.file_of[value[len(MX) + 1 : -1]])
                if other_deep:
                    data += [line for line in blocks.of(value) if line.split(" ", 2)[1] in other_deep]
    focus = {term[1:-1] for term in affected}
    fresh = run_shapes(blocks.positions, sorted(set(data)), focus=focus)
    kept = []
    for finding in earlier.items:
        if finding.focus in focus:
            continue
        pos = finding.pos
        if finding.focus.startswith(CIT) or pos.file in delta.changed_names:
            pos = blocks.positions.get(finding.focus) or pos
        kept.append(Finding(finding.severity, pos, finding.rule, finding.text, finding.focus))
    return Findings(kept + fresh.items, checked=len(focus))


# What the compiler writes about an entity and about a statement node besides the project's own properties (kg:).
_ENTITY_PREDICATES = {f"<{iri}>" for iri in (
    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel",
    "https://schema.org/description", "http://www.w3.org/2002/07/owl#sameAs", "http://www.w3.org/ns/prov#wasDerivedFrom",
)}
_STATEMENT_PREDICATES = {f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#{n}>" for n in ("subject", "predicate", "object")}
_STATEMENT_PREDICATES.add("<http://www.w3.org/ns/prov#wasDerivedFrom>")


def _may_be_on_entities(predicate: str) -> bool:
    return predicate in _ENTITY_PREDICATES or predicate.startswith(f"<{KG}")


def _never_on_statements(predicate: str) -> bool:
    return predicate not in _STATEMENT_PREDICATES and not predicate.startswith(f"<{KG}")


def _object(line: str) -> str:
    """The object term of an N-Triples line (without the final ` .`)."""
    return line.split(" ", 2)[2][:-2]
