"""Writing the compiled graph as files: Turtle, N-Triples and JSON-LD, byte-identical for the same input.

All files of one build are written next to their targets first and renamed into place only when every one of them
was written, so a failed build leaves the previous exports as they were.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from .compiler import CompiledGraph
from .namespaces import PREFIXES, RDF_TYPE, XSD, shorten

EXPORT_NAME = "mxsec"


def turtle(compiled: CompiledGraph) -> bytes:
    """Turtle grouped by subject in IRI order, with the project's prefixes (one new fact, one small diff)."""
    triples = ox.parse(compiled.ntriples().encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    # Oxigraph writes the prefix lines in an order of its own; write them ourselves in ours, so it cannot drift.
    header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()).encode("utf-8")
    lines = body.split(b"\n")
    start = next(i for i, line in enumerate(lines) if not line.startswith(b"@prefix "))
    return header + b"\n" + b"\n".join(lines[start:])


def ntriples(compiled: CompiledGraph) -> bytes:
    return compiled.ntriples().encode("utf-8")


def _jsonld_value(obj) -> dict:
    if isinstance(obj, ox.NamedNode):
        return {"@id": shorten(obj.value).strip("<>")}
    value: dict = {"@value": obj.value}
    if obj.language:
        value["@language"] = obj.language
    elif obj.datatype.value != XSD + "string":
        value["@type"] = shorten(obj.datatype.value).strip("<>")
    return value


def jsonld(compiled: CompiledGraph) -> bytes:
    """JSON-LD with a prefix context: one node object per subject, in the same order as the Turtle."""
    nodes: list[dict] = []
    current: dict | None = None
    for triple in ox.parse(compiled.ntriples().encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        subject = shorten(triple.subject.value).strip("<>")
        if current is None or current["@id"] != subject:
            current = {"@id": subject}
            nodes.append(current)
        if triple.predicate.value == RDF_TYPE:
            current.setdefault("@type", []).append(shorten(triple.object.value).strip("<>"))
        else:
            key = shorten(triple.predicate.value).strip("<>")
            current.setdefault(key, []).append(_jsonld_value(triple.object))
    document = {"@context": dict(PREFIXES), "@graph": nodes}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


WRITERS: dict[str, tuple[str, Callable[[CompiledGraph], bytes]]] = {
    "ttl": (".ttl", turtle),
    "nt": (".nt", ntriples),
    "jsonld": (".jsonld", jsonld),
}


def write_all_or_nothing(files: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """Write every file, or none: temporary siblings first, then renamed into place, rolled back on failure."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            if target.is_dir():
                raise IsADirectoryError(f"{target} is a directory, not a file")
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
            staged.append((tmp, target))
            tmp.write_bytes(data)
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
    compiled: CompiledGraph, out_dir: Path, formats: Iterable[str] = ("ttl", "nt", "jsonld")
) -> list[Path]:
    """Render every format in memory, then write them all at once; returns the paths written."""
    rendered = [(out_dir / (EXPORT_NAME + WRITERS[f][0]), WRITERS[f][1](compiled)) for f in formats]
    return write_all_or_nothing(rendered)
