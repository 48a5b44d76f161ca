"""`kg build`'s exports after an edit: left alone when their content would not change, else the previous files with
only the changed subjects' parts written anew.

All three build exports (N-Triples, Turtle, JSON-LD) are one part per subject, in the same order (the subjects' N-Triples
terms, sorted): N-Triples lines, a Turtle block, a JSON-LD node (nodes separated by `,\\n`). After a full write, the
part of each subject in each file is found by one scan of the files (`scan`), and kept in the build cache with the
files' stamps (size, inode, times: a file anyone changed since is not trusted). After an edit, the subjects whose
triples changed (kg.cache.delta) get new parts, rendered by the same writers as a full export, and everything else is
copied from the previous files; the set replaces the old one in one step, as every build's does
(kg.outputs.export_set). Tests compare the result with a full build, byte for byte, over random edits.
"""

from __future__ import annotations

import io
import os
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.namespaces import PREFIXES
from .formats import EXPORT_NAME, build_formats

EXPORTS_FILE = "exports.pickle"
NT, TTL, JSONLD = EXPORT_NAME + ".nt", EXPORT_NAME + ".ttl", EXPORT_NAME + ".jsonld"
SPLICED = (NT, TTL, JSONLD)
_BLOCK_START = re.compile(rb"\n(?=[^\t\n])")
_UNESCAPE = re.compile(r"\\(.)")  # a Turtle local name's escapes (`mx:a\.b`)
_NODE_START = b"  {\n"
_SEPARATOR = b",\n"


@dataclass
class ExportRecord:
    """Where each subject's part is in each file of an export set, and the stamps of the files as written."""

    folder: str
    stamps: dict[str, tuple[int, ...]]
    subjects: list[str]
    lengths: dict[str, array]
    heads: dict[str, int]
    tails: dict[str, int]
    made: str = "whole"  # how the files were made: "whole", "spliced" (after an edit) or "kept" (nothing changed)
    stamp: tuple[str, ...] = ()  # the lines the exports hold beside the compiled graph (a release's stamp)

    def __getstate__(self) -> dict:  # the subjects as one text: a hundred thousand strings pickle slowly
        return {**self.__dict__, "subjects": (len(self.subjects), "\n".join(self.subjects))}

    def __setstate__(self, state: dict) -> None:
        count, text = state["subjects"]
        self.__dict__.update({**state, "subjects": text.split("\n") if count else []})

    def matches(self, folder: Path) -> bool:
        """Whether the files in `folder` are still exactly the ones written (nobody changed, moved or replaced them)."""
        if os.path.realpath(folder) != self.folder:
            return False
        return all(_stamp(folder / name) == stamp for name, stamp in self.stamps.items())


def _stamp(path: Path) -> tuple[int, ...] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _build_order() -> list[str]:
    return [name for f in build_formats() for name in f.files]


def spliceable() -> bool:
    """Whether the build's formats are the ones this module can splice (a format added since is written whole)."""
    return sorted(name for f in build_formats() for name in f.files) == sorted(SPLICED)


# ---------------------------------------------------------------------------------------------- after a full write
def _ttl_term(token: bytes) -> str | None:
    text = token.decode("utf-8")
    if text.startswith("<") and text.endswith(">"):
        return text
    prefix, colon, local = text.partition(":")
    if not colon or prefix not in PREFIXES:
        return None
    return "<" + PREFIXES[prefix] + (_UNESCAPE.sub(r"\1", local) if "\\" in local else local) + ">"


def scan(folder: Path) -> ExportRecord | None:
    """The record of a complete export set just written in `folder`; None if its layout is not the expected one."""
    try:
        ttl = (folder / TTL).read_bytes()
        nt = (folder / NT).read_bytes()
        jsonld = (folder / JSONLD).read_bytes()
    except OSError:
        return None
    head = ttl.find(b"\n\n") + 2
    if head < 2:
        return None
    starts = [head] + [m.start() + 1 for m in _BLOCK_START.finditer(ttl, head)]
    subjects: list[str] = []
    for start in starts:
        term = _ttl_term(ttl[start : ttl.index(b" ", start)])
        if term is None:
            return None
        subjects.append(term)
    if any(a >= b for a, b in zip(subjects, subjects[1:], strict=False)):  # strictly increasing: sorted, each once
        return None
    ttl_lengths = array("Q", (b - a for a, b in zip(starts, starts[1:] + [len(ttl)], strict=True)))
    # N-Triples: each subject's lines start where its term first starts a line.
    nt_starts, position = [], 0
    for term in subjects:
        key = term.encode("utf-8") + b" "
        found = position if nt.startswith(key, position) else nt.find(b"\n" + key, position) + 1
        if found <= 0 and not (found == 0 and position == 0):
            return None
        nt_starts.append(found)
        position = found
    if nt_starts[0] != 0:
        return None
    nt_lengths = array("Q", (b - a for a, b in zip(nt_starts, nt_starts[1:] + [len(nt)], strict=True)))
    # JSON-LD: a node per subject, each starting with "  {" on a line of its own, separated by ",\n".
    node_starts, found = [], jsonld.find(b"\n" + _NODE_START)
    while found >= 0:
        node_starts.append(found + 1)
        found = jsonld.find(b"\n" + _NODE_START, found + 1)
    from .jsonld_text import DOCUMENT_TAIL

    tail = len(DOCUMENT_TAIL.encode("utf-8"))
    if len(node_starts) != len(subjects) or not jsonld.endswith(DOCUMENT_TAIL.encode("utf-8")):
        return None
    ends = [s - len(_SEPARATOR) for s in node_starts[1:]] + [len(jsonld) - tail]
    if any(jsonld[e : e + 2] != _SEPARATOR for e in ends[:-1]):
        return None
    jsonld_lengths = array("Q", (e - s for s, e in zip(node_starts, ends, strict=True)))
    return ExportRecord(os.path.realpath(folder), {n: _stamp(folder / n) for n in SPLICED}, subjects,
                        {NT: nt_lengths, TTL: ttl_lengths, JSONLD: jsonld_lengths},
                        {NT: 0, TTL: head, JSONLD: node_starts[0]}, {NT: 0, TTL: 0, JSONLD: tail})


# ---------------------------------------------------------------------------------------------- after an edit
def render_parts(blocks: dict[str, list[str]]) -> dict[str, dict[str, bytes]] | None:
    """Each subject's new part in each file, rendered by the exports' own writers; None if the JSON-LD writer says
    its text would not hold (then the files are written whole)."""
    import pyoxigraph as ox

    from .jsonld_fast import render
    from .jsonld_terms import Terms

    order = sorted(term for term, lines in blocks.items() if lines)
    lines = [line for term in order for line in sorted(blocks[term])]
    parts: dict[str, dict[str, bytes]] = {NT: {}, TTL: {}, JSONLD: {}}
    for term in order:
        parts[NT][term] = "".join(line + "\n" for line in sorted(blocks[term])).encode("utf-8")
    if not order:
        return parts
    out = io.BytesIO()
    text = "".join(line + "\n" for line in lines).encode("utf-8")
    ox.serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES), out, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    ttl = out.getvalue()
    body = 0
    while ttl.startswith(b"@prefix ", body):
        body = ttl.index(b"\n", body) + 1
    starts = [body] + [m.start() + 1 for m in _BLOCK_START.finditer(ttl, body)]
    if len(starts) != len(order):
        return None
    for term, a, b in zip(order, starts, starts[1:] + [len(ttl)], strict=True):
        parts[TTL][term] = ttl[a:b]
    terms = Terms(PREFIXES)
    nodes = "".join(render(lines, terms)).encode("utf-8")
    if not terms.jsonld_exact:
        return None
    node_starts = [0] + [i + len(_SEPARATOR) for i in _all(nodes, _SEPARATOR + _NODE_START)]
    if len(node_starts) != len(order):
        return None
    ends = [s - len(_SEPARATOR) for s in node_starts[1:]] + [len(nodes)]
    for term, a, b in zip(order, node_starts, ends, strict=True):
        parts[JSONLD][term] = nodes[a:b]
    return parts


def _all(data: bytes, needle: bytes) -> Iterator[int]:
    found = data.find(needle)
    while found >= 0:
        yield found
        found = data.find(needle, found + 1)


@dataclass
class Splice:
    """The new export set, as pieces in order: a run of old parts (`(start, end)` indexes into the record, copied as
    one range of each file) or a new part (a subject's term, rendered in `parts`)."""

    record: ExportRecord
    pieces: list[tuple[int, int] | str]
    parts: dict[str, dict[str, bytes]]

    def subjects(self) -> list[str]:
        out: list[str] = []
        for piece in self.pieces:
            out += self.record.subjects[piece[0] : piece[1]] if isinstance(piece, tuple) else [piece]
        return out


def plan(record: ExportRecord, blocks: dict[str, list[str]]) -> Splice | None:
    """The new set: the record's subjects with the changed ones (`blocks`: term → all its lines now, none if gone)
    replaced, added or removed."""
    from bisect import bisect_left

    parts = render_parts(blocks)
    if parts is None:
        return None
    old = record.subjects
    pieces: list[tuple[int, int] | str] = []
    start = 0
    for term in sorted(blocks):
        at = bisect_left(old, term, start)
        if at > start:
            pieces.append((start, at))
        start = at + 1 if at < len(old) and old[at] == term else at
        if blocks[term]:
            pieces.append(term)
    if start < len(old):
        pieces.append((start, len(old)))
    return Splice(record, pieces, parts)


def _old_offsets(record: ExportRecord, name: str) -> list[int]:
    """Where each old part starts in the file `name`, and (last) where the parts end (past the last separator)."""
    from itertools import accumulate

    gap = len(_SEPARATOR) if name == JSONLD else 0
    return list(accumulate((length + gap for length in record.lengths[name]), initial=record.heads[name]))


def spliced_files(splice: Splice, folder: Path) -> tuple[list[tuple[str, Iterable[bytes]]], Callable[[], dict]]:
    """The new files as (name, chunks), and a function giving each file's new part lengths once they are written."""
    record = splice.record
    new_lengths: dict[str, array] = {}

    def chunks(name: str) -> Iterator[bytes]:
        gap = _SEPARATOR if name == JSONLD else b""
        offsets = _old_offsets(record, name)
        lengths = record.lengths[name]
        out_lengths = array("Q")
        fd = os.open(folder / name, os.O_RDONLY | os.O_CLOEXEC)
        try:
            yield os.pread(fd, record.heads[name], 0)
            for n, piece in enumerate(splice.pieces):
                if n:
                    yield gap
                if isinstance(piece, tuple):
                    first, last = piece
                    yield from _copy(fd, offsets[first], offsets[last] - len(gap))  # a run, its separators within
                    out_lengths.extend(lengths[first:last])
                else:
                    part = splice.parts[name][piece]
                    out_lengths.append(len(part))
                    yield part
            tail = record.tails[name]
            if tail:
                yield os.pread(fd, tail, offsets[-1] - len(gap) if record.subjects else record.heads[name])
        finally:
            os.close(fd)
        new_lengths[name] = out_lengths

    return [(name, chunks(name)) for name in _build_order()], lambda: new_lengths


def _copy(fd: int, start: int, end: int, block: int = 1 << 22) -> Iterator[bytes]:
    while start < end:
        data = os.pread(fd, min(block, end - start), start)
        if not data:
            raise OSError(f"the previous export ended early at byte {start}")
        yield data
        start += len(data)


def record_after(splice: Splice, folder: Path, lengths: dict[str, array]) -> ExportRecord:
    record = splice.record
    return ExportRecord(os.path.realpath(folder), {n: _stamp(folder / n) for n in SPLICED}, splice.subjects(),
                        lengths, dict(record.heads), dict(record.tails), "spliced")


def find_record(entry: Any, folder: Path) -> ExportRecord | None:
    """This entry's record of the export set in `folder`, if the files there are still the ones it describes."""
    records = entry.load(EXPORTS_FILE) if entry is not None and entry.is_ours() else None
    if isinstance(records, dict):
        record = records.get(os.path.realpath(folder))
        if isinstance(record, ExportRecord) and record.matches(folder):
            return record
    return None


def keep_record(entry: Any, record: ExportRecord | None) -> None:
    """Keep the record of an export set with this entry's build (one per folder)."""
    if entry is None or record is None:
        return
    records = entry.load(EXPORTS_FILE) if entry.is_ours() else None
    records = dict(records) if isinstance(records, dict) else {}
    records[record.folder] = record
    entry.save(records, EXPORTS_FILE)


def write_build_exports(result: Any, out_dir: Path, before_swap: Callable[[], None] | None = None,
                        stamp: list[str] | None = None) -> list[Path]:
    """Write `kg build`'s exports for `result` into `out_dir` — its compiled graph and the `stamp` lines beside it (a
    release's, kg.history.release) — : nothing if the files there already hold them, the previous files spliced with
    the changed subjects if an earlier build of the cache wrote them, else in full (kg.outputs.build_exports).
    `before_swap` runs before anything is replaced (or, with nothing to write, once the decision is made); if it
    raises, nothing changes."""
    from ..cache.delta import Delta, new_blocks
    from .build_exports import write_exports
    from .export_set import replace_export_set

    entry = result.cache_entry
    stamp = tuple(sorted(stamp or ()))
    paths = [out_dir / name for name in _build_order()]
    if entry is not None and spliceable():
        mine = find_record(entry, out_dir)
        if mine is not None and mine.stamp == stamp:  # written by this very build already
            if before_swap is not None:
                before_swap()
            return paths
        delta = result.delta(lambda other: find_record(other, out_dir) is not None)
        if delta is None and mine is not None:  # the same graph, another stamp
            delta = Delta(entry, [], [], [], set())
        if delta is not None:
            record = find_record(delta.earlier, out_dir)
            blocks = new_blocks(result.built, delta) if record is not None else {}
            if record is not None and record.stamp != stamp:  # the stamp's subject is one more part
                for term in {line[: line.index(" ")] for line in record.stamp + stamp}:
                    blocks[term] = [line for line in stamp if line.startswith(term + " ")]
            splice = plan(record, blocks) if record is not None else None
            if splice is not None:
                if splice.pieces == [(0, len(record.subjects))] or not splice.pieces and not record.subjects:
                    if before_swap is not None:  # the same triples: the files stay as they are
                        before_swap()
                    keep_record(entry, replace(record, made="kept"))
                    return paths
                files, lengths = spliced_files(splice, out_dir)
                written = replace_export_set(out_dir, files, before_swap)
                keep_record(entry, replace(record_after(splice, out_dir, lengths()), stamp=stamp))
                return written
    compiled = result.compiled
    if stamp:
        from ..compile.compiler import sorted_unique

        compiled = replace(compiled, lines=sorted_unique(compiled.lines + list(stamp)))
    if entry is None or not spliceable():
        return write_exports(compiled, out_dir, before_swap=before_swap)
    scanned: list[ExportRecord | None] = []

    def scan_first() -> None:
        # Scanned in the staging folder, while SHACL may still be running in its thread (kg.outputs.export_set names
        # the folder `.<name>.build-<pid>` beside the target), then the build's own check before the swap.
        real = Path(os.path.realpath(out_dir))
        scanned.append(scan(real.parent / f".{real.name}.build-{os.getpid()}"))
        if before_swap is not None:
            before_swap()

    written = write_exports(compiled, out_dir, before_swap=scan_first)
    if scanned and scanned[0] is not None:  # the files kept their inodes and times through the swap
        keep_record(entry, replace(scanned[0], folder=os.path.realpath(out_dir), stamp=stamp,
                                   stamps={n: _stamp(out_dir / n) for n in SPLICED}))
    return written
