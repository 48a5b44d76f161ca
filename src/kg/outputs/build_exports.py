"""Writing what `kg build` writes: the registry's build formats (Turtle, N-Triples, JSON-LD), byte-identical for the
same input, as one set that replaces the previous one in one atomic step (`export_set.py`), so a failed or killed
build leaves the previous exports as they were. Each format is rendered in chunks and streamed into its file, so a
graph of millions of triples never needs all the files in memory at once; while one file is written, a thread makes
the next chunks.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..compile.compiler import CompiledGraph
from ..core.memory import paused_gc
from .formats import ExportInputs, build_formats, export_format


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


def _later(files: Callable[[], dict[str, Iterable[bytes]]], name: str) -> Iterator[bytes]:
    """The file's chunks, rendered from the first time one is asked for."""
    yield from files()[name]


def write_exports(
    compiled: CompiledGraph, out_dir: Path, formats: Iterable[str] | None = None,
    before_swap: Callable[[], None] | None = None,
) -> list[Path]:
    """Render and write the formats (by default the build's) as one set that replaces the previous one atomically;
    returns the paths written.

    Raises OSError (with the path) when the folder cannot be written; then nothing changed. `before_swap` runs when
    the new set is written, before it replaces the old one; if it raises, nothing changes."""
    from .export_set import replace_export_set

    chosen = build_formats() if formats is None else [export_format(name) for name in formats]
    inputs = ExportInputs(None, None, compiled)
    files = [(fmt, name) for fmt in chosen for name in fmt.files]
    with paused_gc():
        # A thread makes the files' chunks in turn (lazily: a stream starts when the one before is done), ahead of
        # the writing.
        ahead = _Ahead([_later(lambda fmt=fmt: fmt.render(inputs), name) for fmt, name in files])
        try:
            return replace_export_set(out_dir, ((name, ahead.chunks(i)) for i, (_, name) in enumerate(files)),
                                      before_swap)
        finally:
            ahead.close()
