"""The Oxigraph store kept in a cache entry, bound to that entry by a signed manifest.

Opening a store on disk takes milliseconds where loading the graph takes seconds at a million triples, so the first
query after a change makes one in the entry and later queries open it read-only. RocksDB's files cannot carry a
signature, so the store folder holds two files of kg's beside them, both signed for the entry (`signing.py`):

- `kg-manifest`: every file of the store with its size and a content hash, written once the store is complete;
- `kg-stamp`: the same files' size, inode, modification and change times, so a store nobody touched is checked in
  a few `stat` calls; when it does not match (the folder was copied, a file was replaced) the contents are hashed
  against the manifest, and a store whose contents still match gets a new stamp.

A store whose manifest is missing or not this user's for this entry (copied from another entry or another graph), a
file changed, added or removed, or one that RocksDB refuses to open ("Bad table magic number", raised as
RuntimeError): the folder is deleted and the store made again. A query can never be answered from a store the
entry's own build did not make.

After an edit, the store is made from an earlier entry's, if that one verifies against its own manifest: its table
files, which RocksDB never changes once written, are hard-linked (its other files copied), the triples the edit
removed and added are applied, and the result is sealed for this entry — in milliseconds where loading the whole
graph takes seconds. The earlier store is never opened for writing and stays as it was. When the copy has gathered
many small tables it is compacted once.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..core.writing import write_atomically
from .signing import Signer

STORE_DIR = "oxigraph"
MANIFEST_FILE = "kg-manifest"
STAMP_FILE = "kg-stamp"
_NOT_DATA = (MANIFEST_FILE, STAMP_FILE)


def _bulk_load(store: Any, chunks: Iterable[bytes]) -> None:
    import pyoxigraph as ox

    for chunk in chunks:
        store.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES)


def memory_store(chunks: Iterable[bytes]) -> Any:
    """An in-memory Oxigraph store of N-Triples given as an iterable of byte chunks of whole lines."""
    import pyoxigraph as ox

    store = ox.Store()
    _bulk_load(store, chunks)
    return store


def _data_files(folder: Path) -> dict[str, os.stat_result]:
    """The store's own files (not kg's) with their lstat; anything but a regular file raises ValueError."""
    found = {}
    with os.scandir(folder) as listing:
        for item in listing:
            if item.name in _NOT_DATA or item.name.startswith("."):
                continue
            info = item.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                raise ValueError(f"{item.path} is not a regular file")
            found[item.name] = info
    return found


def _content_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=32)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _stamp(files: dict[str, os.stat_result]) -> bytes:
    rows = sorted([name, info.st_size, info.st_ino, info.st_dev, info.st_mtime_ns, info.st_ctime_ns]
                  for name, info in files.items())
    return json.dumps(rows, separators=(",", ":")).encode("utf-8")


def _signed_json(signer: Signer, folder: Path, name: str) -> bytes | None:
    try:
        fd = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        body = signer.unsigned(f"{STORE_DIR}/{name}", f.read())
    return None if body is None else bytes(body)


def _write_signed(signer: Signer, folder: Path, name: str, body: bytes) -> None:
    write_atomically(folder / name, signer.signed(f"{STORE_DIR}/{name}", body))


def _seal(signer: Signer, folder: Path, known: dict[tuple[int, int], str] | None = None) -> None:
    """Write the manifest and the stamp of a complete, closed store; `known` gives the content hash of files
    (by device and inode) already verified, hard-linked from another store."""
    files = _data_files(folder)
    known = known or {}
    manifest = {name: [info.st_size, known.get((info.st_dev, info.st_ino)) or _content_hash(folder / name)]
                for name, info in sorted(files.items())}
    _write_signed(signer, folder, MANIFEST_FILE, json.dumps(manifest, separators=(",", ":")).encode("utf-8"))
    _write_signed(signer, folder, STAMP_FILE, _stamp(files))


def _verified(signer: Signer, folder: Path) -> bool:
    """Whether the store in `folder` is exactly the one this entry's build made and sealed."""
    return _verified_manifest(signer, folder) is not None


def _verified_manifest(signer: Signer, folder: Path) -> dict | None:
    """The manifest of the store in `folder` if the store is exactly the one its entry's build made and sealed."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return None
        manifest_text = _signed_json(signer, folder, MANIFEST_FILE)
        if manifest_text is None:
            return None
        manifest = json.loads(manifest_text)
        files = _data_files(folder)
        if set(files) != set(manifest) or any(files[n].st_size != manifest[n][0] for n in files):
            return None
        if _signed_json(signer, folder, STAMP_FILE) == _stamp(files):
            return manifest
        if any(_content_hash(folder / name) != manifest[name][1] for name in files):
            return None
        try:
            _write_signed(signer, folder, STAMP_FILE, _stamp(files))  # the same store, copied or touched: re-stamped
        except OSError:
            pass
        return manifest
    except (OSError, ValueError):
        return None


def _open_read_only(folder: Path) -> Any | None:
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(folder))
    except Exception:  # noqa: BLE001 - RocksDB reports damage as OSError or RuntimeError: either way, make it again
        return None


def kept_store(entry_dir: Path, signer: Signer, ntriples_chunks: Callable[[], Iterable[bytes]],
               earlier: Callable[[], Any] | None = None) -> Any:
    """A read-only store of the graph from `entry_dir/oxigraph`, made there first when missing or not verified; an
    in-memory store when the entry cannot hold one. `ntriples_chunks()` gives the graph's N-Triples, in chunks of
    whole lines, each time it is called; `earlier()`, if given, an earlier entry's store folder, its signer, and the
    lines removed and added since (or None)."""
    import pyoxigraph as ox

    folder = entry_dir / STORE_DIR
    if os.path.lexists(folder):
        if _verified(signer, folder):
            store = _open_read_only(folder)
            if store is not None:
                return store
        _remove(folder)
    try:
        building = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}-", dir=entry_dir))
    except OSError:
        return memory_store(ntriples_chunks())
    try:
        known = _from_earlier(building, earlier()) if earlier is not None else None
        if known is None:
            _remove(building)
            building.mkdir()
            store = ox.Store(str(building))
            _bulk_load(store, ntriples_chunks())
            store.flush()
            # Bulk loading leaves dozens of small unmerged tables: compacted once, queries on the kept store run 2-3×
            # faster (at a million triples, e.g. `experts` 5.1 → 2.4 s on a loaded machine), for ~20% more loading.
            store.optimize()
            del store  # closes the database, so it can be sealed, renamed and reopened read-only
        _seal(signer, building, known)
        try:
            building.rename(folder)
        except OSError:  # another command finished one first: use that if it holds
            _remove(building)
            if not _verified(signer, folder):
                raise
        opened = _open_read_only(folder)
        if opened is None:
            raise OSError(f"the store made in {folder} does not open")
        return opened
    except (OSError, ValueError, RuntimeError):
        _remove(building)
        return memory_store(ntriples_chunks())


# A store made from earlier ones is compacted once it holds this many table files (a compacted one holds ~10-40;
# each update adds a few small ones, which slow every query a little).
_MAX_TABLES = 96


def _from_earlier(building: Path, change: Any) -> dict[tuple[int, int], str] | None:
    """Make the store in `building` from an earlier one and the lines removed and added since; the content hashes of
    the files it shares with the earlier store (by device and inode), or None if it cannot be done."""
    import pyoxigraph as ox

    if change is None:
        return None
    source, source_signer, removed, added = change
    manifest = _verified_manifest(source_signer, source)
    if manifest is None:
        return None
    known: dict[tuple[int, int], str] = {}
    try:
        for name, (size, digest) in manifest.items():
            if name.endswith(".sst"):  # written once, never changed: shared
                os.link(source / name, building / name)
                info = os.lstat(building / name)
                if info.st_size != size:
                    return None
                known[(info.st_dev, info.st_ino)] = digest
            elif name != "LOCK" and not name.startswith("LOG"):
                shutil.copyfile(source / name, building / name, follow_symlinks=False)
        store = ox.Store(str(building))
        apply_lines(store, removed, added)
        store.flush()
        if sum(name.endswith(".sst") for name in os.listdir(building)) > _MAX_TABLES:
            store.optimize()
        del store
    except (OSError, ValueError, RuntimeError, SyntaxError):
        return None
    return known


def apply_lines(store: Any, removed: list[str], added: list[str]) -> None:
    """Remove and add N-Triples lines in an Oxigraph store (in the default graph)."""
    import pyoxigraph as ox

    for lines, change in ((removed, store.remove), (added, store.add)):
        if not lines:
            continue
        text = ("\n".join(lines) + "\n").encode("utf-8")
        for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
            change(ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()))


def _remove(path: Path) -> None:
    """Delete a store folder of this entry (a symbolic link is unlinked, never followed)."""
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            os.unlink(path)
            return
    except OSError:
        return
    shutil.rmtree(path, ignore_errors=True)
