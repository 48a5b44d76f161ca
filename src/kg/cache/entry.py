"""One build's entry in the cache, and the folder that holds the entries.

An entry is keyed by a content hash of every file under the graph directory and `ontology/`, the code of the `kg`
package and the versions of Python and pyoxigraph, so a changed, added, removed or renamed file, or a new version of
the tool, gives a new key: a stale entry can never be found, let alone used. An entry is a folder `<root>/<key>/`
holding

- `kg-entry`: the marker that says kg made this folder (a signature of its key); pruning deletes nothing without it;
- `build.pickle`: what the build found (the problems, the vocabulary, the labels tables show, the counts, and which
  part holds each file's work);
- `checks.pickle` and `citations.pickle`: each file's checks with what they looked up, and the citation nodes;
- `shapes.pickle`: what SHACL found, once a command checked the shapes;
- `oxigraph/`: an Oxigraph store of the compiled graph (`kept_store.py`);
- `parts/`: what the build kept per file (`parts.py`), each under a key of the file's own content, so the next build
  after an edit takes every unchanged file's work from here. A part found in another entry is hard-linked into this
  one (no copy, no second signature: a part is signed for its own key, whichever entry holds it).

Every file is signed with this user's secret (`signing.py`) and read only if its signature holds; anything else
(damage, another user's or another graph's file, a file crafted to run code when unpickled) is rebuilt, never read.
Files are written beside their target and renamed into place, so a reader sees a whole file or none.

The root is `.kg-cache/` beside the graph directory, or the folder `kg-cache/` inside `$KG_CACHE` (never `$KG_CACHE`
itself, which may hold other things); `KG_CACHE=off` turns the cache off. A root that is a symbolic link is not used.
Unmarked content in the root is never touched. A root the cache cannot write to only costs the speed-up. Pruning
keeps the most recently used entries, at most KEEP_ENTRIES of them and at most `KG_CACHE_LIMIT` megabytes in all
(files shared between entries counted once), never the entry in use.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..core.writing import write_atomically
from .signing import Signer, user_secret

CACHE_DIR_NAME = ".kg-cache"
CACHE_VARIABLE = "KG_CACHE"
OWN_FOLDER = "kg-cache"  # the cache's own folder inside $KG_CACHE
MARKER_FILE = "kg-entry"
ROOT_TAG = "CACHEDIR.TAG"  # https://bford.info/cachedir/: backup tools skip the folder
_ROOT_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                  "# This folder is a cache made by kg (the Mexico security knowledge graph's tool); it can be deleted.\n")
PAYLOAD_FILE = "build.pickle"
SHAPES_FILE = "shapes.pickle"
CHECKS_FILE = "checks.pickle"  # each file's checks, with what they looked up (parts.CheckRecord)
CITATIONS_FILE = "citations.pickle"  # the citation nodes of the whole graph
IDS_FILE = "ids.pickle"  # each entity's id and the file it is defined in, in the model's order
KEEP_ENTRIES = 3  # a few recent entries: switching branches back and forth stays warm without filling the disk
LIMIT_VARIABLE = "KG_CACHE_LIMIT"
DEFAULT_LIMIT_MB = 4096  # all entries together, in megabytes
PARTS_DIR = "parts"
_PLAIN, _ZLIB = b"p", b"z"  # how a part's body is stored: a pickle, or a pickle compressed
_CODE_ROOT = Path(__file__).resolve().parents[1]  # src/kg
_warned: set[str] = set()


def _hash_tree(digest: Any, root: Path, skip: Path | None = None, files: dict[str, bytes] | None = None) -> None:
    """Feed every file under `root` (relative path and a hash of its bytes, in sorted order) into `digest`; with
    `files`, keep each file's own hash there (by its path as given), so its bytes are read once per command."""
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
        own = hashlib.blake2b(path.read_bytes(), digest_size=32).digest()
        digest.update(own)
        if files is not None:
            files[str(path)] = own


def _code_version() -> bytes:
    """What else decides a build's result: the kg package's code and the interpreter and store library versions."""
    import pyoxigraph

    digest = hashlib.blake2b(digest_size=32)
    for path in sorted(_CODE_ROOT.rglob("*")):
        if path.suffix in (".py", ".html", ".js", ".css", ".j2") and path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_CODE_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(f"{sys.version}\0{pyoxigraph.__version__}".encode())
    return digest.digest()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        print(f"kg: {message}", file=sys.stderr)


def cache_root(graph_dir: Path) -> Path | None:
    """Where entries live: `.kg-cache/` beside the graph directory, `$KG_CACHE/kg-cache/` if set, None when off."""
    setting = os.environ.get(CACHE_VARIABLE, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting) / OWN_FOLDER
    return graph_dir.resolve().parent / CACHE_DIR_NAME


def _root_is_link(root: Path) -> bool:
    """Whether the cache root is a symbolic link (`.kg-cache -> ..` in a received folder): then it is not used."""
    try:
        if stat.S_ISLNK(os.lstat(root).st_mode):
            _warn_once(f"the cache folder {root} is a symbolic link: not used (delete the link to get the cache back)")
            return True
    except OSError:
        pass
    return False


def _usable_root(root: Path) -> bool:
    """Whether `root` can hold entries: a real folder, made here if missing (with its CACHEDIR.TAG)."""
    try:
        root.mkdir(mode=0o755, parents=True)
    except FileExistsError:
        pass
    except OSError:
        return False
    else:
        try:
            write_atomically(root / ROOT_TAG, _ROOT_TAG_TEXT.encode("ascii"))
        except OSError:
            pass
    try:
        return stat.S_ISDIR(os.lstat(root).st_mode)
    except OSError:
        return False


def _read_no_follow(path: Path) -> bytes:
    """A regular file's bytes; a symbolic link or anything but a regular file raises OSError."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    finally:
        os.close(fd)


class CacheEntry:
    """One build's folder in the cache: its signed files and, once a query asked for it, the Oxigraph store."""

    def __init__(self, root: Path, key: str, signer: Signer):
        self.root = root
        self.key = key
        self.path = root / key
        self.signer = signer
        self.scope = ""  # the code and the vocabulary, which a file's work depends on besides the file (parts.py)
        self.file_hashes: dict[str, bytes] = {}  # each file of the graph (by its path) → a hash of its bytes
        self._claimed: bool | None = None
        self._pruned = False

    @classmethod
    def for_graph(cls, graph_dir: Path, ontology_dir: Path, label: str) -> CacheEntry | None:
        """The entry for this graph as it is now on disk (None when the cache is off or cannot be used safely);
        `label` is how the graph directory was named, which problems print, so it is part of the key."""
        root = cache_root(graph_dir)
        if root is None:
            return None
        if _root_is_link(root):
            return None
        secret = user_secret(not_inside=[graph_dir.resolve().parent, root])
        if secret is None or not _usable_root(root):
            return None
        scope = hashlib.blake2b(digest_size=20)
        scope.update(_code_version() + b"\0ontology\0")
        _hash_tree(scope, ontology_dir)
        digest = hashlib.blake2b(digest_size=20)
        digest.update(scope.digest() + b"\0" + label.encode("utf-8", "surrogateescape") + b"\0")
        files: dict[str, bytes] = {}
        _hash_tree(digest, graph_dir, skip=root, files=files)
        key = digest.hexdigest()
        entry = cls(root, key, Signer(secret, key))
        entry.scope = scope.hexdigest()
        entry.file_hashes = files
        return entry

    # ------------------------------------------------------------------ is this folder ours?
    def _marker(self) -> bytes:
        return self.signer.signature(MARKER_FILE, b"")

    def is_ours(self) -> bool:
        """Whether the entry's folder exists, is a real folder, and carries kg's marker for this key."""
        return _marked(self.path, self.signer, self._marker())

    def claim(self) -> bool:
        """Make the entry's folder ours (made and marked now, or found marked); False if something else is there."""
        if self._claimed:
            return True
        try:
            os.mkdir(self.path)
        except FileExistsError:
            pass
        except OSError:
            self._claimed = False
            return False
        try:
            info = os.lstat(self.path)
            if not stat.S_ISDIR(info.st_mode):
                self._claimed = False
                return False
            if not self.is_ours():
                # An empty real folder holds nothing to lose (a command killed before it marked the folder it made).
                if any(os.scandir(self.path)):
                    self._claimed = False
                    return False
                write_atomically(self.path / MARKER_FILE, self._marker())
            self._claimed = self.is_ours()
        except OSError:
            self._claimed = False
        return bool(self._claimed)

    # ------------------------------------------------------------------ the signed files
    def load(self, name: str = PAYLOAD_FILE) -> Any | None:
        """The stored payload (or the named file's), or None if there is none, it is damaged or it was not signed by
        this user for this entry (then the entry is emptied, to be rebuilt)."""
        if not self.is_ours():
            return None
        try:
            data = _read_no_follow(self.path / name)
        except OSError:
            return None
        body = self.signer.unsigned(name, data)
        payload = _unpickled(body)
        if payload is _DAMAGED:
            self.discard()
            return None
        self.touch()
        return payload

    def touch(self) -> None:
        """Mark the entry as the most recently used: the pruning keeps it."""
        try:
            os.utime(self.path)
        except OSError:
            pass

    def save(self, payload: Any, name: str = PAYLOAD_FILE) -> None:
        """Store the payload (or the named file) signed and atomically; a cache that cannot be written is skipped."""
        try:
            body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            if not self.claim():
                return
            write_atomically(self.path / name, (self.signer.signature(name, body), body))
            self._prune()
        except OSError:
            pass

    # ------------------------------------------------------------------ per-file parts
    def _part_signer(self, key: str) -> Signer:
        return self.signer.for_scope("part:" + key)

    def load_part(self, kind: str, key: str) -> Any | None:
        """A part kept for `key` (in this entry, or in another one, then linked into this one), or None."""
        name = f"{kind}-{key}.pickle"
        own = self.path / PARTS_DIR / name
        if not os.path.lexists(own):
            if not self._link_from_others(name):
                return None
        try:
            data = _read_no_follow(own)
        except OSError:
            return None
        payload = _unpickled(_decoded(self._part_signer(key).unsigned(name, data)))
        if payload is _DAMAGED:
            _unlink(own)  # inside our own entry: made again by the caller
            return None
        return payload

    def save_part(self, kind: str, key: str, payload: Any, compress: bool = False) -> None:
        """Keep a part for `key`, signed for that key (so any entry may hold it), compressed if asked."""
        name = f"{kind}-{key}.pickle"
        try:
            body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            body = _ZLIB + zlib.compress(body, 1) if compress else _PLAIN + body
            if not self.claim():
                return
            folder = self.path / PARTS_DIR
            folder.mkdir(exist_ok=True)
            write_atomically(folder / name, (self._part_signer(key).signature(name, body), body))
            self._prune()
        except OSError:
            pass

    def _link_from_others(self, name: str) -> bool:
        """Link a part of that name from another of kg's entries into this one; False if none has it."""
        for other in self.others():
            source = other / PARTS_DIR / name
            try:
                if not stat.S_ISREG(os.lstat(source).st_mode):
                    continue
            except OSError:
                continue
            if not self.claim():
                return False
            folder = self.path / PARTS_DIR
            try:
                folder.mkdir(exist_ok=True)
                try:
                    os.link(source, folder / name)
                except FileExistsError:
                    pass
                except OSError:  # another file system, or no hard links: a copy
                    write_atomically(folder / name, _read_no_follow(source))
                return True
            except OSError:
                continue
        return False

    def others(self) -> list[Path]:
        """The other entries kg made in this root, the most recently used first."""
        if getattr(self, "_others", None) is None:
            found = []
            try:
                listing = list(self.root.iterdir())
            except OSError:
                listing = []
            for path in listing:
                if path == self.path or path.name.startswith("."):
                    continue
                signer = self.signer.for_scope(path.name)
                if _marked(path, signer, signer.signature(MARKER_FILE, b"")):
                    try:
                        found.append((path.lstat().st_mtime, path))
                    except OSError:
                        pass
            self._others = [path for _, path in sorted(found, reverse=True)]
        return self._others

    def other_entry(self, path: Path) -> CacheEntry:
        """Another entry of this root (one of `others()`), to read its signed files."""
        entry = CacheEntry(self.root, path.name, self.signer.for_scope(path.name))
        entry.scope = self.scope
        return entry

    def discard(self) -> None:
        """Empty the entry (it is ours: marked for this key), so it is rebuilt."""
        if self.is_ours():
            shutil.rmtree(self.path, ignore_errors=True)
        self._claimed = None

    def _prune(self) -> None:
        """Remove the least recently used entries beyond KEEP_ENTRIES, or while all of them together take more than
        the limit; only folders marked as kg's entries are ever removed, and never this one. Once per entry."""
        if self._pruned:
            return
        self._pruned = True
        self._others = None
        others = self.others()
        removed = set(others[KEEP_ENTRIES - 1 :])
        kept = [path for path in others if path not in removed]
        limit = _limit_bytes()
        seen: set[tuple[int, int]] = set()
        total = _size(self.path, seen)
        for path in kept:
            total += _size(path, seen)
            if total > limit:
                removed.add(path)
        for old in removed:
            shutil.rmtree(old, ignore_errors=True)
        self._others = [path for path in others if path not in removed]

    # ------------------------------------------------------------------ the Oxigraph store
    def oxigraph_store(self, ntriples_chunks: Callable[[], Iterable[bytes]],
                       earlier: Callable[[], Any] | None = None) -> Any:
        """A read-only Oxigraph store of the graph, kept in this entry (see kept_store.py): made from an earlier
        entry's store and the triples that changed (`earlier()` gives them, or None), or else from the whole graph;
        in memory when the entry cannot hold one."""
        from .kept_store import kept_store, memory_store

        if not self.claim():
            return memory_store(ntriples_chunks())
        return kept_store(self.path, self.signer, ntriples_chunks, earlier)


def _marked(path: Path, signer: Signer, marker: bytes) -> bool:
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return False
        import hmac

        return hmac.compare_digest(_read_no_follow(path / MARKER_FILE), marker)
    except OSError:
        return False


_DAMAGED = object()


def _unpickled(body: Any) -> Any:
    """The object in a verified body, or _DAMAGED (no valid signature, or a body that does not unpickle)."""
    if body is None:
        return _DAMAGED
    try:
        return pickle.loads(body)  # noqa: S301 - signed by this user's secret for this entry (or part) and name
    except Exception:  # noqa: BLE001 - damage or a changed class means: rebuild
        return _DAMAGED


def _decoded(body: memoryview | None) -> bytes | memoryview | None:
    """A part's body without its codec byte (decompressed if it was compressed); None for a damaged one."""
    if body is None or len(body) < 1:
        return None
    codec, rest = bytes(body[:1]), body[1:]
    if codec == _PLAIN:
        return rest
    if codec == _ZLIB:
        try:
            return zlib.decompress(rest)
        except zlib.error:
            return None
    return None


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _limit_bytes() -> int:
    setting = os.environ.get(LIMIT_VARIABLE, "").strip()
    try:
        megabytes = float(setting) if setting else DEFAULT_LIMIT_MB
    except ValueError:
        megabytes = DEFAULT_LIMIT_MB
    return int(megabytes * 1024 * 1024)


def _size(folder: Path, seen: set[tuple[int, int]]) -> int:
    """Bytes taken by the files under `folder` not counted yet (a file linked from two entries counts once)."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                info = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            total += info.st_blocks * 512
    return total
