"""Reading YAML files into node trees that keep the line and column of every value."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from ..core.problems import Pos, Problems

try:  # libyaml scans and parses in C; the pure-Python loader is the fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

STR_TAG = "tag:yaml.org,2002:str"


def display_path(path: Path) -> str:
    """The path as a curator would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if rel.startswith("..") else rel


def pos_of(file: str, node: Node) -> Pos:
    return Pos(file, node.start_mark.line + 1, node.start_mark.column + 1)


def compose_file(path: Path, problems: Problems) -> tuple[str, Node | None]:
    """The file's node tree, or None after reporting why it could not be read."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.error(Pos(name, 1, 1), "encoding", f"file is not UTF-8 ({exc.reason} at byte {exc.start})")
        return name, None
    except OSError as exc:
        problems.error(Pos(name, 1, 1), "io", f"cannot read file: {exc.strerror}")
        return name, None
    try:
        return name, yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        problems.error(Pos(name, line, col), "yaml-syntax", f"YAML syntax error: {what}{context}")
    except yaml.YAMLError as exc:
        problems.error(Pos(name, 1, 1), "yaml-syntax", f"YAML error: {exc}")
    return name, None


def mapping_items(file: str, node: MappingNode, problems: Problems) -> dict[str, tuple[ScalarNode, Node]]:
    """Key → (key node, value node), reporting duplicate and non-text keys (YAML would silently keep the last)."""
    items: dict[str, tuple[ScalarNode, Node]] = {}
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
