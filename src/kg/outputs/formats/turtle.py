"""Turtle grouped by subject in IRI order, with the project's prefixes (one new fact, one small diff): Oxigraph's
serialiser, streamed from the compiled N-Triples without holding either text whole."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ...core.namespaces import PREFIXES
from . import EXPORT_NAME, ExportFormat, ExportInputs, Files

if TYPE_CHECKING:
    import pyoxigraph as ox

    from ...compile.compiler import CompiledGraph

CHUNK_LINES = 1 << 13  # N-Triples lines encoded at a time (about 1 MB: a few MB more would raise the peak)


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
    import pyoxigraph as ox

    chunks = compiled.ntriples_chunks(CHUNK_LINES)
    return ox.parse(io.BufferedReader(_ChunkReader(chunks), 1 << 20), format=ox.RdfFormat.N_TRIPLES)


def turtle_chunks(compiled: CompiledGraph) -> Iterator[bytes]:
    """Turtle grouped by subject in IRI order, with the project's prefixes (one new fact, one small diff)."""
    with tempfile.TemporaryFile() as body:  # Oxigraph streams into it: the text is never held whole in memory
        import pyoxigraph as ox

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


def _render(inputs: ExportInputs) -> Files:
    return {EXPORT_NAME + ".ttl": turtle_chunks(inputs.compiled)}


FORMAT = ExportFormat("ttl", "Turtle (RDF, grouped by subject: triple stores, rdflib)", (EXPORT_NAME + ".ttl",), "ttl",
                      _render, build_rank=1)
