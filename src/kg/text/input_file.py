"""Reading a file a user names as input (an article, a dataset export): only a regular file, and only up to a size.

A FIFO opened for reading waits for a writer that may never come, and a character device such as `/dev/zero` never
ends: both are refused before a byte is read. The file is opened without blocking and checked on the open descriptor
(no window between the check and the read), and never more than `limit` bytes are read, even if it grows meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


class InputFileError(ValueError):
    """The file cannot be used as input; the message says why and what to do, without the path (callers add it).
    `rule` names the kind: unreadable-file, not-a-file or too-large."""

    def __init__(self, message: str, rule: str):
        super().__init__(message)
        self.rule = rule


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MB"


def read_input_file(path: Path, *, limit: int, what: str, advice: str = "split it into smaller files") -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them; raises InputFileError when it is not a regular
    file (FIFO, device, socket, folder), cannot be opened, or holds more than `limit` bytes. `what` names the input in
    messages ("an ACLED export", "an article"), `advice` what to do with a file too large."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputFileError(f"cannot read the file: {exc.strerror or exc}", "unreadable-file") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(f"this is {_kind(info.st_mode)}, not a regular file: expected {what} saved as a "
                                 "file", "not-a-file")
        too_big = f"more than the {megabytes(limit)} kg reads as {what}; {advice}"
        if info.st_size > limit:
            raise InputFileError(f"the file is {megabytes(info.st_size)}, {too_big}", "too-large")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise InputFileError(f"the file grew while it was read to {too_big}", "too-large")
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError(f"cannot read the file: {exc.strerror or exc}", "unreadable-file") from None
    finally:
        os.close(fd)
