"""Writing the compiled graph as files: Turtle, N-Triples and JSON-LD, byte-identical for the same input.

A build's files replace the previous set in one atomic step (`export_set.py`), so a failed or killed build leaves the
previous exports as they were. Each format is rendered in chunks and streamed into its file, so a graph of millions of
triples never needs all three files in memory at once. The Turtle is Oxigraph's serialiser's; the JSON-LD is the
project's own text (`jsonld_text.py`), written fast by `rdf_text.py`. While one file is written, a thread makes the
next chunks.
"""

from __future__ import annotations

import io
import queue
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..compile.compiler import CompiledGraph
from ..core.memory import paused_gc
from ..core.namespaces import PREFIXES
from . import jsonld_text as jl
from .rdf_terms import Terms
from .rdf_text import render

EXPORT_NAME = "mxsec"
CHUNK_LINES = 1 << 13  # N-Triples lines encoded at a time (about 1 MB: a few MB more would raise the peak)


def ntriples_chunks(compiled: CompiledGraph) -> Iterator[bytes]:
    """The N-Triples text, encoded a block of lines at a time."""
    return compiled.ntriples_chunks(CHUNK_LINES)


class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of byte chunks, so Oxigraph can parse text that is never joined whole."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = iter(chunks)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            self._pending = next(self._chunks, None)
            if self._pending is None:
                self._pending = b""
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _parsed(compiled: CompiledGraph) -> Iterator[ox.Triple]:
    return ox.parse(io.BufferedReader(_ChunkReader(ntriples_chunks(compiled)), 1 << 20), format=ox.RdfFormat.N_TRIPLES)


def turtle_chunks(compiled: CompiledGraph) -> Iterator[bytes]:
    """Turtle grouped by subject in IRI order, with the project's prefixes (one new fact, one small diff)."""
    with tempfile.TemporaryFile() as body:  # Oxigraph streams into it: the text is never held whole in memory
        ox.serialize(_parsed(compiled), body, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        body.seek(0)
        # Oxigraph writes the prefix lines in an order of its own; write them ourselves in ours, so it cannot drift.
        yield "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()).encode("utf-8") + b"\n"
        line = body.readline()
        while line.startswith(b"@prefix "):
            line = body.readline()
        yield line
        while chunk := body.read(1 << 20):
            yield chunk


def turtle(compiled: CompiledGraph) -> bytes:
    """Turtle grouped by subject in IRI order, with the project's prefixes (one new fact, one small diff)."""
    return b"".join(turtle_chunks(compiled))


def ntriples(compiled: CompiledGraph) -> bytes:
    return b"".join(ntriples_chunks(compiled))


def jsonld_chunks(compiled: CompiledGraph) -> Iterator[bytes]:
    """JSON-LD with a prefix context, streamed node by node: the same text as `json.dumps(document, indent=1)`
    of `{"@context": PREFIXES, "@graph": [node, ...]}`, written without building the document.

    The fast writer (`rdf_text.py`) says only at the end whether its text holds for this graph, so its text waits in a
    temporary file; if it does not hold, `jsonld_text`'s plain definition is written instead."""
    terms = Terms(PREFIXES)
    with tempfile.TemporaryFile() as spool:
        written = False
        for nodes in render(compiled.lines, terms):
            if not written:
                spool.write(jl.document_head().encode("utf-8"))
                written = True
            spool.write(nodes.encode("utf-8"))
        if not terms.jsonld_exact:
            yield from jl.jsonld_chunks(compiled.lines)
            return
        if not written:
            yield jl.empty_document().encode("utf-8")
            return
        spool.write(jl.DOCUMENT_TAIL.encode("utf-8"))
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            yield chunk


def jsonld(compiled: CompiledGraph) -> bytes:
    """JSON-LD with a prefix context: one node object per subject, in the same order as the Turtle."""
    return b"".join(jsonld_chunks(compiled))


class _Ahead:
    """The files' chunks, made in order by one thread of its own, each file's up to `depth` ahead of the writer.
    Writing to a file lets go of Python's lock, so on two cores the next chunks are made while the last ones are
    written, and the next file's first ones while a file is flushed to disk. An error in making them is raised to the
    writer; close() stops the thread."""

    _END = object()

    def __init__(self, files: list[Iterable[bytes]], depth: int = 2):
        self._queues: list[queue.Queue] = [queue.Queue(depth) for _ in files]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._make, args=(files,), name="kg-export", daemon=True)
        self._thread.start()

    def _put(self, pending: queue.Queue, item: object) -> bool:
        while not self._stop.is_set():
            try:
                pending.put(item, timeout=0.05)
                return True
            except queue.Full:
                pass
        return False

    def _make(self, files: list[Iterable[bytes]]) -> None:
        for chunks, pending in zip(files, self._queues, strict=True):
            try:
                for chunk in chunks:
                    if not self._put(pending, chunk):
                        return
            except BaseException as exc:  # noqa: BLE001 - raised again in the writer's thread
                self._put(pending, exc)
                return
            if not self._put(pending, self._END):
                return

    def chunks(self, index: int) -> Iterator[bytes]:
        """The chunks of the file at `index`, as they are made."""
        pending = self._queues[index]
        while (item := pending.get()) is not self._END:
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _later(streamer: Callable[[CompiledGraph], Iterable[bytes]], compiled: CompiledGraph) -> Iterator[bytes]:
    """The streamer's chunks, from the first time one is asked for."""
    yield from streamer(compiled)


WRITERS: dict[str, tuple[str, Callable[[CompiledGraph], bytes]]] = {
    "ttl": (".ttl", turtle),
    "nt": (".nt", ntriples),
    "jsonld": (".jsonld", jsonld),
}
# The same formats rendered in chunks, for writing files without holding each one whole.
STREAMERS: dict[str, Callable[[CompiledGraph], Iterable[bytes]]] = {
    "ttl": turtle_chunks,
    "nt": ntriples_chunks,
    "jsonld": jsonld_chunks,
}


def write_exports(
    compiled: CompiledGraph, out_dir: Path, formats: Iterable[str] = ("ttl", "nt", "jsonld"),
    before_swap: Callable[[], None] | None = None,
) -> list[Path]:
    """Render and write every format as one set that replaces the previous one atomically; returns the paths written.

    Raises OSError (with the path) when the folder cannot be written; then nothing changed. `before_swap` runs when
    the new set is written, before it replaces the old one; if it raises, nothing changes."""
    from .export_set import replace_export_set

    formats = list(formats)
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(unknown)}")
    with paused_gc():
        # A thread makes the files' chunks in turn (lazily: a stream starts when the one before is done), ahead of
        # the writing.
        ahead = _Ahead([_later(STREAMERS[f], compiled) for f in formats])
        try:
            return replace_export_set(
                out_dir, ((EXPORT_NAME + WRITERS[f][0], ahead.chunks(i)) for i, f in enumerate(formats)), before_swap
            )
        finally:
            ahead.close()
