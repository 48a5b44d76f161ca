"""Deterministic YAML for imported entities: the same entities always give byte-identical text, readable by a curator
(lists of plain values in flow style, `[a, b]`; mappings in block style; keys in the order the importer gives)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _EntityDumper(_Dumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # entities share citation lists in memory; the file spells each one out


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    # A source's section (`{heading: ..., paragraphs: N}`) reads best on one line, as curators write it.
    flow = "heading" in data and all(not isinstance(v, dict | list) for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(not isinstance(item, dict | list) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_float(dumper: yaml.SafeDumper, data: float) -> yaml.Node:
    # repr gives the shortest text that reads back as the same float (24.8, not 24.800000000000001).
    return dumper.represent_scalar("tag:yaml.org,2002:float", repr(data))


_EntityDumper.add_representer(list, _represent_list)
_EntityDumper.add_representer(float, _represent_float)
_EntityDumper.add_representer(dict, _represent_dict)


def dump_entities(entities: list[dict[str, Any]], header: str = "") -> str:
    """The entities as one YAML list, each separated by a blank line, after `header` written as `#` comments."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    parts = ["\n".join(lines) + "\n"] if lines else []
    for entity in entities:
        text = yaml.dump([entity], Dumper=_EntityDumper, allow_unicode=True, sort_keys=False, width=10_000,
                         default_flow_style=False)
        parts.append(text)
    return "\n".join(parts)


def load_entities(path: Path) -> dict[str, dict[str, Any]]:
    """The entities of a YAML file this module wrote, by id (dates read back as the text they were written as), so
    that an import can keep what a newer export does not repeat. A missing file gives no entities."""
    if not path.exists():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []
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


def slug(text: str) -> str:
    """A readable id fragment: accents, case and punctuation folded away ("Culiacán Rosales" → "culiacan-rosales")."""
    from ..core.names import fold

    return _SLUG_JUNK.sub("-", fold(text)).strip("-") or "x"
