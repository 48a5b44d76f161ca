"""Reading YAML files into node trees that keep the line and column of every value.

Every way a file can fail to be read is reported at the line and column where it fails: bytes that are not UTF-8,
characters YAML forbids, syntax errors (one line, no parser internals), tags other than YAML's plain ones (a
`!!python/object` would otherwise be dropped without a word), and aliases that contain themselves.
"""

from __future__ import annotations

import operator
import os
from functools import lru_cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.problems import Pos, Problems

try:  # libyaml scans and parses in C; the pure-Python loader is the fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader



class _Composer(_Loader):
    """libyaml's composer with the Python-side costs PyYAML adds to every node cut, and the same nodes and tags.

    Without path resolvers (none are registered), a scalar's tag depends only on (kind, value, implicit): `resolve`
    is memoised per file, so each distinct scalar is resolved once, and the per-node descend/ascend hooks, which then
    do nothing, are replaced by C callables that also do nothing.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        if not self.yaml_path_resolvers:
            self.resolve = lru_cache(maxsize=None)(self.resolve)
            self.descend_resolver = operator.is_  # takes (parent, index), returns a bool, no side effect
            self.ascend_resolver = tuple  # takes nothing, returns ()


def _compose(text: str) -> Node | None:
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


STR_TAG = "tag:yaml.org,2002:str"
# The tags a curator's plain YAML resolves to; anything else was written on purpose (`!!python/...`, `!custom`).
PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


MERGE_TAG = "tag:yaml.org,2002:merge"


def display_path(path: Path) -> str:
    """The path as a curator would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if rel.startswith("..") else rel


def pos_of(file: str, node: Node) -> Pos:
    mark = node.start_mark
    return Pos(file, mark.line + 1, mark.column + 1)


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character `index` in `text`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


def decode(name: str, data: bytes, problems: Problems) -> str | None:
    """The file's text, or None after reporting the first byte that is not UTF-8 at its line and column."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        problems.error(
            Pos(name, line, col),
            "encoding",
            f"file is not UTF-8: byte 0x{data[exc.start]:02x} ({exc.reason}); save the file as UTF-8",
        )
        return None


def compose_file(path: Path, problems: Problems) -> tuple[str, Node | None]:
    """The file's node tree, or None after reporting why it could not be read."""
    name = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(Pos(name, 1, 1), "io", f"cannot read file: {exc.strerror or exc}")
        return name, None
    text = decode(name, data, problems)
    if text is None:
        return name, None
    return name, compose_text(name, text, problems)


def compose_text(name: str, text: str, problems: Problems) -> Node | None:
    """The node tree of `text`, or None after reporting where and why it is not acceptable YAML."""
    try:
        root = _compose(text)
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (raw control characters, NUL)
        line, col = _line_col(text, exc.position)
        problems.error(
            Pos(name, line, col),
            "yaml-syntax",
            f"YAML syntax error: control character U+{exc.character:04X} is not allowed in YAML;"
            " write it as an escape inside double quotes, or remove it",
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = _one_line(exc.problem or "invalid YAML")
        context = f" ({_one_line(exc.context)})" if exc.context else ""
        problems.error(Pos(name, line, col), "yaml-syntax", f"YAML syntax error: {what}{context}")
        return None
    except yaml.YAMLError as exc:  # no position: say what, without the parser's `<unicode string>` internals
        what = _one_line(getattr(exc, "problem", None) or type(exc).__name__)
        problems.error(Pos(name, 1, 1), "yaml-syntax", f"YAML error: {what}")
        return None
    except RecursionError:  # the composer recurses once per nesting level
        problems.error(Pos(name, 1, 1), "yaml-syntax", "YAML nested too deeply to read")
        return None
    # Tags need a `!` and a self-containing alias an `&` somewhere in the text: without either, skip the walk.
    if root is not None and ("!" in text or "&" in text) and not check_tree(name, text, root, problems):
        return None
    return root


def check_tree(name: str, text: str, root: Node, problems: Problems) -> bool:
    """Report custom tags and self-containing aliases; False when the tree must not be read further.

    One pass over the distinct nodes (an alias used many times is visited once), so shared aliases stay linear.
    """
    ok = True
    state: dict[int, int] = {}  # id(node) → 1 while its children are being visited, 2 when done
    stack: list[tuple[Node, bool]] = [(root, False)]
    cyclic = False
    while stack:
        node, leaving = stack.pop()
        if leaving:
            state[id(node)] = 2
            continue
        seen = state.get(id(node))
        if seen == 1:
            cyclic = True
            continue
        if seen == 2:
            continue
        if node.tag == MERGE_TAG:
            problems.error(pos_of(name, node), "yaml-tag", "merge keys (`<<`) are not supported: write the keys out")
            ok = False
        elif node.tag not in PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            problems.error(
                pos_of(name, node),
                "yaml-tag",
                f"the tag `{tag}` is not allowed: write plain text, lists and mappings without tags",
            )
            ok = False
        state[id(node)] = 1
        stack.append((node, True))
        if isinstance(node, SequenceNode):
            stack.extend((child, False) for child in reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, False))
                stack.append((key, False))
    if cyclic:
        report_recursive_aliases(name, text, problems)
        return False
    return ok


def report_recursive_aliases(name: str, text: str, problems: Problems) -> None:
    """Report each alias used inside the node its anchor names (`&a [*a]`), at the alias."""
    open_anchors: list[str | None] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_anchors.append(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            open_anchors.pop()
        elif isinstance(event, yaml.AliasEvent) and event.anchor in open_anchors:
            problems.error(
                Pos(name, event.start_mark.line + 1, event.start_mark.column + 1),
                "recursive-alias",
                f"the alias `*{event.anchor}` is used inside the node it names, which would contain itself",
            )


def mapping_items(file: str, node: MappingNode, problems: Problems) -> dict[str, tuple[ScalarNode, Node]]:
    """Key → (key node, value node), reporting duplicate and non-text keys (YAML would silently keep the last)."""
    pairs = node.value
    items: dict[str, tuple[ScalarNode, Node]] = {p[0].value: p for p in pairs if p[0].__class__ is ScalarNode}
    if len(items) == len(pairs):  # every key text and none twice: nothing to report
        return items
    items = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            problems.error(pos_of(file, key), "bad-key", "a key must be plain text, not a list or mapping")
            continue
        if key.value in items:
            first = items[key.value][0]
            problems.error(
                pos_of(file, key),
                "duplicate-key",
                f"duplicate key `{key.value}` (first at line {first.start_mark.line + 1}); YAML would keep only the last",
            )
            continue
        items[key.value] = (key, value)
    return items
