"""What a build keeps per file, so that an edit redoes only the files it touched.

A file's work that depends on nothing but the file is kept under a key that hashes its bytes, its name as problems
print it, and the code and vocabulary (`file_key`):

- its read (`FileRead`: the entities, the problems of reading it, every id it defines with where);
- a short summary of it (`FileMeta`), which every build reads for every file: the index entries of its entities (id,
  type, sections), the parents it gives in `locatedIn`/`subOrganizationOf`, the labels tables show, the ids its
  checks look up, the citations it makes and where each is first made;
- its compiled triples (`FileCompiled`: the lines of its entities and statement nodes, with where each was written,
  and its counts), without the citation nodes, which depend on other files (a source's section headings) and are
  made for the whole graph from every file's citations (`citation_lines`).

The checks of a file depend on the graph around it only through the index entries of the ids it names (`refs`) and,
for a did-you-mean, through the set of all ids: a `CheckRecord` keeps what it found with those, and is reused as long
as they are unchanged.
"""

from __future__ import annotations

import hashlib
from collections import ChainMap, Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..core.model import Citation, Entity, Model, Section, Statement
from ..core.names import entity_labels
from ..core.namespaces import CIT
from ..core.problems import Pos, Problem, Problems

_CITATION_SUBJECT = f"<{CIT}"
# Checks whose message names the nearest of all ids: their result depends on the whole set of ids.
GLOBAL_RULES = frozenset({"unknown-id", "unknown-source"})
HIERARCHY = ("locatedIn", "subOrganizationOf")


def file_key(scope: str, name: str, data: bytes) -> str:
    """A file's key: its bytes, its name as problems print it, and `scope` (the code and vocabulary)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (scope.encode(), name.encode("utf-8", "surrogateescape")):
        digest.update(len(part).to_bytes(4, "big") + part)
    digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class IndexEntry:
    """What other files' checks and citations need of an entity: its id, type and a source's sections."""

    id: str
    type: str
    sections: dict[str, Section] = field(default_factory=dict)

    @cached_property
    def fingerprint(self) -> tuple:
        """Equal for entries that every check and citation treats alike (positions left out)."""
        return (self.type, tuple((s.slug, s.heading, s.paragraphs) for s in self.sections.values()))


@dataclass
class FileMeta:
    key: str
    problems: list[Problem]
    ids: list[tuple[str, Pos, Pos]]
    index: dict[str, IndexEntry]
    edges: dict[str, dict[str, list[Statement]]]
    labels: dict[str, str]
    refs: frozenset[str]


def file_meta(key: str, read: Any) -> FileMeta:
    """The summary of a file's read (a kg.load.reader.FileRead)."""
    from ..check.model_checks import hierarchy_edges, references

    entities = read.entities
    return FileMeta(
        key, read.problems, read.ids,
        {i: IndexEntry(i, e.type, dict(e.sections)) for i, e in entities.items()},
        {p: hierarchy_edges(entities.values(), p) for p in HIERARCHY},
        entity_labels(Model(entities)),
        frozenset(references(entities.values())),
    )


def name_entities(entities: Mapping[str, Entity]) -> dict[str, Entity]:
    """The entities with only what finding them by name needs (kg.query.lookup): type, labels, aliases,
    descriptions and name-like statements; a small part of the model, read without the rest."""
    from ..core.names import NAME_PREDICATES

    return {i: Entity(e.id, e.type, e.pos, e.labels, e.aliases, e.descriptions,
                      statements=[s for s in e.statements if s.predicate in NAME_PREDICATES])
            for i, e in entities.items()}


@dataclass
class CheckRecord:
    """What the checks found in one file's entities, and what they depended on."""

    checked: tuple[str, ...]  # the file's entities that were checked (those the merge kept)
    problems: list[Problem]
    deps: dict[str, tuple | None]  # id → its index entry's fingerprint (None: not defined) when checked
    all_ids: str | None  # the fingerprint of all ids, when a message depends on them (a did-you-mean)


def ids_fingerprint(index: Mapping[str, IndexEntry]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for entity_id in sorted(index):
        digest.update(f"{entity_id}\0{index[entity_id].type}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _fingerprint(index: Mapping[str, IndexEntry], entity_id: str) -> tuple | None:
    entry = index.get(entity_id)
    return None if entry is None else entry.fingerprint


def reusable(record: CheckRecord | None, checked: tuple[str, ...], index: Mapping[str, IndexEntry],
             all_ids: Any) -> bool:
    """Whether a file's earlier check record still holds: same entities, same entries for every id it looked up, and
    (if a message named the nearest id) the same set of ids; `all_ids()` gives that set's fingerprint."""
    if record is None or record.checked != checked:
        return False
    if any(_fingerprint(index, i) != fp for i, fp in record.deps.items()):
        return False
    return record.all_ids is None or record.all_ids == all_ids()


def check_file(entities: list[Entity], refs: Iterable[str], index: Mapping[str, IndexEntry], vocab: Any,
               suggest: Any, all_ids: Any) -> CheckRecord:
    """Check a file's entities against the index of the whole graph."""
    from ..check.model_checks import check_entities

    found = Problems()
    check_entities(entities, index, vocab, found, suggest)
    refs = set(refs)
    uses_all = any(p.rule in GLOBAL_RULES for p in found.items)
    return CheckRecord(tuple(e.id for e in entities), found.items, {i: _fingerprint(index, i) for i in refs},
                       all_ids() if uses_all else None)


@dataclass
class FileCompiled:
    """A file's compiled triples, without citation nodes: sorted, unique N-Triples lines."""

    lines: list[str]
    positions: dict[str, Pos]
    entity_types: Counter
    statements: int
    cited: int
    located: int
    citations: dict[tuple, Pos]  # (source, section, paragraph) → where the file first cites it, in that order

    def __getstate__(self) -> dict:  # one text, not a million strings: ~5× faster both ways
        state = dict(self.__dict__)
        state["lines"] = "\n".join(self.lines)
        return state

    def __setstate__(self, state: dict) -> None:
        text = state["lines"]
        state["lines"] = text.split("\n") if text else []
        self.__dict__.update(state)


@dataclass
class CompileSummary:
    """What every build needs of a file's compiled triples without the triples: counts and citations."""

    entity_types: Counter
    statements: int
    cited: int
    located: int
    triples: int
    citations: dict[tuple, Pos]


def summary(comp: FileCompiled) -> CompileSummary:
    return CompileSummary(comp.entity_types, comp.statements, comp.cited, comp.located, len(comp.lines),
                          comp.citations)


def compile_file(entities: Iterable[Entity], index: Mapping[str, Any], vocab: Any) -> FileCompiled:
    """Compile one file's entities with the compiler every build uses; its citation nodes are left out."""
    from ..compile.compiler import Compiler, sorted_unique

    own = {e.id: e for e in entities}
    compiler = Compiler(Model(ChainMap(own, index)), vocab)  # citations look sources up in the whole graph's index
    for entity in own.values():
        compiler.entity(entity)
    lines = sorted_unique([line for line in compiler.out if not line.startswith(_CITATION_SUBJECT)])
    citations = {key: compiler.positions[iri[1:-1]] for key, iri in compiler.citations.items()}
    positions = {iri: pos for iri, pos in compiler.positions.items() if not iri.startswith(CIT)}
    types = Counter({k[5:]: v for k, v in compiler.stats.items() if k.startswith("type:")})
    return FileCompiled(lines, positions, types, compiler.statements, compiler.cited, compiler.located, citations)


def citation_lines(keys: Mapping[tuple, Pos], index: Mapping[str, Any], vocab: Any) -> tuple[list[str], dict[str, Pos]]:
    """The citation nodes of the whole graph (sorted, unique lines) and where each is first cited, from every file's
    citations in file order: made by the same compiler, with the sources' sections from the index."""
    from ..compile.compiler import Compiler, sorted_unique

    compiler = Compiler(Model(index), vocab)  # type: ignore[arg-type] - any mapping of ids to entries will do
    for (source, section, paragraph), pos in keys.items():
        compiler.citation(Citation(source, section, paragraph, pos))
    positions = {iri: pos for iri, pos in compiler.positions.items()}
    return sorted_unique(compiler.out), positions
