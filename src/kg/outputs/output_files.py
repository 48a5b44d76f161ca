"""Where an output goes: every `-o`/`--out` of every verb is resolved and written here, so none can lose a file.

- `-` is standard output; an existing folder, or a name ending in `/`, receives the file under its default name.
- A file the tool did not write is never replaced without `--force`: our own outputs are recognised by kind and
  content (an empty file holds nothing to lose).
- A symbolic link is written through (its target changes, the link stays); a FIFO or character device (`/dev/null`,
  `/dev/stdout`) is opened and written, never replaced by a file.
- A missing folder, a read-only one, a name that is a folder, a path the system will not write (`/proc/...`): one
  clear `OutputError` each, and nothing changed.
- Regular files are written next to their targets and renamed into place only when all are written.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import UserError
from ..core.namespaces import BASE
from ..core.writing import write_all_or_nothing, write_atomically, write_stdout

STDOUT = "-"
_MARK = BASE.encode("utf-8")
_BOM = "\ufeff".encode("utf-8")
_SCAN_LIMIT = 64 << 20  # bytes read, at most, looking for our mark in a file about to be replaced


class OutputError(UserError):
    """An output that cannot or must not be written; the message says which and why, for the user."""


def _head(path: Path, size: int = 4096) -> bytes:
    with open(path, "rb") as f:
        return f.read(size)


def _contains_mark(path: Path) -> bool:
    """Whether the file mentions the graph's base IRI (read in blocks, stopping at the first hit)."""
    with open(path, "rb") as f:
        tail = b""
        read = 0
        while read < _SCAN_LIMIT:
            block = f.read(1 << 20)
            if not block:
                return False
            if _MARK in tail + block:
                return True
            tail = block[-len(_MARK) :]
            read += len(block)
    return False


# What the start of each kind of file the tool writes looks like; the base IRI must appear in the RDF and the view.
_SIGNATURES = {
    "ttl": (lambda head: head.startswith(b"@prefix "), True),
    "nt": (lambda head: head.startswith(b"<"), True),
    "jsonld": (lambda head: head.startswith(b'{\n "@context"'), True),
    "graphml": (lambda head: b"<graphml" in head, True),
    "gexf": (lambda head: b"<creator>mxsec-kg" in head, False),
    "html": (lambda head: head.lstrip().lower().startswith(b"<!doctype html"), True),
    "csv": (lambda head: head.startswith(_BOM + b"id,") or head.startswith(_BOM + b"source,target,"), False),
    "scaffold": (lambda head: head.startswith(b"# Written by kg source scaffold"), False),
    # kg export --format xlsx: a zip whose first entry is openpyxl's document properties
    "xlsx": (lambda head: head.startswith(b"PK\x03\x04") and b"docProps/" in head[:64], False),
    "csv (ACLED layout)": (lambda head: head.startswith(b"event_id_cnty,event_date,"), False),
    "dataset import": (lambda head: head.startswith(b"# Imported by `kg import "), False),
}


def written_by_us(path: Path, kind: str) -> bool:
    """Whether `path` (a regular file) is empty or an output of this tool of the given kind."""
    if path.stat().st_size == 0:
        return True
    looks_right, needs_mark = _SIGNATURES[kind]
    try:
        return looks_right(_head(path)) and (not needs_mark or _contains_mark(path))
    except OSError:
        return False


@dataclass(frozen=True)
class Output:
    """A resolved output: `path` is None for standard output; `special` for a FIFO or device, written through."""

    shown: str
    path: Path | None
    special: bool = False


def _refuse(shown: str, why: str) -> OutputError:
    return OutputError(f"cannot write {shown}: {why}")


def resolve_output(output: str | Path, default_name: str, kind: str, *, force: bool = False) -> Output:
    """Where `-o output` writes a file of `kind`; raises OutputError (and changes nothing) when it must not."""
    text = str(output)
    if text == STDOUT:
        return Output(STDOUT, None)
    if not text.strip():
        raise OutputError("the output name is empty: give a file name, a folder, or - for standard output")
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        if not path.is_dir():
            raise _refuse(text, f"the folder {text.rstrip('/')} does not exist")
        path = path / default_name
    return check_target(path, kind, force=force)


def check_target(path: Path, kind: str, *, force: bool = False) -> Output:
    """The output for a file at `path` (a symbolic link followed to where it leads), after every check."""
    shown = str(path)
    try:  # a pipe or terminal is opened by the name given: /dev/stdout leads to a `pipe:[...]` no path can name
        direct = os.stat(path)
        if stat.S_ISFIFO(direct.st_mode) or stat.S_ISCHR(direct.st_mode):
            return Output(shown, Path(path), special=True)
    except OSError:
        pass  # the checks below say why
    real = Path(os.path.realpath(path))
    if real.parent.is_dir():
        try:
            recover_interrupted(real)
        except OSError:
            pass  # a folder we cannot list or change: the checks below say so
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise _refuse(shown, f"{_first_file(real)} is not a folder") from None
    except OSError as exc:
        raise _refuse(shown, exc.strerror or str(exc)) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise _refuse(shown, "it is a folder")
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            return Output(shown, real, special=True)
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(shown, "it is not a regular file, a pipe or a terminal")
        if not force and not written_by_us(real, kind):
            raise OutputError(
                f"{shown} exists and is not a {kind} file written by kg: not replaced"
                " (give --force to replace it, or choose another name)"
            )
        return Output(shown, real)
    parent = real.parent
    if not parent.exists():
        raise _refuse(shown, f"the folder {os.path.dirname(shown) or parent} does not exist")
    if not parent.is_dir():
        raise _refuse(shown, f"{os.path.dirname(shown) or parent} is not a folder")
    if not os.access(parent, os.W_OK):
        raise _refuse(shown, f"the folder {os.path.dirname(shown) or parent} is read-only")
    return Output(shown, real)


def _first_file(path: Path) -> str:
    """The first ancestor of `path` that exists and is not a folder, as the user would write it (relative if inside
    the working directory)."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return os.path.relpath(parent) if not os.path.relpath(parent).startswith("..") else str(parent)
    return str(path.parent)


def resolve_folder(output: str | Path, names: Iterable[str], kind: str, *, force: bool = False) -> list[Output]:
    """The outputs for several files (`names`) written into the folder `output`, made if its parent exists."""
    folder = Path(str(output))
    if folder.exists() and not folder.is_dir():
        raise _refuse(str(output), "it is a file; this format writes a folder of files")
    if not folder.exists():  # made by write_outputs, one level only
        parent = folder.resolve().parent
        if not parent.is_dir():
            raise _refuse(str(output), f"the folder {folder.parent} does not exist")
        if not os.access(parent, os.W_OK):
            raise _refuse(str(output), f"the folder {folder.parent} is read-only")
        return [Output(str(folder / name), folder.resolve() / name) for name in names]
    return [check_target(folder / name, kind, force=force) for name in names]


def write_outputs(planned: Iterable[tuple[Output, bytes]]) -> list[str]:
    """Write every output, regular files all or nothing; returns how each was shown. Raises OutputError."""
    planned = list(planned)
    regular = [(o, data) for o, data in planned if o.path is not None and not o.special]
    try:
        if regular:
            folders = {o.path.parent for o, _ in regular if not o.path.parent.exists()}
            for folder in folders:
                folder.mkdir()
            modes = {o.path: o.path.stat().st_mode & 0o7777 for o, _ in regular if o.path.exists()}
            # A build swapping the folder these files go into (exports/) holds this lock while it carries the
            # folder's other files over: taking it puts each file either in the set it carries or in the new set.
            with _folder_lock(regular[0][0].path.parent):
                if len(regular) == 1:  # one file: one atomic rename, no backup to lose on a kill
                    _replace_one(*regular[0])
                else:
                    write_all_or_nothing((o.path, data) for o, data in regular)
            for path, mode in modes.items():
                os.chmod(path, mode)
    except OSError as exc:
        shown = next((o.shown for o, _ in regular if str(o.path) == str(exc.filename)), None)
        shown = shown or (regular[0][0].shown if len(regular) == 1 else exc.filename or regular[0][0].shown)
        raise _refuse(str(shown), _reason(exc)) from None
    for output, data in planned:
        if output.path is None:
            write_stdout(data)
        elif output.special:
            try:
                with open(output.path, "wb") as f:
                    f.write(data)
            except BrokenPipeError:
                pass
            except OSError as exc:
                raise _refuse(output.shown, _reason(exc)) from None
    return [o.shown for o, _ in planned]


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """The lock `kg build` takes on the parent of the folder it replaces, when it can be had."""
    from .export_set import build_lock

    try:
        lock = build_lock(folder.parent)
        lock.__enter__()
    except OSError:  # a parent we may not open: no build can swap this folder either
        yield
        return
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def _replace_one(output: Output, data: bytes) -> None:
    assert output.path is not None
    write_atomically(output.path, data, durable=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def recover_interrupted(path: Path) -> None:
    """Undo what a killed earlier write to `path` left: its original put back from a backup if the kill fell between
    the renames, temporary files removed. Only files of processes that no longer run are touched."""
    for leftover in sorted(path.parent.glob(f".{path.name}.*-*")):
        kind, _, pid = leftover.name[len(path.name) + 2 :].partition("-")
        if kind not in ("tmp", "bak") or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "bak" and not path.exists():
            os.replace(leftover, path)
        else:
            leftover.unlink(missing_ok=True)


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{exc.strerror} (the folder is read-only or not yours)"
    if exc.errno == errno.ENOENT and exc.filename and Path(exc.filename).parent.is_dir():
        return f"the system does not let files be created in {Path(exc.filename).parent} ({exc.strerror})"
    return exc.strerror or str(exc)
