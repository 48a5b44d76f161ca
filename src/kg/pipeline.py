"""The pipeline: load → check → compile → validate shapes. Every step reports into one Problems list.

`check_graph` is how every command gets the graph, and it is cached twice over:

- **The whole build.** The first call after a change to `graph/`, `ontology/` or the code stores what the stages found
  and made (kg.cache); later calls read that back in milliseconds, warnings included.
- **Each file's work.** A file's read, its summary, its compiled triples and its checks are kept under a key of the
  file's own content (kg.cache.parts), so after an edit only the changed files are read and compiled again; the checks
  that look across files run over a small index of the whole graph (ids, types, sources' sections), and a file's
  checks are redone only when an entry they looked up changed. The model and the compiled graph are put together from
  the parts only when a command asks for them.

Heavy libraries (rdflib, PyYAML, pySHACL) are imported only when a stage actually runs, so a command answered from the
cache never pays for them.

SHACL runs in a thread (`start_checks`): pyshacl-turbo validates natively without holding the GIL, so on two cores the
caller's own work — saving the cache, writing the exports into their staging folder — goes on meanwhile, and
`PendingChecks.wait()` gives the complete result. After an edit it checks only the nodes the edit can have changed the
findings of (kg.check.shacl.affected_nodes), with the findings of the build before kept for the rest.
"""

from __future__ import annotations

import gc
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache.entry import CHECKS_FILE, CITATIONS_FILE, IDS_FILE, SHAPES_FILE, CacheEntry
from .core.memory import paused_gc
from .core.namespaces import MX
from .core.problems import Problem, Problems, ValidationFailed
from .load.vocabulary import ONTOLOGY_DIR

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from .cache.parts import FileCompiled, FileMeta
    from .compile.compiler import CompiledGraph
    from .core.model import Model
    from .load.reader import FileRead
    from .load.vocabulary import Vocabulary

DEFAULT_GRAPH_DIR = Path("graph")
DEFAULT_OUT_DIR = Path("exports")
_CACHE_FORMAT = 4  # bump when the payload's layout changes
_STORE_CHUNK_LINES = 1 << 16  # N-Triples lines given to Oxigraph's bulk loader at a time
_READ, _META, _COMPILED, _SUMMARY, _NAMES, _VOCAB = "read", "meta", "comp", "csum", "names", "vocab"


@dataclass
class GraphStats:
    """The compiled graph's counts, kept in the head of a cached build (the summary needs no compiled graph)."""

    entity_types: Counter = field(default_factory=Counter)
    statements: int = 0
    cited: int = 0
    located: int = 0
    triples: int = 0


@dataclass
class Citations:
    """The citation nodes of the whole graph: their lines (sorted), where each is first cited, and the keys in order."""

    lines: list[str]
    positions: dict
    keys: dict

    def __getstate__(self) -> dict:  # the lines as one text: far faster to pickle both ways
        return {**self.__dict__, "lines": "\n".join(self.lines)}

    def __setstate__(self, state: dict) -> None:
        text = state["lines"]
        self.__dict__.update({**state, "lines": text.split("\n") if text else []})


class BuildResult:
    """What the stages found and made. The model and the compiled graph are each put together on first use (at a
    million triples that takes a second or two): `kg query` touches neither, only the problems and the Oxigraph
    store kept beside them."""

    def __init__(self, vocab: Vocabulary, model: Model | None, problems: Problems,
                 compiled: CompiledGraph | None = None, seconds: dict[str, float] | None = None, *,
                 cached: bool = False, entry: CacheEntry | None = None, compiled_exists: bool | None = None,
                 graph_dir: Path | None = None, labels: dict[str, str] | None = None, built: _Built | None = None,
                 files: list[tuple[str, str]] | None = None, stats: GraphStats | None = None,
                 entity_count: int | None = None):
        self.vocab = vocab
        self.problems = problems
        self.seconds = seconds if seconds is not None else {}
        self.cached = cached  # True when the stages did not run: everything came from the cache
        self._model = model
        self._compiled = compiled
        self._compiled_exists = compiled is not None if compiled_exists is None else compiled_exists
        self._entry = entry
        self._graph_dir = graph_dir
        self._labels = labels
        self._built = built  # this run's own work, when the stages ran
        self.files = files or []  # (file name as problems print it, its key), in order
        self.stats = stats
        self._entity_count = entity_count

    @property
    def entity_count(self) -> int:
        """How many entities the graph defines (each id once), without putting the model together."""
        if self._entity_count is None:
            self._entity_count = len(self._built.index) if self._built is not None else len(self.model.entities)
        return self._entity_count

    @property
    def labels(self) -> dict[str, str]:
        """Entity IRI → English label (or any label), as tables show them; from the cache without the model."""
        if self._labels is None:
            from .core.names import entity_labels

            self._labels = entity_labels(self.model)
        return self._labels

    @property
    def ok(self) -> bool:
        return not self.problems.errors and self._compiled_exists

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = self._assemble("model")
        return self._model

    @property
    def compiled(self) -> CompiledGraph | None:
        if self._compiled is None and self._compiled_exists:
            self._compiled = self._assemble("compiled")
        return self._compiled

    def _assemble(self, what: str) -> Any:
        """The model or the compiled graph, put together from the files' parts (a part missing or damaged is made
        again from its file)."""
        built = self.built
        with paused_gc():
            part = built.model() if what == "model" else built.compiled()
            gc.freeze()  # long-lived: the collector need not walk these millions of objects again
        return part

    def name_model(self) -> Model:
        """The entities with only what finding them by name needs (their names, type and descriptions), each file's
        read from the cache when first needed: an id is found in a few milliseconds, where the whole model takes
        seconds at a million triples. For `kg query --param`."""
        if self._model is not None or self._entry is None or not self.files:
            return self.model
        from .core.model import Model

        where = self._entry.load(IDS_FILE)
        if not isinstance(where, dict):
            return self.model
        return Model(_NameEntities(self, where))  # type: ignore[arg-type] - a read-only mapping of ids

    @property
    def cache_entry(self) -> CacheEntry | None:
        """The cache entry this build is kept in (None when the cache is off)."""
        return self._entry

    def delta(self, want: Any) -> Any:
        """The triples removed and added since the most recent earlier build in the cache that `want(entry)`
        accepts (kg.cache.delta.Delta), or None."""
        from .cache.delta import find_delta

        return find_delta(self, _CACHE_FORMAT, want)

    @property
    def built(self) -> _Built:
        """This build's per-file work (made again from the cache's parts if this result came from a warm entry)."""
        if self._built is None:
            assert self._graph_dir is not None
            self._built = _run_stages(self._graph_dir, self._entry, {})
        return self._built

    @property
    def rdflib_graph(self) -> rdflib.Graph:
        """The compiled graph (data and vocabulary) as an rdflib Graph with the project's prefixes bound."""
        if getattr(self, "_rdflib", None) is None:
            assert self.compiled is not None
            from .compile.rdflib_graph import rdflib_graph

            with paused_gc():
                self._rdflib = rdflib_graph(self.compiled)
        return self._rdflib

    def oxigraph_store(self, *, keep: bool = True) -> pyoxigraph.Store:
        """The compiled graph in an Oxigraph store. With `keep`, a read-only store on disk in the cache: opened in
        milliseconds once made, and after an edit made from the store of the build before by adding and removing
        the triples that changed. Without, a fresh in-memory one: loading is ~3× faster than making the disk store
        and queries on it run faster, but it is gone at exit."""
        assert self.ok or self.compiled is not None
        if self._entry is None or not keep:
            from .cache.kept_store import memory_store

            return memory_store(self.compiled.ntriples_chunks(_STORE_CHUNK_LINES))
        from .cache.delta import store_from_earlier

        # The chunks are made only if the store must be (re)made: an existing store needs no compiled graph.
        return self._entry.oxigraph_store(lambda: self.compiled.ntriples_chunks(_STORE_CHUNK_LINES),
                                          earlier=lambda: store_from_earlier(self, _CACHE_FORMAT))


class _NameEntities(Mapping):
    """id → the entity with its names only, each file's part read on first use (see BuildResult.name_model)."""

    def __init__(self, result: BuildResult, where: dict[str, int]):
        self._result = result
        self._where = where  # id → index of its file, in the model's order
        self._parts: dict[int, dict] = {}

    def _part(self, i: int) -> dict:
        if i not in self._parts:
            from .cache.parts import name_entities

            key = self._result.files[i][1]
            part = self._result._entry.load_part(_NAMES, key)
            if part is None:
                part = name_entities(self._result.built.read(i).entities)
                self._result._entry.save_part(_NAMES, key, part, compress=True)
            self._parts[i] = part
        return self._parts[i]

    def __getitem__(self, entity_id: str) -> Any:
        return self._part(self._where[entity_id])[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


@dataclass
class _Payload:
    """The head of a cached build (PAYLOAD_FILE): what every command reads. The files' parts, the checks' records and
    the citation nodes are kept beside it; SHACL's findings in SHAPES_FILE."""

    format: int
    vocab: Any
    model: Any
    problems: list[Problem]
    compiled: Any
    seconds: dict[str, float] = field(default_factory=dict)
    compiled_exists: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # entity IRI → label, for tables: small, kept in the head
    files: list[tuple[str, str]] = field(default_factory=list)  # (name, key) of each entity file, in order
    stats: GraphStats | None = None
    scope: str = ""  # the code and ontology the files' keys were made with
    entities: int = 0


class _LazyOntologyGraph:
    """Stands in for a cached vocabulary's rdflib graph (not pickled: rdflib is slow to import); read on first use."""

    def _graph(self) -> rdflib.Graph:
        graph = self.__dict__.get("graph")
        if graph is None:
            from .load.vocabulary import load_vocabulary

            graph = self.__dict__["graph"] = load_vocabulary().graph
        return graph

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._graph(), name)

    def __len__(self) -> int:
        return len(self._graph())

    def __iter__(self) -> Iterator:
        return iter(self._graph())

    def __contains__(self, triple: object) -> bool:
        return triple in self._graph()


def _cache_entry(graph_dir: Path) -> CacheEntry | None:
    try:
        return CacheEntry.for_graph(graph_dir, ONTOLOGY_DIR, str(graph_dir))
    except OSError:  # an unreadable file: the reader will say which; build without the cache
        return None


# ---------------------------------------------------------------------------------------------- the stages
class _Built:
    """One run of the stages, file by file: the per-file parts (found in the cache or made now), the merged index,
    problems and counts; the model and the compiled graph are put together from the parts when asked for."""

    def __init__(self, entry: CacheEntry | None, vocab: Vocabulary, ontology: list[str]):
        self.entry = entry
        self.vocab = vocab
        self.ontology = ontology
        self.names: list[str] = []
        self.keys: list[str] = []
        self.paths: list[Path] = []
        self.metas: list[FileMeta] = []
        self.reads: dict[int, FileRead] = {}
        self.comps: dict[int, FileCompiled] = {}
        self.winners: list[list[str]] = []
        from .cache.parts import Index

        self.index = Index()
        self.problems = Problems()
        self.records: dict[str, Any] = {}
        self.citations: Citations | None = None
        self.stats: GraphStats | None = None
        self.labels: dict[str, str] = {}
        self.fresh: set[int] = set()  # files read in this run

    def read(self, i: int) -> FileRead:
        """File i's read: from this run, from the cache, or (its part gone or damaged) read again now."""
        if i not in self.reads:
            part = self.entry.load_part(_READ, self.keys[i]) if self.entry is not None else None
            if part is None:
                from .load.reader import read_file_alone

                part = read_file_alone(self.vocab, self.paths[i])
                if self.entry is not None:
                    self.entry.save_part(_READ, self.keys[i], part, compress=True)
            self.reads[i] = part
        return self.reads[i]

    def comp(self, i: int) -> FileCompiled:
        """File i's compiled triples: from this run, from the cache, or compiled again now."""
        if i not in self.comps:
            part = self.entry.load_part(_COMPILED, self.keys[i]) if self.entry is not None else None
            if part is None:
                from .cache.parts import compile_file

                read = self.read(i)
                part = compile_file([read.entities[e] for e in self.winners[i]], self.vocab)
                if self.entry is not None:
                    self.entry.save_part(_COMPILED, self.keys[i], part, compress=True)
            self.comps[i] = part
        return self.comps[i]

    def model(self) -> Model:
        from .load.reader import merge_reads

        return merge_reads([self.read(i) for i in range(len(self.keys))], Problems())

    def compiled(self) -> CompiledGraph | None:
        from .compile.compiler import CompiledGraph, sorted_unique

        if self.citations is None or self.stats is None:
            return None
        comps = [self.comp(i) for i in range(len(self.keys))]
        lines: list[str] = []
        positions: dict = {}
        for comp in comps:
            lines += comp.lines
            for iri, pos in comp.positions.items():
                positions.setdefault(iri, pos)
        lines += self.citations.lines
        lines += self.ontology
        for iri, pos in self.citations.positions.items():
            positions.setdefault(iri, pos)
        stats = self.stats
        return CompiledGraph(sorted_unique(lines), positions, Counter(stats.entity_types), stats.statements,
                             stats.cited, stats.located)


def _vocabulary(entry: CacheEntry | None) -> tuple[Vocabulary, list[str]]:
    """The vocabulary and its triples, kept once per version of the code and the ontology."""
    if entry is not None and entry.scope:
        kept = entry.load_part(_VOCAB, entry.scope)
        if isinstance(kept, tuple) and len(kept) == 2:
            vocab, lines = kept
            return replace(vocab, graph=_LazyOntologyGraph()), lines
    from .compile.compiler import ontology_ntriples
    from .load.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    lines = ontology_ntriples(vocab)
    if entry is not None and entry.scope:
        entry.save_part(_VOCAB, entry.scope, (replace(vocab, graph=None), lines))
    return vocab, lines


def _previous_checks(entry: CacheEntry | None, built: _Built) -> tuple[dict[str, Any], set[str] | None, bool]:
    """The checks' records of the most recent build kept, the ids whose index entries changed since (None when that
    cannot be known: then every file is checked again), and whether ids were added or removed since."""
    from .cache.parts import IndexEntry

    if entry is None:
        return {}, None, True
    for earlier in ([entry] if entry.is_ours() else []) + [entry.other_entry(p) for p in entry.others()[:1]]:
        records = earlier.load(CHECKS_FILE)
        head = earlier.load()
        if not isinstance(records, dict) or getattr(head, "format", None) != _CACHE_FORMAT:
            continue
        if getattr(head, "scope", None) != entry.scope or any(p.rule == "duplicate-id" for p in head.problems):
            return records, None, True
        before = dict(head.files)
        now = dict(zip(built.names, built.keys, strict=True))
        old_metas, new_metas = [], []
        for name in before.keys() | now.keys():
            if before.get(name) == now.get(name):
                continue
            if name in before:
                meta = entry.load_part(_META, before[name])
                if meta is None:
                    return records, None, True
                old_metas.append(meta)
            if name in now:
                new_metas.append(built.metas[built.names.index(name)])
        old_entries: dict[str, tuple] = {}
        for meta in old_metas:
            for entity_id, type_name in zip(meta.ids, meta.types, strict=True):
                if entity_id not in old_entries:
                    sections = meta.sections.get(entity_id, {})
                    old_entries[entity_id] = IndexEntry(entity_id, type_name, sections).fingerprint
        new_ids = {entity_id for meta in new_metas for entity_id in meta.ids}
        changed = {entity_id for entity_id in old_entries.keys() | new_ids
                   if old_entries.get(entity_id, built.index.fingerprint(entity_id))
                   != built.index.fingerprint(entity_id) or (entity_id in new_ids) != (entity_id in old_entries)}
        return records, changed, set(old_entries) != new_ids
    return {}, None, True


def _report_duplicates(built: _Built, duplicated: list[tuple[int, str]], first: dict[str, int]) -> None:
    """Each later definition of an id as an error at its id, against the first definition (as one reader reading
    the files in turn reports it); the positions come from the files' reads."""
    where: dict[str, Any] = {}
    for i in sorted({first[entity_id] for _, entity_id in duplicated}):
        for entity_id, _, entity_pos in built.read(i).ids:
            if first.get(entity_id) == i:
                where.setdefault(entity_id, entity_pos)
    for i in sorted({i for i, _ in duplicated}):
        seen_here: dict[str, int] = {}
        for entity_id, id_pos, _ in built.read(i).ids:
            seen_here[entity_id] = seen_here.get(entity_id, 0) + 1
            if first[entity_id] != i or seen_here[entity_id] > 1:
                built.problems.error(id_pos, "duplicate-id",
                                     f"duplicate id `{entity_id}`; first defined at {where[entity_id]}")


def _run_stages(graph_dir: Path, entry: CacheEntry | None, seconds: dict[str, float]) -> _Built:
    from .cache.parts import (
        check_file,
        citation_lines,
        compile_file,
        file_key,
        file_meta,
        name_entities,
        reusable,
        summary,
    )
    from .check.model_checks import HIERARCHY_PROPERTIES, Suggestions, check_hierarchy_edges
    from .load.reader import entity_files, read_files
    from .load.yamlfile import display_path

    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = now - clock
        clock = now

    vocab, ontology = _vocabulary(entry)
    built = _Built(entry, vocab, ontology)
    problems = built.problems
    lap("vocabulary")
    scope = entry.scope if entry is not None else ""
    with paused_gc():
        # Read: each file's summary from the cache, or the file itself (all missing files at once, on two cores).
        built.paths = entity_files(Path(graph_dir), problems)
        missing = []
        hashes = entry.file_hashes if entry is not None else {}
        for i, path in enumerate(built.paths):
            name = display_path(path)
            data = hashes.get(str(path))  # read and hashed once already, for the entry's key
            if data is None:
                try:
                    data = hashlib.blake2b(path.read_bytes(), digest_size=32).digest()
                except OSError:
                    data = b"\0unreadable\0"  # the reader reports it; never cached under a real file's key
            key = file_key(scope, name, data)
            built.names.append(name)
            built.keys.append(key)
            meta = entry.load_part(_META, key) if entry is not None else None
            built.metas.append(meta)
            if meta is None:
                missing.append(i)
        for i, read in zip(missing, read_files(vocab, [built.paths[i] for i in missing]), strict=True):
            meta = file_meta(built.keys[i], read)
            built.reads[i] = read
            built.metas[i] = meta
            built.fresh.add(i)
            if entry is not None and not any(p.rule == "io" for p in read.problems):
                entry.save_part(_READ, built.keys[i], read, compress=True)
                entry.save_part(_NAMES, built.keys[i], name_entities(read.entities), compress=True)
                entry.save_part(_META, built.keys[i], meta)
        lap("load")

        # Merge: each id's first definition wins (a later one is an error at its id); the index of the whole graph.
        index = built.index
        first: dict[str, int] = {}
        duplicated: list[tuple[int, str]] = []
        for i, meta in enumerate(built.metas):
            problems.items.extend(meta.problems)
            kept = []
            for entity_id, type_name, label in zip(meta.ids, meta.types, meta.labels, strict=True):
                if entity_id in first:
                    duplicated.append((i, entity_id))
                    continue
                first[entity_id] = i
                index.add(entity_id, type_name, meta.sections.get(entity_id))
                kept.append(entity_id)
                if label:
                    built.labels.setdefault(MX + entity_id, label)
            built.winners.append(kept)
        if duplicated:  # where each was defined is read from the files' parts (only then)
            _report_duplicates(built, duplicated, first)

        # Checks: a file's own, against the index, redone only when an id they looked up changed since the last build.
        records, changed, ids_changed = _previous_checks(entry, built)
        suggest = Suggestions(index, vocab)
        for i, meta in enumerate(built.metas):
            checked = built.winners[i]
            record = records.get(meta.key)
            if not reusable(record, checked, None if duplicated else changed, ids_changed):
                read = built.read(i)
                record = check_file([read.entities[e] for e in checked], meta.refs, index, vocab, suggest)
            built.records[meta.key] = record
            problems.items.extend(record.problems)
        for predicate in HIERARCHY_PROPERTIES:
            parents: dict[str, list] = {}
            for i, meta in enumerate(built.metas):
                edges = meta.edges.get(predicate, {})
                for entity_id in built.winners[i]:
                    if entity_id in edges:
                        parents[entity_id] = edges[entity_id]
            check_hierarchy_edges(parents, index, predicate, problems)
        lap("check")

        # Compile: each file's own triples (kept per file), then the citation nodes of the whole graph.
        if not problems.errors:
            stats = GraphStats()
            keys: dict = {}
            for i in range(len(built.keys)):
                brief = entry.load_part(_SUMMARY, built.keys[i]) if entry is not None else None
                if brief is None:
                    read = built.read(i)
                    comp = built.comps[i] = compile_file([read.entities[e] for e in built.winners[i]], vocab)
                    brief = summary(comp)
                    if entry is not None:
                        entry.save_part(_COMPILED, built.keys[i], comp, compress=True)
                        entry.save_part(_SUMMARY, built.keys[i], brief)
                stats.entity_types.update(brief.entity_types)
                stats.statements += brief.statements
                stats.cited += brief.cited
                stats.located += brief.located
                stats.triples += brief.triples
                for key, pos in brief.citations.items():
                    keys.setdefault(key, pos)
            lines, positions = citation_lines(keys, index, vocab)
            built.citations = Citations(lines, positions, keys)
            stats.triples += len(lines) + len(ontology)
            built.stats = stats
            lap("compile")
        gc.freeze()  # before the collector is back: else its first pass walks everything made above
    return built


# ---------------------------------------------------------------------------------------------- checks and shapes
class PendingChecks:
    """A checked graph whose SHACL validation may still be running in a thread; `wait()` gives the whole result."""

    def __init__(self, result: BuildResult, entry: CacheEntry | None):
        self.result = result
        self._entry = entry
        self._thread: threading.Thread | None = None
        self._found: list[Problem] = []
        self._findings: Any = None
        self._failure: BaseException | None = None

    def start_shapes(self) -> None:
        self._thread = threading.Thread(target=self._check_shapes, name="kg-shacl", daemon=True)
        self._thread.start()

    def _check_shapes(self) -> None:
        from .cache.delta import shape_findings

        started = time.perf_counter()
        try:
            self._findings = shape_findings(self.result, _CACHE_FORMAT, SHAPES_FILE)
            self._found = self._findings.problems()
        except BaseException as failure:  # noqa: BLE001 - raised again by wait(), in the caller's thread
            self._failure = failure
        self.result.seconds["shacl"] = time.perf_counter() - started

    def wait(self) -> BuildResult:
        """The result with SHACL's problems added (once), after the thread has finished; its findings are cached."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            if self._failure is not None:
                raise self._failure
            self.result.problems.items.extend(self._found)
            if self._entry is not None:
                self._entry.save(self._findings, SHAPES_FILE)
        return self.result


def start_checks(graph_dir: Path = DEFAULT_GRAPH_DIR, *, shapes: bool = True) -> PendingChecks:
    """Read, check and compile the graph (or take it from the cache) and, with `shapes`, start SHACL in a thread;
    problems are collected, never raised. `.result` holds everything but SHACL's findings until `.wait()`."""
    entry = _cache_entry(graph_dir)
    with paused_gc():
        payload = entry.load() if entry is not None else None
    if not isinstance(payload, _Payload) or payload.format != _CACHE_FORMAT:
        payload = None
    seconds: dict[str, float] = {}
    if payload is not None:
        result = BuildResult(replace(payload.vocab, graph=_LazyOntologyGraph()), None,
                             Problems(list(payload.problems)), None, seconds, cached=True, entry=entry,
                             compiled_exists=payload.compiled_exists, graph_dir=graph_dir, labels=payload.labels,
                             files=payload.files, stats=payload.stats, entity_count=payload.entities)
    else:
        built = _run_stages(graph_dir, entry, seconds)
        gc.freeze()  # what this run made lives to the end: the collector need not walk it again
        result = BuildResult(built.vocab, None, Problems(list(built.problems.items)), None, seconds, cached=False,
                             entry=entry, compiled_exists=built.stats is not None, graph_dir=graph_dir,
                             labels=built.labels, built=built, files=list(zip(built.names, built.keys, strict=True)),
                             stats=built.stats)
    pending = PendingChecks(result, entry)
    if shapes and result.ok:
        found = entry.load(SHAPES_FILE) if entry is not None and payload is not None else None
        if found is not None and hasattr(found, "problems"):
            result.problems.items.extend(found.problems())
        else:
            pending.start_shapes()
    if payload is None:
        _save(entry, result)  # while SHACL runs
    return pending


def _save(entry: CacheEntry | None, result: BuildResult) -> None:
    """The build into the cache: its checks' records and citation nodes first, the head last (a head found means the
    rest was written)."""
    if entry is None:
        return
    built = result._built
    entry.save(built.records, CHECKS_FILE)
    entry.save({entity_id: i for i, ids in enumerate(built.winners) for entity_id in ids}, IDS_FILE)
    if built.citations is not None:
        entry.save(built.citations, CITATIONS_FILE)
    vocab = replace(result.vocab, graph=None)
    entry.save(_Payload(_CACHE_FORMAT, vocab, None, list(result.problems.items), None, dict(result.seconds),
                        result._compiled_exists, result.labels, result.files, result.stats, entry.scope,
                        result.entity_count))


def check_graph(graph_dir: Path = DEFAULT_GRAPH_DIR, *, shapes: bool = True) -> BuildResult:
    """Read, check, compile and (with `shapes`) SHACL-validate the graph; problems are collected, never raised.

    The answer is the same whether it comes from the cache or from running the stages (`result.cached` says which).
    """
    return start_checks(graph_dir, shapes=shapes).wait()


def build_graph(graph_dir: Path = DEFAULT_GRAPH_DIR) -> rdflib.Graph:
    """The validated graph as rdflib; raises ValidationFailed (carrying every problem) if it has errors."""
    result = check_graph(graph_dir)
    if not result.ok:
        raise ValidationFailed(result.problems)
    return result.rdflib_graph
