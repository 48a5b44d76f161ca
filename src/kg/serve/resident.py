"""The graph as `kg serve` keeps it: the checked build and an in-memory query engine, held by the host process
(`host.py`), shared by the workers it forks, and brought up to date in place when the graph's files change.

A reload reads the graph again through the pipeline (which takes every unchanged file's work from the build cache)
and applies to the engine only the difference between the old and the new triples. A graph that no longer passes
its checks is not taken: the server goes on answering from the last good one and says why.
"""

from __future__ import annotations

import gc
import os
import resource
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache.kept_store import apply_lines
from ..core.problems import Problem
from ..pipeline import BuildResult, check_graph
from ..query.engines import LocalEngine, OxigraphEngine, RdflibEngine, Term
from .answers import ENTITY_QUERY, Reply, run_parsed, sparql_reply, text_reply
from .host import Handler


@dataclass(frozen=True)
class SparqlRequest:
    text: str
    accept: str
    format: str | None


@dataclass(frozen=True)
class EntityRequest:
    slug: str
    media: str


@dataclass(frozen=True)
class SiteRequest:
    """Build the static site of the graph the worker holds into `folder` (a new folder the server owns)."""

    folder: str


@dataclass
class Loaded:
    """What the host says after reading the graph: whether it can be served, its problems, how many triples."""

    ok: bool
    problems: list[Problem]
    triples: int = 0
    changed: bool = True
    seconds: float = 0.0
    added: int = 0
    removed: int = 0
    generation: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class ServeSettings:
    engine: str = "oxigraph"
    max_rows: int = 10_000
    memory_mb: int = 0  # extra address space a worker may take for one query (0: no limit)


def diff_sorted(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """(removed, added): the lines only in `old` and only in `new`, both lists sorted and without repeats."""
    removed, added = [], []
    i = j = 0
    n_old, n_new = len(old), len(new)
    while i < n_old and j < n_new:
        a, b = old[i], new[j]
        if a == b:
            i += 1
            j += 1
        elif a < b:
            removed.append(a)
            i += 1
        else:
            added.append(b)
            j += 1
    removed.extend(old[i:])
    added.extend(new[j:])
    return removed, added


class Resident(Handler):
    """The graph in the host: loaded once, reloaded on request, answering in the workers."""

    def __init__(self, graph_dir: Path, settings: ServeSettings):
        self.graph_dir = graph_dir
        self.settings = settings
        self.build: BuildResult | None = None
        self.engine: LocalEngine | None = None
        self.ids: frozenset[str] = frozenset()
        self.generation = 0

    # ------------------------------------------------------------------ in the host
    def ready(self) -> Loaded:
        import time

        started = time.perf_counter()
        build = check_graph(self.graph_dir, shapes=False)
        if not build.ok:
            return Loaded(False, build.problems.items)
        self._take(build, self._new_engine(build))
        return Loaded(True, build.problems.items, build.stats.triples, seconds=time.perf_counter() - started)

    def reload(self) -> Loaded:
        import time

        started = time.perf_counter()
        old = self.build
        build = check_graph(self.graph_dir, shapes=False)
        if not build.ok:
            return Loaded(False, build.problems.items, old.stats.triples, changed=False,
                          seconds=time.perf_counter() - started, generation=self.generation)
        delta = None
        if old.cache_entry is not None and build.cache_entry is not None:
            if old.cache_entry.key == build.cache_entry.key:  # back to the same files
                return Loaded(True, build.problems.items, build.stats.triples, changed=False,
                              seconds=time.perf_counter() - started, generation=self.generation)
            known = old.cache_entry.key
            delta = build.delta(lambda entry: entry.key == known)  # what changed, from the files that changed
        if delta is not None:
            removed, added = delta.removed, delta.added
        else:
            removed, added = diff_sorted(old.compiled.lines, build.compiled.lines)
        if not removed and not added:
            self.build = build
            return Loaded(True, build.problems.items, build.stats.triples, changed=False,
                          seconds=time.perf_counter() - started, generation=self.generation)
        engine = self.engine
        if isinstance(engine, OxigraphEngine):
            apply_lines(engine.store, removed, added)
        else:
            engine = self._new_engine(build)
        build._model = _model_after(old, build)
        self.generation += 1
        self._take(build, engine)
        return Loaded(True, build.problems.items, build.stats.triples, seconds=time.perf_counter() - started,
                      added=len(added), removed=len(removed), generation=self.generation)

    def _new_engine(self, build: BuildResult) -> LocalEngine:
        if self.settings.engine == "rdflib":
            return RdflibEngine(build.rdflib_graph)
        return OxigraphEngine(build.oxigraph_store(keep=False))

    def _take(self, build: BuildResult, engine: LocalEngine) -> None:
        _ = build.model  # made now, once, in the host: every worker shares it instead of making it again
        self.build = build
        self.engine = engine
        self.ids = frozenset(build.model.entities)
        gc.collect()
        gc.freeze()  # the collector never walks the graph again, so workers do not copy its pages by touching them

    # ------------------------------------------------------------------ in a worker
    def in_worker(self) -> None:
        if self.settings.memory_mb:
            _limit_memory(self.settings.memory_mb)

    def answer(self, request: Any) -> Reply:
        try:
            if isinstance(request, SparqlRequest):
                return sparql_reply(self.engine, request.text, request.accept, request.format, self.settings.max_rows)
            if isinstance(request, EntityRequest):
                return self._entity(request)
            if isinstance(request, SiteRequest):
                return self._site(request)
            return text_reply(400, "unknown request")
        except MemoryError:
            return text_reply(503, "the answer needed more memory than a request may use here (kg serve --max-memory)")
        except Exception as error:  # noqa: BLE001 - a reply, never a dead worker: the server turns it into a 500
            return text_reply(500, f"the server could not make this answer: {type(error).__name__}: {error}")

    def _entity(self, request: EntityRequest) -> Reply:
        from ..compile.compiler import CompiledGraph
        from ..core.namespaces import MX
        from ..outputs.formats.jsonld import jsonld
        from ..query.engines import ParsedQuery, parse_query
        from .linked_data import HTML, JSONLD, entity_page
        from .results import NTRIPLES, TURTLE, serialize

        if request.slug not in self.ids:
            return text_reply(404, f"no entity `{request.slug}` in the graph")
        if request.media == HTML:
            status, headers = entity_page(request.slug)
            return Reply(status, "text/plain; charset=utf-8", b"", tuple(headers.items()))
        parsed = ParsedQuery(ENTITY_QUERY, "CONSTRUCT", None) if self.engine.name == "oxigraph" \
            else parse_query(ENTITY_QUERY)
        result = run_parsed(self.engine, parsed, {"entity": Term("uri", MX + request.slug)})
        if request.media == JSONLD:  # the exports' own JSON-LD writer, over the entity's triples
            body = jsonld(CompiledGraph(result.ntriples().splitlines()))
            return Reply(200, JSONLD + "; charset=utf-8", body)
        media = request.media if request.media in (TURTLE, NTRIPLES) else TURTLE
        return Reply(200, media + "; charset=utf-8", serialize(result, media))

    def _site(self, request: SiteRequest) -> Reply:
        """The site as `kg site` writes it (the explorer and the SPARQL examples inside), served from the root."""
        from ..query.library import DEFAULT_LIBRARY_DIR, load_library
        from ..site import QueryExample, SiteInputs, build_site, read_history
        from ..site.paths import EXPLORER_ENTITY_PAGE
        from ..view.page import render_view

        build = self.build
        queries = [QueryExample.of(q) for q in load_library(DEFAULT_LIBRARY_DIR).values()] \
            if DEFAULT_LIBRARY_DIR.is_dir() else []
        explorer = render_view(build.model, build.vocab, entity_page=EXPLORER_ENTITY_PAGE)
        inputs = SiteInputs(build.model, build.vocab, build.compiled, explorer_html=explorer, queries=queries,
                            served_path="/", history=read_history(self.graph_dir))
        summary = build_site(inputs, Path(request.folder))
        return Reply(200, "text/plain; charset=utf-8", f"{summary.files} files".encode())


def _model_after(old: BuildResult, new: BuildResult) -> Any:
    """The new build's model, with the entities of files that did not change taken from the old model (the same
    objects: only the changed files' reads are loaded)."""
    from ..core.model import Model

    before = dict(old.files)
    built = new.built
    entities: dict = {}
    for i, (name, key) in enumerate(new.files):
        if before.get(name) == key:
            for entity_id in built.winners[i]:
                entities[entity_id] = old.model.entities[entity_id]
        else:
            read = built.read(i)
            for entity_id in built.winners[i]:
                entities[entity_id] = read.entities[entity_id]
    return Model(entities)


def _limit_memory(extra_mb: int) -> None:
    """Cap this worker's address space at what it maps now (the graph, shared with the host) plus `extra_mb`."""
    try:
        with open(f"/proc/{os.getpid()}/statm") as statm:
            pages = int(statm.read().split()[0])
        mapped = pages * os.sysconf("SC_PAGE_SIZE")
        limit = mapped + extra_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
