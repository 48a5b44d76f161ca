"""Reading part of a large graph in a second process, so that two cores read YAML at once.

The child is forked, reads its files with a reader of its own and sends back what it read, pickled through a pipe.
Forking is used only where it is safe and pays: a POSIX system with at least two cores, a process with no other
thread (a forked child gets only the forking thread, and a lock another thread held would never be released), and
enough YAML that the second core saves more than the pickled transfer costs. Anywhere else, or if the child fails,
the caller reads every file itself, as it always did.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path

# Below this much YAML the fork, the transfer and the merge cost about what the second core saves (~5k entities).
MIN_BYTES = 2_500_000
# The child's share of the bytes: it also pickles what it read, and the parent unpickles it after its own share.
CHILD_SHARE = 0.42


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def split_point(files: list[Path], min_bytes: int = MIN_BYTES) -> int | None:
    """Where to split `files` (the parent reads those before, the child those from it), or None to read all here."""
    if len(files) < 2 or not hasattr(os, "fork") or _cores() < 2 or threading.active_count() > 1:
        return None
    try:
        sizes = [p.stat().st_size for p in files]
    except OSError:  # the reader will say which file cannot be read
        return None
    total = sum(sizes)
    if total < min_bytes:
        return None
    own, target = 0, total * (1 - CHILD_SHARE)
    for k, size in enumerate(sizes):
        if own + size / 2 > target:
            return max(1, min(k, len(files) - 1))
        own += size
    return len(files) - 1


class Child:
    """A forked process computing `work()`; `result()` is its answer, or None if it failed."""

    def __init__(self, work: Callable[[], object]):
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as out:
                    pickle.dump(work(), out, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._read_end = read_end

    def result(self) -> object | None:
        with os.fdopen(self._read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a truncated answer: read the files here instead
            return None

    def cancel(self) -> None:
        """Stop the child and reap it (the parent failed before asking for the result)."""
        os.close(self._read_end)
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:  # pragma: no cover - already gone
            pass
        os.waitpid(self.pid, 0)


def fork(work: Callable[[], object]) -> Child | None:
    """`work()` started in a child process, or None when a process cannot be started."""
    try:
        return Child(work)
    except OSError:  # no more processes or pipes: read here
        return None
