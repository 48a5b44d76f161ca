"""Replacing a whole folder of exports at once: a kill at any instant leaves the complete old or the complete new set.

The new files are written into a fresh sibling folder (`.exports.build-<pid>`), flushed to disk, and swapped with the
old folder in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`); the old set, now at the sibling's name, is then
deleted. Files in the folder that the build does not write (the HTML view, a README) are carried over by hard link
first. Builds into one folder take turns through a lock on the parent folder; temporaries a killed build left behind
are removed by the next one. Where the exchange is not available the swap is two renames, and the next run puts the
old set back if a kill fell between them. `exports/` stays a plain folder of plain files. The static site (`kg site`)
is replaced the same way (`replace_folder`), keeping nothing of the old site and flushing its many files in one call.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Called with the name of each step as it is reached; tests point it at a function that kills the process.
STEP_HOOK: Callable[[str], None] | None = None
# `KG_EXPORT_KILL_AT=<step>` makes a build SIGKILL itself at that step (tests use it from a real child process).
KILL_AT_VARIABLE = "KG_EXPORT_KILL_AT"
STEPS = ("locked", "cleaned", "written", "carried", "synced", "swapped", "done")  # and "half-swapped" in the fallback
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _step(name: str) -> None:
    if os.environ.get(KILL_AT_VARIABLE) == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
    if STEP_HOOK is not None:
        STEP_HOOK(name)


@contextmanager
def build_lock(parent: Path) -> Iterator[None]:
    """Hold an exclusive lock on `parent` (a folder): builds into it take turns. The kernel frees it if killed."""
    fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot (then nothing changed)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temporaries(out_dir: Path, kind: str) -> list[Path]:
    return sorted(out_dir.parent.glob(f".{out_dir.name}.{kind}-*"))


def clean_stale(out_dir: Path) -> None:
    """Remove what killed builds left: half-written sibling folders, an old set not yet deleted (or put back when the
    kill fell between the two renames of the fallback swap), and temporary files of earlier versions."""
    old = _temporaries(out_dir, "old")
    if old and not out_dir.exists():
        os.rename(old.pop(), out_dir)
    for path in _temporaries(out_dir, "build") + old:
        shutil.rmtree(path, ignore_errors=True)
    if out_dir.is_dir():
        for path in list(out_dir.glob(".*.tmp-*")) + list(out_dir.glob(".*.bak-*")):
            path.unlink(missing_ok=True)


def _carry_over(old: Path, new: Path, written: set[str]) -> None:
    """Hard-link (or copy) every entry of `old` that the build did not write into `new`."""
    for entry in os.scandir(old):
        if entry.name in written:
            continue
        target = new / entry.name
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, target, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        else:
            _link_or_copy(entry.path, target)


def _link_or_copy(src: str, dst: str | Path) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _syncfs(folder: Path) -> None:
    """Flush every file written on the filesystem of `folder` to disk in one call (Linux `syncfs`), else `sync`."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.syncfs(fd) == 0:
            return
    except (OSError, AttributeError):
        pass
    finally:
        os.close(fd)
    os.sync()


def replace_folder(
    out_dir: Path, fill: Callable[[Path], list[str]], before_swap: Callable[[], None] | None = None,
    *, carry_over: bool = True, sync_each: bool = True,
) -> list[Path]:
    """Make the new contents of `out_dir` with `fill(staging)`, which writes into the empty folder `staging` and
    returns the names it wrote (relative paths), and swap them in all at once.

    With `carry_over`, entries of the old folder that `fill` did not write are kept (hard-linked); without, the new
    folder holds only what `fill` wrote. With `sync_each`, `fill` has flushed each file itself; else every file is
    flushed to disk by one call before the swap (a site of a hundred thousand files). `before_swap` runs once every
    file is written, before anything is replaced: if it or `fill` raises, the new set is discarded and `out_dir` is
    left as it was."""
    given = Path(out_dir)
    out_dir = Path(os.path.realpath(out_dir))  # a symlinked exports/ is followed, the link itself kept
    parent = out_dir.parent
    if not parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "the folder does not exist", str(parent))
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder", str(out_dir))
    with build_lock(parent):
        _step("locked")
        clean_stale(out_dir)
        _step("cleaned")
        staging = parent / f".{out_dir.name}.build-{os.getpid()}"
        try:
            staging.mkdir(mode=0o755)
            names = fill(staging)
            _step("written")
            if before_swap is not None:
                before_swap()
            if out_dir.exists():
                os.chmod(staging, out_dir.stat().st_mode & 0o7777)
                if carry_over:
                    _carry_over(out_dir, staging, {name.split("/", 1)[0] for name in names})
            _step("carried")
            if not sync_each:
                _syncfs(staging)
            _fsync_dir(staging)
            _step("synced")
            if not out_dir.exists():
                os.rename(staging, out_dir)
            elif _exchange(staging, out_dir):
                pass
            else:  # two renames; clean_stale puts the old set back if a kill falls between them
                old = parent / f".{out_dir.name}.old-{os.getpid()}"
                os.rename(out_dir, old)
                _step("half-swapped")
                os.rename(staging, out_dir)
                staging = old
            _fsync_dir(parent)
            _step("swapped")
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # the old set after a swap; the half-made one on failure
        _step("done")
    return [given / name for name in names]


def replace_export_set(
    out_dir: Path, files: Iterable[tuple[str, Iterable[bytes]]], before_swap: Callable[[], None] | None = None
) -> list[Path]:
    """Write `files` (name, chunks) as the new contents of `out_dir` (other entries kept), all at once.

    `before_swap` runs once every file is written, before anything is replaced: if it raises, the new set is
    discarded and `out_dir` is left as it was (a build checks its shapes meanwhile and says no there)."""

    def fill(staging: Path) -> list[str]:
        names: list[str] = []
        for name, chunks in files:
            with open(staging / name, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            names.append(name)
        return names

    return replace_folder(out_dir, fill, before_swap)
