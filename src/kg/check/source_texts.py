"""The two side files of `graph/` that are not entities, read only when the texts are asked for (`--texts DIR`):

- `texts.yaml`: source id → the file holding its text in the curator's folder, the `start`/`end` markers that cut one
  post out of a file holding several, and the file's SHA-256 (a changed text is a warning naming the file);
- `citation-allowlist.yaml`: the reviewed citations whose support is by sense rather than words, each with a reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.problems import Pos, Problems
from ..load.side_files import ALLOWLIST_FILE, TEXTS_FILE
from ..load.yamlfile import compose_file, display_path, mapping_items, pos_of
from ..text.article import Article, ArticleError, read_article, read_text_file


@dataclass(frozen=True)
class TextRef:
    """Where a source's text is: a file name in the texts folder, markers, the expected SHA-256, and the entry's
    place in texts.yaml."""

    source: str
    file: str
    start: str | None
    end: str | None
    sha256: str | None
    pos: Pos


@dataclass(frozen=True)
class Allowed:
    """A reviewed citation supported by sense, not words: the statement's subject and predicate (and object, or the
    number or date allowed, when given), the citation as written, and why."""

    subject: str
    predicate: str
    object: str | None
    cite: str
    reason: str
    pos: Pos
    value: str | None = None


def _scalar(file: str, node: Node, what: str, problems: Problems) -> str | None:
    if isinstance(node, ScalarNode) and node.value.strip():
        return node.value.strip()
    problems.error(pos_of(file, node), "bad-side-file", f"expected {what} as text")
    return None


def read_text_refs(graph_dir: Path, problems: Problems) -> dict[str, TextRef]:
    """The entries of `graph_dir/texts.yaml` (none when the file is absent); malformed entries are errors."""
    path = Path(graph_dir) / TEXTS_FILE
    if not path.is_file():
        return {}
    file, root = compose_file(path, problems)
    if root is None:
        return {}
    if not isinstance(root, MappingNode):
        problems.error(pos_of(file, root), "bad-side-file", "expected a mapping: source id → {file, start, end, sha256}")
        return {}
    refs: dict[str, TextRef] = {}
    for source, (key, value) in mapping_items(file, root, problems).items():
        if not isinstance(value, MappingNode):
            problems.error(pos_of(file, value), "bad-side-file", f"`{source}`: expected {{file: ..., sha256: ...}}")
            continue
        fields = mapping_items(file, value, problems)
        unknown = sorted(set(fields) - {"file", "start", "end", "sha256"})
        if unknown:
            problems.error(
                pos_of(file, fields[unknown[0]][0]),
                "bad-side-file",
                f"unknown key `{unknown[0]}`; expected file, start, end, sha256",
            )
        if "file" not in fields:
            problems.error(pos_of(file, value), "bad-side-file", f"`{source}` has no `file`")
            continue
        text = {k: _scalar(file, fields[k][1], k, problems) if k in fields else None for k in ("file", "start", "end")}
        sha = _scalar(file, fields["sha256"][1], "sha256", problems) if "sha256" in fields else None
        if text["file"] is None:
            continue
        refs[source] = TextRef(source, text["file"], text["start"], text["end"], sha, pos_of(file, key))
    return refs


def read_allowlist(graph_dir: Path, problems: Problems) -> list[Allowed]:
    """The entries of `graph_dir/citation-allowlist.yaml` (none when absent); an entry without a reason is an error."""
    path = Path(graph_dir) / ALLOWLIST_FILE
    if not path.is_file():
        return []
    file, root = compose_file(path, problems)
    if root is None:
        return []
    if not isinstance(root, SequenceNode):
        problems.error(pos_of(file, root), "bad-side-file", "expected a list of {subject, predicate, cite, reason}")
        return []
    allowed = []
    for node in root.value:
        if not isinstance(node, MappingNode):
            problems.error(pos_of(file, node), "bad-side-file", "expected {subject, predicate, cite, reason}")
            continue
        fields = mapping_items(file, node, problems)
        missing = [k for k in ("subject", "predicate", "cite", "reason") if k not in fields]
        if missing:
            problems.error(pos_of(file, node), "bad-side-file", f"allow-list entry lacks {', '.join(missing)}")
            continue
        got = {k: _scalar(file, fields[k][1], k, problems) for k in ("subject", "predicate", "cite", "reason")}
        obj = _scalar(file, fields["object"][1], "object", problems) if "object" in fields else None
        value = _scalar(file, fields["value"][1], "value", problems) if "value" in fields else None
        if None in got.values():
            continue
        allowed.append(Allowed(got["subject"], got["predicate"], obj, " ".join(got["cite"].split()), got["reason"],
                               pos_of(file, node), value))  # fmt: skip
    return allowed


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_texts(refs: dict[str, TextRef], texts_dir: Path, problems: Problems) -> dict[str, Article]:
    """The article of every mapped source whose file is in `texts_dir`. A missing file, a changed text (hash
    mismatch) or a marker not found is a warning naming the file; that source's citations are then not checked,
    except after a hash mismatch, where they are checked against the new text."""
    articles: dict[str, Article] = {}
    for source, ref in sorted(refs.items()):
        path = Path(texts_dir) / ref.file
        shown = display_path(path)
        if not path.is_file():
            problems.warning(ref.pos, "text-missing", f"text of `{source}` not found: {shown}; its citations are not checked")
            continue
        if ref.sha256 and sha256_of(path) != ref.sha256:
            problems.warning(
                ref.pos,
                "text-changed",
                f"the text of `{source}` has changed: {shown} no longer has the SHA-256 recorded here; re-check the "
                f"paragraph counts (`kg source scaffold {shown} --id {source}`) and update the hash",
            )
        try:
            articles[source] = read_article(read_text_file(path), start=ref.start, end=ref.end)
        except ArticleError as exc:
            problems.warning(ref.pos, "text-unreadable", f"text of `{source}`: {exc}; its citations are not checked")
    return articles
