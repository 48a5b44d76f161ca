"""Deterministic YAML for imported entities: the same entities always give byte-identical text, laid out as curators
write it (lists of plain values in flow style `[a, b]`, a source's sections one per line, statements as a block).

The writer is small and hand-made because PyYAML's representer walks every value in Python and was most of an
import's time (2,000 rows: 9 s of 13). It writes only what importers make: mappings, lists, strings, whole numbers
and decimals; a string is written plain when YAML reads it back as the same string, else as a double-quoted (JSON)
string."""

from __future__ import annotations

import datetime
import functools
import json
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode

# Plain scalars: start with a letter or digit, no `: `, ` #`, leading/trailing blanks or flow characters (in flow
# context), and nothing YAML 1.1 reads as another type (checked below).
_MIDDLE = r"\w .'’()/&§¶+\-–—“”«»¿¡!?;%`\"*=<>|~$"
_PLAIN_BLOCK = re.compile(rf"[^\W_]([{_MIDDLE},]*[^\W_.'’)”»!?;%`\"*])?")
_PLAIN_FLOW = re.compile(rf"[^\W_]([{_MIDDLE}]*[^\W_.'’)”»!?;%`\"*])?")
# Characters YAML does not allow in a document, written as escapes inside double quotes.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_NOT_TEXT = re.compile(
    r"(?i:y|n|yes|no|true|false|on|off|null|~)$|[-+]?(\d[\d_]*)?\.?\d[\d_]*([eE][-+]?\d+)?$|0x[0-9a-fA-F]+$|"
    r"\d{4}-\d\d?-\d\d?|\d+:\d|[-+]?\.(inf|nan)$", re.IGNORECASE,
)


def scalar(value: Any, *, flow: bool = False) -> str:
    """One value as YAML text that reads back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        mantissa, _, exponent = text.partition("e")
        # YAML 1.1 reads a float only with a dot (and a signed exponent): 1e+16 would come back as text.
        return f"{mantissa}.0e{exponent}" if exponent and "." not in mantissa else text
    return _text(str(value), flow)


@functools.lru_cache(maxsize=1 << 16)
def _text(text: str, flow: bool) -> str:
    # Cached: an import writes the same citations and ids thousands of times.
    pattern = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if pattern.fullmatch(text) and not _NOT_TEXT.match(text) and _resolves_to_text(text):
        return text
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _resolves_to_text(text: str) -> bool:
    """Whether YAML 1.1, as PyYAML reads it, takes `text` written plain for a string: its own resolver decides, so
    that every form it reads as a number, boolean, null or date (`0b101`, `0x1_F`, `1_000`, `190:20:30`, `.NaN`) is
    quoted, not only the forms a pattern here thought of."""
    return _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR_TAG


def _is_flat(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _lines(mapping: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            if "heading" in value and all(_is_flat(v) for v in value.values()):
                inner = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items())
                out.append(f"{pad}{key}: {{{inner}}}")
            else:
                out.append(f"{pad}{key}:")
                out.extend(_lines(value, indent + 2))
        elif isinstance(value, list):
            if all(_is_flat(v) for v in value):
                out.append(f"{pad}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]")
            else:
                out.append(f"{pad}{key}:")
                for item in value:
                    body = _lines(item, indent + 4)
                    out.append(f"{pad}  - {body[0].lstrip()}")
                    out.extend(body[1:])
        else:
            out.append(f"{pad}{key}: {scalar(value)}")
    return out


def render_entity(entity: dict[str, Any]) -> str:
    """One entity as a YAML list item (ending with a newline)."""
    body = _lines(entity, 2)
    return "\n".join([f"- {body[0].lstrip()}", *body[1:]]) + "\n"


def join_blocks(blocks: list[str], header: str = "") -> str:
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    parts = ["\n".join(lines) + "\n"] if lines else []
    return "\n".join(parts + blocks)


BLOCK_START = re.compile(r"^- id: (.+)$", re.MULTILINE)
_TYPE_LINE = re.compile(r"^  type: (.+)$", re.MULTILINE)


def read_blocks(path: Path) -> dict[str, tuple[str, str]]:
    """The entities of a file this module wrote, as {id: (type, its text)}; a missing file gives none. A file edited
    into another layout is read as YAML and rewritten in this one."""
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    starts = list(BLOCK_START.finditer(text))
    before = text[: starts[0].start()] if starts else text
    if all(line.startswith("#") or not line.strip() for line in before.splitlines()):
        blocks: dict[str, tuple[str, str]] = {}
        for n, match in enumerate(starts):
            end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
            block = text[match.start():end].rstrip("\n") + "\n"
            kind = _TYPE_LINE.search(block)
            entity_id = match.group(1).strip().strip('"')
            if kind is None or "\n- " in block[1:]:
                break
            blocks[entity_id] = (kind.group(1).strip(), block)
        else:
            return blocks
    return {i: (str(e.get("type", "")), render_entity(e)) for i, e in load_entities(text).items()}


def load_entities(text: str) -> dict[str, dict[str, Any]]:
    """Entities from YAML text, by id (dates read back as the text they were written as)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) or []
    return {item["id"]: _undate(item) for item in data if isinstance(item, dict) and "id" in item}


def _undate(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _undate(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_undate(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """A readable id fragment: accents, case and punctuation folded away ("Culiacán Rosales" → "culiacan-rosales")."""
    from ..core.names import fold

    return _SLUG_JUNK.sub("-", fold(text)).strip("-") or "x"
