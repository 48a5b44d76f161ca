"""Applying an accepted match: the record's statements become statements of the graph's event, in the file that
holds the event. A value the event already has gets the record's citations (so each value carries every source that
states it); a value it does not have is added, cited to the record, and where the two give different values (a toll,
a date) that is a disagreement `kg query disagreements` lists. The record's id is kept on the event as a
`nameInSource` cited to the record, so a re-import finds it and the ACLED export writes the event once, under ACLED's
id.

Only the event's own block of its file is rewritten (by the importers' deterministic writer); the rest of the file,
comments included, stays byte for byte. Applying the same record twice changes nothing."""

from __future__ import annotations

import re
from typing import Any

from .yamlwriter import load_entities, render_entity

_QUALIFIER_SKIP = ("cite", "note")
_BLOCK_END = re.compile(r"^(?:- |\S)", re.MULTILINE)


class MergeError(ValueError):
    """The event's block could not be found or read in its file."""


def _block_span(text: str, entity_id: str) -> tuple[int, int]:
    start = re.search(rf"^- id: \"?{re.escape(entity_id)}\"?[ \t]*$", text, re.MULTILINE)
    if start is None:
        raise MergeError(f"`{entity_id}` is not written as a list item `- id: {entity_id}` in its file")
    nxt = _BLOCK_END.search(text, start.end() + 1)
    end = nxt.start() if nxt else len(text)
    # Blank lines and comments before the next entity belong to it (a section heading), not to this block.
    lines = text[start.start():end].split("\n")
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return start.start(), start.start() + len("\n".join(lines)) + 1


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _parts(statement: dict[str, Any]) -> tuple[str, Any, dict[str, Any]]:
    """(predicate, value, qualifiers) of a statement mapping."""
    keys = [k for k in statement if k not in _QUALIFIER_SKIP]
    predicate = next(k for k in keys if k not in QUALIFIERS)
    return predicate, statement[predicate], {k: statement[k] for k in keys if k != predicate}


QUALIFIERS = frozenset({"start", "end", "at", "earliest", "latest", "baseline", "role", "quantity", "unit", "group",
                        "bound", "about", "claimant", "reportedFrom", "error", "correction", "correctionCite"})
ENTITY_KEYS = frozenset({"id", "type", "label", "aliases", "description", "sameAs", "note", "cite", "statements",
                         "sections"})


def _add_cites(statement: dict[str, Any], cites: list[str]) -> bool:
    have = _as_list(statement.get("cite", []))
    new = [c for c in cites if c not in have]
    if new:
        statement["cite"] = have + new
    return bool(new)


def add_report(entity: dict[str, Any], report: list[dict[str, Any]]) -> bool:
    """Add the record's statements (`report`, each with its `cite` list) to the event `entity` (a mapping as the YAML
    holds it); returns whether anything changed."""
    changed = False
    statements: list[dict[str, Any]] = entity.setdefault("statements", [])
    entity_cites = _as_list(entity.get("cite", []))
    for row in report:
        predicate, value, qualifiers = _parts(row)
        cites = _as_list(row["cite"])
        same = next((st for st in statements if not st.get("error") and _parts(st) == (predicate, value, qualifiers)),
                    None)
        if same is not None:
            changed |= _add_cites(same, cites)
            continue
        top = entity.get(predicate)
        if not qualifiers and top is not None and value in _as_list(top):
            # A top-level attribute (cited by the entity's `cite`) becomes a statement of its own with both sources.
            rest = [v for v in _as_list(top) if v != value]
            if rest:
                entity[predicate] = rest if len(rest) > 1 else rest[0]
            else:
                del entity[predicate]
            statements.append({predicate: value, "cite": entity_cites + [c for c in cites if c not in entity_cites]})
            changed = True
            continue
        statements.append(dict(row))
        changed = True
    if not statements:
        del entity["statements"]
    return changed


def _ordered(entity: dict[str, Any]) -> dict[str, Any]:
    """The entity's keys in the usual order: reserved keys, attributes, then `statements` last."""
    head = {k: v for k, v in entity.items() if k != "statements"}
    return {**head, **({"statements": entity["statements"]} if "statements" in entity else {})}


def merge_into_file(text: str, entity_id: str, report: list[dict[str, Any]]) -> str:
    """The file's text with the record's statements added to the event `entity_id` (unchanged if there is nothing
    new)."""
    start, end = _block_span(text, entity_id)
    loaded = load_entities(text[start:end])
    if entity_id not in loaded:
        raise MergeError(f"the block of `{entity_id}` in its file could not be read back")
    entity = loaded[entity_id]
    if not add_report(entity, report):
        return text
    return text[:start] + render_entity(_ordered(entity)) + text[end:]
