"""A graph file cut into its entities' blocks of text, so that a diff reads only the entities whose text changed.

A graph file is a YAML list: each entity is an item starting with `- ` in the first column, and every line of it
(but comments) is indented. Two versions of the graph share most blocks byte for byte; a block found in both needs no
reading, since the same text gives the same statements. Only the other blocks are read, with the project's loader,
from a copy of their file in which every other block is blanked out — the lines keep their numbers, so positions stay
true. A file that is not a plain list of such items (a single entity, flow style, YAML anchors shared between
entities) is one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"-(?:[ \t]|$)")
_ID_LINE = re.compile(r"^(?:- |  )?id:[ \t]*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)
_FIRST_ID = re.compile(r"- id:[ \t]*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?[ \t]*(?:#.*)?$")
# An anchor or alias (`&name`, `*name`) after a space, a bracket or a comma: blocks could share a node.
_ANCHOR = re.compile(r"[\s\[{,][&*][^\s\]},]")


@dataclass(frozen=True)
class Block:
    """Lines [start, end) of one file: one entity (or the whole file)."""

    file: str
    start: int
    end: int
    key: str  # its text without trailing blank and comment lines: what two versions compare
    ids: tuple[str, ...]  # the ids of the entities it defines


def _meaningless(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def split_blocks(file: str, text: str) -> list[Block]:
    """The file's entity blocks, in order; the whole file as one block when it cannot be cut safely."""
    lines = text.split("\n")
    whole = [Block(file, 0, len(lines), text, _ids(text))]
    if ("&" in text or "*" in text) and (_ANCHOR.search(text) or text[:1] in "&*"):
        return whole
    starts = []
    for number, line in enumerate(lines):
        if not line or line[0] in " #" or line.startswith("---") or line.startswith("%"):
            if (line.startswith("---") or line.startswith("%")) and starts:
                return whole  # a second document or a directive after the first item
            continue
        if _ITEM.match(line):
            starts.append(number)
        else:
            return whole  # a top-level mapping, flow style, or something else at the first column
    if not starts:
        return whole
    blocks = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        last = end
        while last > start + 1 and _meaningless(lines[last - 1]):
            last -= 1
        key = "\n".join(lines[start:last])
        first = _FIRST_ID.match(lines[start])  # an entity's block starts `- id: ...` as a rule
        blocks.append(Block(file, start, end, key, (first.group(1),) if first else _ids(key)))
    return blocks


def _ids(text: str) -> tuple[str, ...]:
    return tuple(_ID_LINE.findall(text))


def sparse_text(text: str, blocks: list[Block], keep: list[Block]) -> str:
    """The file with only the `keep` blocks (of its `blocks`) left, and what precedes the first; every other line
    blank."""
    lines = text.split("\n")
    if any(b.start == 0 and b.end == len(lines) for b in keep):
        return text
    out = [""] * len(lines)
    first = min((b.start for b in blocks), default=len(lines))
    out[:first] = lines[:first]
    for block in keep:
        out[block.start:block.end] = lines[block.start:block.end]
    return "\n".join(out)
