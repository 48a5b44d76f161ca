"""The pipeline: load → check → compile → validate shapes. Every step reports into one Problems list.

`check_graph` is how every command gets the graph, and it is cached: the first call after a change to `graph/`,
`ontology/` or the code runs the stages and stores what they found and made (kg.cache); later calls read that
back in milliseconds, warnings included. Heavy libraries (rdflib, PyYAML, pySHACL) are imported only when a stage
actually runs, so a command answered from the cache never pays for them.

SHACL runs in a thread (`start_checks`): pyshacl-turbo validates natively without holding the GIL, so on two cores the
caller's own work — saving the cache, writing the exports into their staging folder — goes on meanwhile, and
`PendingChecks.wait()` gives the complete result.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache.entry import COMPILED_FILE, MODEL_FILE, SHAPES_FILE, CacheEntry
from .core.memory import paused_gc
from .core.problems import Problem, Problems, ValidationFailed
from .load.vocabulary import ONTOLOGY_DIR

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from .compile.compiler import CompiledGraph
    from .core.model import Model
    from .load.vocabulary import Vocabulary

DEFAULT_GRAPH_DIR = Path("graph")
DEFAULT_OUT_DIR = Path("exports")
_CACHE_FORMAT = 3  # bump when the payload's layout changes
_STORE_CHUNK_LINES = 1 << 16  # N-Triples lines given to Oxigraph's bulk loader at a time


class BuildResult:
    """What the stages found and made. From the cache, the model and the compiled graph are each read on first use
    (at a million triples each takes seconds to unpickle): `kg query` touches neither, only the problems and the
    Oxigraph store kept beside them."""

    def __init__(self, vocab: Vocabulary, model: Model | None, problems: Problems,
                 compiled: CompiledGraph | None = None, seconds: dict[str, float] | None = None, *,
                 cached: bool = False, entry: CacheEntry | None = None, compiled_exists: bool | None = None,
                 graph_dir: Path | None = None, labels: dict[str, str] | None = None):
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
            self._model = self._from_cache(MODEL_FILE, "model")
        return self._model

    @property
    def compiled(self) -> CompiledGraph | None:
        if self._compiled is None and self._compiled_exists:
            self._compiled = self._from_cache(COMPILED_FILE, "compiled")
        return self._compiled

    def _from_cache(self, name: str, what: str) -> Any:
        """One part of a cached build, read now; if it is missing or damaged, the stages run again to make it."""
        part = None
        if self._entry is not None:
            with paused_gc():
                part = self._entry.load(name)
            gc.freeze()  # long-lived: the collector need not walk these millions of objects again
        if part is None:
            assert self._graph_dir is not None
            payload = _run_stages(self._graph_dir, {})
            _save(self._entry, payload)
            part = getattr(payload, what)
        return part

    @cached_property
    def rdflib_graph(self) -> rdflib.Graph:
        """The compiled graph (data and vocabulary) as an rdflib Graph with the project's prefixes bound."""
        assert self.compiled is not None
        from .compile.rdflib_graph import rdflib_graph

        with paused_gc():
            return rdflib_graph(self.compiled)

    def oxigraph_store(self, *, keep: bool = True) -> pyoxigraph.Store:
        """The compiled graph in an Oxigraph store. With `keep`, a read-only store on disk in the cache: opened in
        milliseconds once made, which the first query after a change does. Without, a fresh in-memory one: loading
        is ~3× faster than making the disk store and queries on it run faster, but it is gone at exit."""
        assert self.ok or self.compiled is not None
        if self._entry is None or not keep:
            from .cache.kept_store import memory_store

            return memory_store(self.compiled.ntriples_chunks(_STORE_CHUNK_LINES))
        # The chunks are made only if the store must be (re)made: an existing store needs no compiled graph.
        return self._entry.oxigraph_store(lambda: self.compiled.ntriples_chunks(_STORE_CHUNK_LINES))


@dataclass
class _Payload:
    """What one run of the stages gives. The cache keeps it in three files: this (without the model and the compiled
    graph) in PAYLOAD_FILE, the model in MODEL_FILE, the compiled graph in COMPILED_FILE; SHACL's findings in
    SHAPES_FILE."""

    format: int
    vocab: Any
    model: Any
    problems: list[Problem]
    compiled: Any
    seconds: dict[str, float] = field(default_factory=dict)
    compiled_exists: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # entity IRI → label, for tables: small, kept in the head


def _save(entry: CacheEntry | None, payload: _Payload) -> None:
    """The payload into the cache: the parts first, the head last (a head found means its parts were written)."""
    if entry is None:
        return
    entry.save(payload.model, MODEL_FILE)
    if payload.compiled is not None:
        entry.save(payload.compiled, COMPILED_FILE)
    entry.save(replace(payload, vocab=replace(payload.vocab, graph=None), model=None, compiled=None,
                       compiled_exists=payload.compiled is not None))


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


def _run_stages(graph_dir: Path, seconds: dict[str, float]) -> _Payload:
    from .check.model_checks import check_model
    from .compile.compiler import compile_model, ontology_ntriples
    from .core.names import entity_labels
    from .load.reader import read_graph
    from .load.vocabulary import load_vocabulary

    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = now - clock
        clock = now

    problems = Problems()
    vocab = load_vocabulary()
    lap("vocabulary")
    with paused_gc():
        model = read_graph(Path(graph_dir), vocab, problems)
        lap("load")
        check_model(model, vocab, problems)
        lap("check")
        compiled = None
        if not problems.errors:
            compiled = compile_model(model, vocab, ontology_ntriples(vocab))
            lap("compile")
    return _Payload(_CACHE_FORMAT, vocab, model, problems.items, compiled, seconds=seconds,
                    compiled_exists=compiled is not None, labels=entity_labels(model))


class PendingChecks:
    """A checked graph whose SHACL validation may still be running in a thread; `wait()` gives the whole result."""

    def __init__(self, result: BuildResult, entry: CacheEntry | None):
        self.result = result
        self._entry = entry
        self._thread: threading.Thread | None = None
        self._found: list[Problem] = []
        self._failure: BaseException | None = None

    def start_shapes(self, compiled: CompiledGraph) -> None:
        self._thread = threading.Thread(target=self._check_shapes, args=(compiled,), name="kg-shacl", daemon=True)
        self._thread.start()

    def _check_shapes(self, compiled: CompiledGraph) -> None:
        from .check.shacl import validate_shapes

        started = time.perf_counter()
        try:
            found = Problems()
            validate_shapes(compiled.positions, compiled.ntriples(), found)
            self._found = found.items
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
                self._entry.save(self._found, SHAPES_FILE)
        return self.result


def start_checks(graph_dir: Path = DEFAULT_GRAPH_DIR, *, shapes: bool = True) -> PendingChecks:
    """Read, check and compile the graph (or take it from the cache) and, with `shapes`, start SHACL in a thread;
    problems are collected, never raised. `.result` holds everything but SHACL's findings until `.wait()`."""
    entry = _cache_entry(graph_dir)
    with paused_gc():  # unpickling makes the whole model at once: the same many acyclic objects as building it
        payload = entry.load() if entry is not None else None
    if not isinstance(payload, _Payload) or payload.format != _CACHE_FORMAT:
        payload, fresh = None, True
    else:
        fresh = False
    seconds: dict[str, float] = {}
    if payload is None:
        payload = _run_stages(graph_dir, seconds)
    vocab = payload.vocab
    if not fresh:
        vocab = replace(vocab, graph=_LazyOntologyGraph())
    result = BuildResult(vocab, payload.model, Problems(list(payload.problems)), payload.compiled, seconds,
                         cached=not fresh, entry=entry, compiled_exists=payload.compiled_exists, graph_dir=graph_dir,
                         labels=payload.labels)
    pending = PendingChecks(result, entry)
    if shapes and result.ok:
        found = entry.load(SHAPES_FILE) if entry is not None and not fresh else None
        if isinstance(found, list):
            result.problems.items.extend(found)
        else:
            pending.start_shapes(result.compiled)
    if fresh:
        gc.freeze()  # the model and the compiled graph live to the end: the collector need not walk them again
        _save(entry, replace(payload, seconds=dict(seconds)))  # while SHACL runs
    return pending


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
