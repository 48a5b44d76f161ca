"""Writing bytes so that nothing is lost: one file replaced atomically, several files all or nothing, and standard
output that a reader may close early (`| head`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

Data = bytes | bytearray | memoryview | Iterable[bytes]


def _write(out, data: Data) -> None:
    if isinstance(data, bytes | bytearray | memoryview):
        out.write(data)
    else:
        for chunk in data:
            out.write(chunk)


def temporary_sibling(target: Path, kind: str = "tmp") -> Path:
    """The name a file is written under before it replaces `target`: hidden, in the same folder, with this process's
    id, so a later run can tell a leftover of a killed process (kg.outputs.output_files.recover_interrupted)."""
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}")


def write_atomically(target: Path, data: Data, *, durable: bool = False) -> None:
    """Write `data` (bytes or byte chunks) beside `target` and rename it into place: a reader sees the old file or
    the whole new one, never a part. With `durable`, the bytes reach the disk before the rename."""
    tmp = temporary_sibling(target)
    try:
        with open(tmp, "wb") as out:
            _write(out, data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_all_or_nothing(files: Iterable[tuple[Path, Data]]) -> list[Path]:
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
            tmp = temporary_sibling(target)
            staged.append((tmp, target))
            with open(tmp, "wb") as out:
                _write(out, data)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    done: list[tuple[Path, Path | None]] = []  # (target, backup of what it replaced)
    try:
        for tmp, target in staged:
            backup = None
            if target.exists():
                backup = temporary_sibling(target, "bak")
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


def write_stdout(data: bytes | str) -> None:
    """Data to standard output; a reader that stops early (`| head`) is not an error."""
    try:
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so that Python's own flush at exit does not fail on the closed pipe again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
