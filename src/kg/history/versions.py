"""The versions `kg diff` compares: a git revision of the repository, the working tree, a folder of YAML, or an
export folder (its `mxsec.nt`). A git revision is read with `git` itself (`ls-tree`, `cat-file`), never checked out;
its date is the commit's, never the clock's.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..core.errors import UserError
from ..load.side_files import SIDE_FILES
from ..load.vocabulary import ONTOLOGY_DIR, VOCABULARY_FILES
from .release import DATASET_IRI, RELEASE_FILE, Release, parse_release

EXPORT_FILE = "mxsec.nt"
YAML_SUFFIXES = (".yaml", ".yml")


class VersionError(UserError):
    """A version that cannot be read: an unknown revision, a folder that is neither a graph nor an export."""


@dataclass
class Repository:
    """The git repository that holds the graph folder."""

    top: Path
    graph_path: str  # the graph folder, relative to `top`, in git's spelling ("graph")

    @classmethod
    def around(cls, graph_dir: Path) -> Repository | None:
        """The repository the graph folder is in, or None (not in one, or git is missing)."""
        try:
            found = subprocess.run(["git", "-C", str(graph_dir), "rev-parse", "--show-toplevel"],
                                   capture_output=True, text=True, check=False)
        except OSError:
            return None
        if found.returncode != 0:
            return None
        top = Path(found.stdout.strip())
        try:
            relative = graph_dir.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            return None
        return cls(top, "" if relative == "." else relative)

    def git(self, *args: str, input: bytes | None = None) -> bytes:  # noqa: A002 - subprocess's name
        done = subprocess.run(["git", "-C", str(self.top), "-c", "core.quotepath=off", *args], input=input,
                              capture_output=True, check=False)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise VersionError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
        return done.stdout

    def commit(self, spec: str) -> str | None:
        """The full hash of the commit `spec` names (a tag, branch, hash, HEAD~1), or None."""
        if not spec or spec.startswith("-"):
            return None
        found = subprocess.run(["git", "-C", str(self.top), "rev-parse", "--verify", "--quiet", "--end-of-options",
                                f"{spec}^{{commit}}"], capture_output=True, text=True, check=False)
        return found.stdout.strip() or None if found.returncode == 0 else None

    def last_tag(self) -> str | None:
        """The most recent tag reachable from HEAD, or None."""
        found = subprocess.run(["git", "-C", str(self.top), "describe", "--tags", "--abbrev=0"], capture_output=True,
                               text=True, check=False)
        return found.stdout.strip() or None if found.returncode == 0 else None

    def tags_at(self, commit: str) -> list[str]:
        return sorted(self.git("tag", "--points-at", commit).decode("utf-8", "replace").split())

    def commit_info(self, commit: str) -> tuple[str, str, str]:
        """The commit's date (ISO 8601, the committer's), author name and subject line."""
        text = self.git("show", "-s", "--format=%cI%x00%an%x00%s", commit).decode("utf-8", "replace")
        date, author, subject = (text.strip("\n").split("\x00") + ["", ""])[:3]
        return date, author, subject

    def tree(self, commit: str, path: str) -> dict[str, str]:
        """Every file under `path` at `commit`: path relative to `path` → blob hash."""
        prefix = f"{path}/" if path else ""
        listing = self.git("ls-tree", "-r", "-z", "--full-tree", commit, "--", path or ".")
        files = {}
        for record in listing.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            mode, kind, blob = meta.decode().split()
            name_text = name.decode("utf-8", "surrogateescape")
            if kind == "blob" and name_text.startswith(prefix) and mode != "120000":
                files[name_text[len(prefix):]] = blob
        return files

    def blobs(self, hashes: list[str]) -> dict[str, bytes]:
        """The contents of many blobs, read by one `git cat-file --batch`."""
        wanted = sorted(set(hashes))
        if not wanted:
            return {}
        out = self.git("cat-file", "--batch", input="".join(f"{h}\n" for h in wanted).encode())
        found, at = {}, 0
        for blob in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            size = int(header[2])
            found[blob] = out[end + 1:end + 1 + size]
            at = end + 1 + size + 1
        return found


def blob_hash(data: bytes) -> str:
    """The hash git gives a file's bytes (so a working-tree file is compared with a revision's without reading it)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # noqa: S324 - git's own object name


@dataclass
class Version:
    """One side of a diff: where it is read from, how it is named, its date and its release."""

    kind: str  # revision | worktree | folder | exports
    spec: str  # what the user wrote
    label: str  # how it is named in the output
    ident: str  # a stable identity: a commit hash, "<commit>+worktree", a folder path
    date: str | None = None  # ISO 8601: the commit's date, or the release's
    author: str | None = None
    commit: str | None = None
    repository: Repository | None = None
    directory: Path | None = None  # a working tree's graph folder, a folder of YAML, an export folder
    _files: dict[str, bytes] | None = field(default=None, repr=False)

    # -------------------------------------------------------------------------------------------- the files
    @cached_property
    def blob_names(self) -> dict[str, str]:
        """Each YAML file of the graph (relative path) → its git blob hash, side files left out."""
        if self.kind == "revision":
            assert self.repository is not None and self.commit is not None
            tree = self.repository.tree(self.commit, self.repository.graph_path)
            return {name: blob for name, blob in sorted(tree.items()) if _entity_file(name)}
        assert self.directory is not None
        return {name: blob_hash(data) for name, data in self._disk_files().items()}

    def _disk_files(self) -> dict[str, bytes]:
        if self._files is None:
            from ..load.reader import graph_files

            assert self.directory is not None
            files = {}
            for path in graph_files(self.directory):
                name = path.relative_to(self.directory).as_posix()
                if _entity_file(name):
                    files[name] = path.read_bytes()
            self._files = files
        return self._files

    def read(self, names: list[str]) -> dict[str, bytes]:
        """The bytes of these graph files."""
        if self.kind == "revision":
            assert self.repository is not None
            blobs = self.repository.blobs([self.blob_names[n] for n in names])
            return {n: blobs[self.blob_names[n]] for n in names}
        files = self._disk_files()
        return {n: files[n] for n in names}

    def side_file(self, name: str) -> bytes | None:
        """A file at the top of the graph folder that holds no entities (`release.yaml`, `renamed.yaml`)."""
        if self.kind == "revision":
            assert self.repository is not None and self.commit is not None
            path = f"{self.repository.graph_path}/{name}" if self.repository.graph_path else name
            found = subprocess.run(["git", "-C", str(self.repository.top), "cat-file", "blob",
                                    f"{self.commit}:{path}"], capture_output=True, check=False)
            return found.stdout if found.returncode == 0 else None
        if self.directory is None:
            return None
        path = self.directory / name
        return path.read_bytes() if path.is_file() else None

    def ontology(self) -> dict[str, bytes]:
        """The vocabulary files this version is read with: the revision's own `ontology/` when the revision is of
        this project's repository, else the installed one."""
        if self.kind == "revision" and self.repository is not None:
            try:
                relative = ONTOLOGY_DIR.resolve().relative_to(self.repository.top.resolve()).as_posix()
            except ValueError:
                relative = None
            if relative is not None:
                tree = self.repository.tree(self.commit or "", relative)
                if all(name in tree for name in VOCABULARY_FILES):
                    blobs = self.repository.blobs([tree[name] for name in VOCABULARY_FILES])
                    return {name: blobs[tree[name]] for name in VOCABULARY_FILES}
        return {name: (ONTOLOGY_DIR / name).read_bytes() for name in VOCABULARY_FILES}

    @cached_property
    def release(self) -> Release | None:
        """The release this version states: its `release.yaml`, or for an export folder the stamp in its N-Triples."""
        if self.kind == "exports":
            assert self.directory is not None
            return stamp_in(self.directory / EXPORT_FILE)
        data = self.side_file(RELEASE_FILE)
        return parse_release(data, f"{self.label}: {RELEASE_FILE}") if data is not None else None


def stamp_in(path: Path) -> Release | None:
    """The release stamped in an export's N-Triples (kg.history.release), or None."""
    data = path.read_bytes()
    found = {}
    for name in ("version", "datePublished"):
        match = re.search(rb"^<" + re.escape(DATASET_IRI.encode()) + rb"> <https://schema.org/" + name.encode()
                          + rb'> "([^"\\]*)"', data, re.MULTILINE)
        if match:
            found[name] = match.group(1).decode("utf-8", "replace")
    if len(found) < 2:
        return None
    return Release(found["version"], found["datePublished"])


def _entity_file(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES) and not ("/" not in name and name in SIDE_FILES)


def resolve_version(spec: str | None, graph_dir: Path, repository: Repository | None, *, role: str) -> Version:
    """The version a command-line argument names: an export folder, a folder of YAML, or a git revision; None for
    NEW means the working tree, for OLD the last tag (or HEAD~1)."""
    if spec is None and role == "new":
        return worktree(graph_dir, repository)
    if spec is None:
        if repository is None:
            raise VersionError(f"{graph_dir}/ is not in a git repository: name the old version (a folder)")
        tag = repository.last_tag()
        spec = tag or "HEAD~1"
        if repository.commit(spec) is None:
            raise VersionError("the repository has no tag and no commit before HEAD: name the old version")
    path = Path(spec)
    if path.is_dir():
        if (path / EXPORT_FILE).is_file():
            version = Version("exports", spec, f"exports {spec}", str(path.resolve()), directory=path)
            version.date = version.release.date if version.release else None
            return version
        from ..load.reader import graph_files

        if graph_files(path):
            if repository is not None and path.resolve() == graph_dir.resolve():
                return worktree(graph_dir, repository)
            version = Version("folder", spec, f"folder {spec}", str(path.resolve()), directory=path)
            version.date = version.release.date if version.release else None
            return version
        raise VersionError(f"{spec} is a folder with neither {EXPORT_FILE} nor YAML files")
    if repository is None:
        raise VersionError(f"`{spec}` is not a folder, and {graph_dir}/ is not in a git repository")
    commit = repository.commit(spec)
    if commit is None:
        raise VersionError(f"`{spec}` is neither a folder nor a revision of the repository at {repository.top}")
    date, author, _ = repository.commit_info(commit)
    name = spec if not re.fullmatch(r"[0-9a-f]{7,40}", spec) else commit[:10]
    label = name if name.startswith(commit[:7]) else f"{name} ({commit[:10]})"
    return Version("revision", spec, label, commit, date=date, author=author, commit=commit,
                   repository=repository)


def worktree(graph_dir: Path, repository: Repository | None) -> Version:
    """The graph folder as it is on disk; in a repository it is dated by HEAD's commit (the last recorded date)."""
    version = Version("worktree", "", "working tree", str(graph_dir.resolve()), repository=repository,
                      directory=graph_dir)
    head = repository.commit("HEAD") if repository is not None else None
    if head is not None:
        assert repository is not None
        version.date, version.author, _ = repository.commit_info(head)
        version.commit = head
        version.ident = f"{head}+worktree"
        version.label = f"working tree (on {head[:10]})"
    elif version.release is not None:
        version.date = version.release.date
    return version
