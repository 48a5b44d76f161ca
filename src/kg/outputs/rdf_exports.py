"""Writing the compiled graph as files: Turtle, N-Triples and JSON-LD, byte-identical for the same input.

A build's files replace the previous set in one atomic step (`export_set.py`), so a failed or killed build leaves the
previous exports as they were. Each format is rendered in chunks and streamed into its file, so a graph of millions of
triples never needs all three files in memory at once.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..compile.compiler import CompiledGraph
from ..core.namespaces import PREFIXES, RDF_TYPE, XSD, shorten

EXPORT_NAME = "mxsec"
CHUNK_LINES = 1 << 16  # N-Triples lines encoded at a time


def ntriples_chunks(compiled: CompiledGraph) -> Iterator[bytes]:
    """The N-Triples text, encoded a block of lines at a time."""
    lines = compiled.lines
    for start in range(0, len(lines), CHUNK_LINES):
        yield ("\n".join(lines[start : start + CHUNK_LINES]) + "\n").encode("utf-8")


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


@lru_cache(maxsize=1 << 16)
def _short(iri: str) -> str:
    return shorten(iri).strip("<>")


_quote = json.encoder.encode_basestring  # what json.dumps(text, ensure_ascii=False) writes for a string


_XSD_STRING = XSD + "string"


def _jsonld_value(iri: str | None, value: str, language: str, datatype: str) -> str:
    """A value object (an IRI, or a literal's value, language or datatype), as json.dumps(indent=1) lays it out
    four levels deep."""
    if iri is not None:
        return '    {\n     "@id": ' + _quote(_short(iri)) + "\n    }"
    text = '    {\n     "@value": ' + _quote(value)
    if language:
        text += ',\n     "@language": ' + _quote(language)
    elif datatype != _XSD_STRING:
        text += ',\n     "@type": ' + _quote(_short(datatype))
    return text + "\n    }"


def _jsonld_node(subject: str, keys: dict[str, list[str]]) -> str:
    parts = ['  {\n   "@id": ', _quote(subject)]
    for key, items in keys.items():
        parts += [",\n   ", _quote(key), ": [\n", ",\n".join(items), "\n   ]"]
    parts.append("\n  }")
    return "".join(parts)


def _split_triple(line: str) -> tuple[str, str, str | None, str, str, str]:
    """(subject, predicate, object IRI or None, literal value, language, datatype) of one N-Triples line.

    The compiler's lines are simple (IRIs, literals without escapes): those are cut apart by hand, a few times faster
    than parsing; any other line (an escape, a blank node) goes through Oxigraph's parser.
    """
    if line[0] == "<" and "\\" not in line:
        s_end = line.index("> ")
        p_end = line.index("> ", s_end + 2)
        subject, predicate, rest = line[1:s_end], line[s_end + 3 : p_end], line[p_end + 2 : -2]
        if rest[0] == "<":
            return subject, predicate, rest[1:-1], "", "", ""
        if rest[0] == '"':
            close = rest.rindex('"')
            suffix = rest[close + 1 :]
            if not suffix:
                return subject, predicate, None, rest[1:close], "", _XSD_STRING
            if suffix[0] == "@":
                return subject, predicate, None, rest[1:close], suffix[1:], ""
            return subject, predicate, None, rest[1:close], "", suffix[3:-1]
    triple = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
    obj = triple.object
    if isinstance(obj, ox.Literal):
        return triple.subject.value, triple.predicate.value, None, obj.value, obj.language or "", obj.datatype.value
    return triple.subject.value, triple.predicate.value, obj.value, "", "", ""


def _jsonld_nodes(compiled: CompiledGraph) -> Iterator[str]:
    """One node object per subject, in the order of the sorted N-Triples (subjects are contiguous there)."""
    subject_iri: str | None = None
    subject = ""
    keys: dict[str, list[str]] = {}
    for line in compiled.lines:
        s, predicate, iri, value, language, datatype = _split_triple(line)
        if s != subject_iri:
            if subject_iri is not None:
                yield _jsonld_node(subject, keys)
            subject_iri, subject, keys = s, _short(s), {}
        if predicate == RDF_TYPE:
            item = "    " + _quote(_short(iri or value))
            key = "@type"
        else:
            item = _jsonld_value(iri, value, language, datatype)
            key = _short(predicate)
        items = keys.get(key)
        if items is None:
            keys[key] = [item]
        else:
            items.append(item)
    if subject_iri is not None:
        yield _jsonld_node(subject, keys)


def jsonld_chunks(compiled: CompiledGraph, nodes_per_chunk: int = 4096) -> Iterator[bytes]:
    """JSON-LD with a prefix context, streamed node by node: the same text as `json.dumps(document, indent=1)`
    of `{"@context": PREFIXES, "@graph": [node, ...]}`, written without building the document."""
    context = json.dumps(dict(PREFIXES), ensure_ascii=False, indent=1).replace("\n", "\n ")
    nodes = _jsonld_nodes(compiled)
    first = next(nodes, None)
    if first is None:
        yield ('{\n "@context": ' + context + ',\n "@graph": []\n}\n').encode("utf-8")
        return
    parts = ['{\n "@context": ' + context + ',\n "@graph": [\n' + first]
    for node in nodes:
        parts.append(",\n" + node)
        if len(parts) >= nodes_per_chunk:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append("\n ]\n}\n")
    yield "".join(parts).encode("utf-8")


def jsonld(compiled: CompiledGraph) -> bytes:
    """JSON-LD with a prefix context: one node object per subject, in the same order as the Turtle."""
    return b"".join(jsonld_chunks(compiled))


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


def write_all_or_nothing(files: Iterable[tuple[Path, bytes | Iterable[bytes]]]) -> list[Path]:
    """Write every file, or none: temporary siblings first, then renamed into place, rolled back on failure.

    Each file's data is bytes or an iterable of byte chunks; `files` may be a generator, so that each file is
    rendered only when the one before it is written.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            if target.is_dir():
                raise IsADirectoryError(f"{target} is a directory, not a file")
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
            staged.append((tmp, target))
            with open(tmp, "wb") as out:
                if isinstance(data, bytes | bytearray | memoryview):
                    out.write(data)
                else:
                    for chunk in data:
                        out.write(chunk)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    done: list[tuple[Path, Path | None]] = []  # (target, backup of what it replaced)
    try:
        for tmp, target in staged:
            backup = None
            if target.exists():
                backup = target.with_name(f".{target.name}.bak-{os.getpid()}")
                os.replace(target, backup)
            done.append((target, backup))
            os.replace(tmp, target)
    except BaseException:
        for target, backup in reversed(done):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for _, backup in done:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return [target for _, target in staged]


def write_exports(
    compiled: CompiledGraph, out_dir: Path, formats: Iterable[str] = ("ttl", "nt", "jsonld"),
    before_swap: Callable[[], None] | None = None,
) -> list[Path]:
    """Render and write every format as one set that replaces the previous one atomically; returns the paths written.

    Raises OSError (with the path) when the folder cannot be written; then nothing changed. `before_swap` runs when
    the new set is written, before it replaces the old one; if it raises, nothing changes."""
    from ..pipeline import paused_gc
    from .export_set import replace_export_set

    formats = list(formats)
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(unknown)}")
    with paused_gc():
        return replace_export_set(
            out_dir, ((EXPORT_NAME + WRITERS[f][0], STREAMERS[f](compiled)) for f in formats), before_swap
        )
