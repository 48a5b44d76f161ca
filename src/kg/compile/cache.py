"""The compiled-graph cache: what one build of `graph/` found and made, kept on disk for the next command.

An entry is keyed by a content hash of every file under the graph directory and `ontology/`, the code of the `kg`
package and the versions of Python and pyoxigraph, so a changed, added, removed or renamed file, or a new version of
the tool, gives a new key: a stale entry can never be found, let alone used. An entry is a directory
`.kg-cache/<key>/` beside the graph directory holding

- `build.pickle`: a digest of its payload, then the payload (the problems, the vocabulary, the timings); a payload
  whose digest does not match, or that does not unpickle, is ignored and rebuilt, never trusted;
- `model.pickle` and `compiled.pickle`, the same way: the model and the compiled graph, each read only by a command
  that needs it (at a million triples each takes seconds to unpickle);
- `shapes.pickle`, the same way: what SHACL found, once a command checked the shapes (kept apart, so the build's
  payload is saved while SHACL still runs);
- `oxigraph/`: an Oxigraph store of the compiled graph, made the first time a query needs it and then opened
  read-only (tens of milliseconds, against seconds of loading at a million triples).

Every file is written beside its target and renamed into place, so a reader sees a whole entry or none, and two
commands building at once cannot corrupt each other. `KG_CACHE=off` turns the cache off; `KG_CACHE=DIR` puts it in
DIR. A directory the cache cannot write to only costs the speed-up: commands work the same without it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

CACHE_DIR_NAME = ".kg-cache"
CACHE_VARIABLE = "KG_CACHE"
PAYLOAD_FILE = "build.pickle"
MODEL_FILE = "model.pickle"
COMPILED_FILE = "compiled.pickle"
SHAPES_FILE = "shapes.pickle"
STORE_DIR = "oxigraph"
KEEP_ENTRIES = 3  # a few recent entries: switching branches back and forth stays warm without filling the disk
_DIGEST_SIZE = 32
_CODE_ROOT = Path(__file__).resolve().parents[1]  # src/kg


def _hash_tree(digest: Any, root: Path, skip: Path | None = None) -> None:
    """Feed every file under `root` (relative path and bytes, in sorted order) into `digest`."""
    if not root.is_dir():
        digest.update(b"\0missing\0" + str(root).encode("utf-8", "surrogateescape"))
        return
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix().encode("utf-8", "surrogateescape")
        digest.update(len(name).to_bytes(4, "big") + name)
        data = path.read_bytes()
        digest.update(len(data).to_bytes(8, "big") + data)


def _code_version() -> bytes:
    """What else decides a build's result: the kg package's code and the interpreter and store library versions."""
    import pyoxigraph

    digest = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    for path in sorted(_CODE_ROOT.rglob("*")):
        if path.suffix in (".py", ".html", ".js", ".css", ".j2") and path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_CODE_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(f"{sys.version}\0{pyoxigraph.__version__}".encode())
    return digest.digest()


def cache_root(graph_dir: Path) -> Path | None:
    """Where entries live: `.kg-cache/` beside the graph directory, `$KG_CACHE` if set, None when turned off."""
    setting = os.environ.get(CACHE_VARIABLE, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    return graph_dir.resolve().parent / CACHE_DIR_NAME


class CacheEntry:
    """One build's directory in the cache: the pickled payload and, once a query asked for it, the Oxigraph store."""

    def __init__(self, root: Path, key: str):
        self.root = root
        self.key = key
        self.path = root / key

    @classmethod
    def for_graph(cls, graph_dir: Path, ontology_dir: Path, label: str) -> CacheEntry | None:
        """The entry for this graph as it is now on disk (None when the cache is off); `label` is how the graph
        directory was named, which problems print, so it is part of the key."""
        root = cache_root(graph_dir)
        if root is None:
            return None
        digest = hashlib.blake2b(digest_size=20)
        digest.update(_code_version() + b"\0" + label.encode("utf-8", "surrogateescape") + b"\0")
        _hash_tree(digest, graph_dir, skip=root)
        digest.update(b"\0ontology\0")
        _hash_tree(digest, ontology_dir)
        return cls(root, digest.hexdigest())

    # ------------------------------------------------------------------ the payload
    def load(self, name: str = PAYLOAD_FILE) -> Any | None:
        """The stored payload (or the named file's), or None if there is none or it is damaged (then the entry is
        removed, to be rebuilt)."""
        file = self.path / name
        try:
            data = file.read_bytes()
        except OSError:
            return None
        body = data[_DIGEST_SIZE:]
        if len(data) < _DIGEST_SIZE or hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest() != data[:_DIGEST_SIZE]:
            self.discard()
            return None
        try:
            payload = pickle.loads(body)  # noqa: S301 - our own file, checked against its digest
        except Exception:  # noqa: BLE001 - any damage or a changed class means: rebuild
            self.discard()
            return None
        try:
            os.utime(self.path)  # most recently used: the pruning keeps it
        except OSError:
            pass
        return payload

    def save(self, payload: Any, name: str = PAYLOAD_FILE) -> None:
        """Store the payload (or the named file) atomically; a cache that cannot be written is silently skipped."""
        try:
            body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            self.path.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.path / name,
                              hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest() + body)
            self._prune()
        except OSError:
            pass

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def _prune(self) -> None:
        """Remove all but the most recently used entries."""
        entries = [p for p in self.root.iterdir() if p.is_dir() and p != self.path and not p.name.startswith(".")]
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP_ENTRIES - 1 :]:
            shutil.rmtree(old, ignore_errors=True)

    # ------------------------------------------------------------------ the Oxigraph store
    def oxigraph_store(self, ntriples_chunks: Any) -> Any:
        """A read-only Oxigraph store of the graph: opened from the entry, or loaded from the N-Triples chunks (an
        iterable of bytes) into the entry first. Without a usable cache directory, an in-memory store."""
        import pyoxigraph as ox

        store_dir = self.path / STORE_DIR
        if store_dir.is_dir():
            try:
                return ox.Store.read_only(str(store_dir))
            except OSError:
                shutil.rmtree(store_dir, ignore_errors=True)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            building = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}-", dir=self.path))
        except OSError:
            return memory_store(ntriples_chunks)
        try:
            store = ox.Store(str(building))
            _bulk_load(store, ntriples_chunks)
            store.flush()
            # Bulk loading leaves dozens of small unmerged tables: compacted once, queries on the kept store run 2-3×
            # faster (at a million triples, e.g. `experts` 5.1 → 2.4 s on a loaded machine), for ~20% more loading.
            store.optimize()
            del store  # closes the database, so it can be renamed and reopened read-only
            try:
                building.rename(store_dir)
            except OSError:  # another command finished one first: use that
                shutil.rmtree(building, ignore_errors=True)
            return ox.Store.read_only(str(store_dir))
        except OSError:
            shutil.rmtree(building, ignore_errors=True)
            return memory_store(ntriples_chunks)


def _bulk_load(store: Any, chunks: Any) -> None:
    import pyoxigraph as ox

    for chunk in chunks:
        store.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES)


def memory_store(chunks: Any) -> Any:
    """An in-memory Oxigraph store of N-Triples given as an iterable of byte chunks of whole lines."""
    import pyoxigraph as ox

    store = ox.Store()
    _bulk_load(store, chunks)
    return store


def _write_atomically(target: Path, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
