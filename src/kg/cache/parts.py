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
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..core.memory import LinesPickledAsText
from ..core.model import Citation, Entity, Model, Section
from ..core.namespaces import CIT
from ..core.problems import Pos, Problem, Problems

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


def _joined(state: dict, names: Iterable[str]) -> dict:
    """Lists of texts (without line breaks) pickled as one text each, with their length: far faster both ways."""
    state = dict(state)
    for name in names:
        state[name] = (len(state[name]), "\n".join(state[name]))
    return state


def _split(state: dict, names: Iterable[str]) -> dict:
    for name in names:
        count, text = state[name]
        state[name] = text.split("\n") if count else []
    return state


@dataclass
class FileMeta:
    """A file in brief, read by every build for every file: its ids (every definition, in order), the type and label
    of each, the sections of its sources, the parents it gives, the ids its checks look up. Kept as a few long texts,
    so that it reads back in a millisecond or two."""

    key: str
    problems: list[Problem]
    ids: list[str]
    types: list[str]  # of each definition in `ids`
    labels: list[str]  # of each definition in `ids` ("" for none)
    sections: dict[str, dict[str, Section]]  # a source's sections, by its id (first definition)
    edges: dict[str, dict[str, list[tuple[str, Pos]]]]  # predicate → id → (parent, where) of each
    refs: list[str]  # sorted

    _TEXTS = ("ids", "types", "labels", "refs")

    def __getstate__(self) -> dict:
        return _joined(self.__dict__, self._TEXTS)

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(_split(state, self._TEXTS))


def file_meta(key: str, read: Any) -> FileMeta:
    """The summary of a file's read (a kg.load.reader.FileRead)."""
    from ..check.model_checks import hierarchy_edges, references

    entities = read.entities
    ids = [entity_id for entity_id, _, _ in read.ids]
    types, labels = [], []
    for entity_id in ids:
        entity = entities[entity_id]
        types.append(entity.type)
        labels.append(entity.labels.get("en") or next(iter(entity.labels.values()), ""))
    edges = {p: {i: [(st.value.text, st.pos) for st in sts] for i, sts in hierarchy_edges(entities.values(), p).items()}
             for p in HIERARCHY}
    return FileMeta(key, read.problems, ids, types, labels,
                    {i: dict(e.sections) for i, e in entities.items() if e.sections}, edges,
                    sorted(references(entities.values())))


class Index(Mapping):
    """The whole graph's entities as other files see them: id → IndexEntry (its type, a source's sections), made on
    first use from the files' summaries."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.sections: dict[str, dict[str, Section]] = {}
        self._entries: dict[str, IndexEntry] = {}

    def add(self, entity_id: str, type_name: str, sections: dict[str, Section] | None) -> None:
        self.types[entity_id] = type_name
        if sections:
            self.sections[entity_id] = sections

    def __getitem__(self, entity_id: str) -> IndexEntry:
        entry = self._entries.get(entity_id)
        if entry is None:
            entry = self._entries[entity_id] = IndexEntry(entity_id, self.types[entity_id],
                                                          self.sections.get(entity_id, {}))
        return entry

    def get(self, entity_id: str, default: Any = None) -> Any:
        return self[entity_id] if entity_id in self.types else default

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.types

    def __iter__(self):
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    def fingerprint(self, entity_id: str) -> tuple | None:
        return self[entity_id].fingerprint if entity_id in self.types else None


def name_entities(entities: Mapping[str, Entity]) -> dict[str, Entity]:
    """The entities with only what finding them by name needs (kg.query.lookup): type, labels, aliases,
    descriptions and name-like statements; a small part of the model, read without the rest."""
    from ..core.names import NAME_PREDICATES

    return {i: Entity(e.id, e.type, e.pos, e.labels, e.aliases, e.descriptions,
                      statements=[s for s in e.statements if s.predicate in NAME_PREDICATES])
            for i, e in entities.items()}


@dataclass
class CheckRecord:
    """What the checks found in one file's entities, and which ids they looked up."""

    checked: list[str]  # the file's entities that were checked (those the merge kept)
    problems: list[Problem]
    deps: list[str]  # the ids looked up, sorted
    uses_all_ids: bool  # a message named the nearest of all ids (a did-you-mean): it depends on the set of ids

    def __getstate__(self) -> dict:
        return _joined(self.__dict__, ("checked", "deps"))

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(_split(state, ("checked", "deps")))


def reusable(record: CheckRecord | None, checked: list[str], changed: set[str] | None, ids_changed: bool) -> bool:
    """Whether a file's check record, made in the build before, still holds: the same entities checked, none of the
    ids it looked up changed since (`changed`: None when that is not known), and, if a message named the nearest of
    all ids, no id added or removed."""
    if record is None or changed is None or record.checked != checked:
        return False
    if record.uses_all_ids and ids_changed:
        return False
    return not changed or changed.isdisjoint(record.deps)


def check_file(entities: list[Entity], refs: Iterable[str], index: Mapping[str, Any], vocab: Any,
               suggest: Any) -> CheckRecord:
    """Check a file's entities against the index of the whole graph."""
    from ..check.model_checks import check_entities

    found = Problems()
    check_entities(entities, index, vocab, found, suggest)
    return CheckRecord([e.id for e in entities], found.items, sorted(refs),
                       any(p.rule in GLOBAL_RULES for p in found.items))


@dataclass
class FileCompiled(LinesPickledAsText):
    """A file's compiled triples, without citation nodes: sorted, unique N-Triples lines."""

    lines: list[str]
    positions: dict[str, Pos]
    entity_types: Counter
    statements: int
    cited: int
    located: int
    citations: dict[tuple, Pos]  # (source, section, paragraph) → where the file first cites it, in that order


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


def compile_file(entities: Iterable[Entity], vocab: Any) -> FileCompiled:
    """Compile one file's entities with the compiler every build uses; its citation nodes are left out (they are made
    once for the whole graph, by `citation_lines`)."""
    from ..compile.compiler import Compiler, sorted_unique
    from ..core.terms import citation_iri

    class FileCompiler(Compiler):
        def citation(self, c: Citation) -> str:  # the node's IRI and where it is first cited, not its lines
            key = (c.source, c.section, c.paragraph)
            iri = self.citations.get(key)
            if iri is None:
                iri = self.citations[key] = f"<{citation_iri(c.source, c.section, c.paragraph)}>"
                self.positions.setdefault(iri[1:-1], c.pos)
            return iri

    own = {e.id: e for e in entities}
    compiler = FileCompiler(Model(own), vocab)
    for entity in own.values():
        compiler.entity(entity)
    lines = sorted_unique(compiler.out)
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
