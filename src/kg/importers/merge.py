"""Merging an import with what an earlier import wrote to the same file: entities are replaced by id, those the new
file does not repeat are kept, and the dataset source's sections are the union of both; the result is rendered in a
fixed order, so that importing the same file twice gives the same bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .yamlwriter import dump_entities, load_entities

_TYPE_ORDER = ("CitedWork", "Country", "State", "Municipality", "Region", "Locality")


@dataclass
class ImportResult:
    """What an import will write: the file, its new text, whether that differs from what is there, and counts."""

    target: Path
    text: str
    changed: bool
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self, noun: str) -> str:
        c = self.counts
        parts = [f"{c['added']} {noun}(s) added", f"{c['updated']} updated", f"{c['unchanged']} unchanged"]
        if c.get("kept"):
            parts.append(f"{c['kept']} kept from the earlier import")
        parts += [f"{v} {k}" for k, v in c.items() if k not in ("added", "updated", "unchanged", "kept")]
        return ", ".join(parts)


def natural_key(text: str) -> list:
    """Sort key that puts `mex9` before `mex10`."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _order(entity: dict[str, Any]) -> tuple:
    """Sources, then places from country down, then actors and indicators by type, then incidents or observations;
    by id within each group. The order depends on the entities alone, never on which file was imported last."""
    kind = entity.get("type", "")
    rank = _TYPE_ORDER.index(kind) if kind in _TYPE_ORDER else len(_TYPE_ORDER)
    if kind in ("Incident", "Observation"):
        rank = 100
    return rank, kind if rank == len(_TYPE_ORDER) else "", natural_key(entity["id"])


def merge_and_render(target: Path, entities: list[dict[str, Any]], source_id: str,
                     sections: dict[str, dict[str, Any]] | None, *, kind: str, header: str,
                     extra: dict[str, int] | None = None) -> ImportResult:
    """The merged file's text and counts of `kind` entities added, updated, unchanged and kept."""
    old = load_entities(target)
    merged = dict(old)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "kept": 0}
    new_ids = set()
    for entity in entities:
        new_ids.add(entity["id"])
        if entity.get("type") == kind:
            previous = old.get(entity["id"])
            counts["added" if previous is None else "unchanged" if previous == entity else "updated"] += 1
        elif entity["id"] in old and entity["id"] != source_id:
            # A place, actor or indicator an earlier import made stays as it was (its citation included), so that
            # importing files in any order, or one again, does not churn the file.
            continue
        merged[entity["id"]] = entity
    counts["kept"] = sum(1 for i, e in old.items() if i not in new_ids and e.get("type") == kind)
    if sections is not None:
        source = merged[source_id]
        union = {**old.get(source_id, {}).get("sections", {}), **sections}
        ordered = dict(sorted(union.items(), key=lambda item: natural_key(item[0])))
        source["cite"] = f"{source_id} §{next(iter(ordered))} ¶1"
        source["sections"] = ordered
    counts.update(extra or {})
    text = dump_entities(sorted(merged.values(), key=_order), header)
    changed = not target.exists() or target.read_text(encoding="utf-8") != text
    return ImportResult(target, text, changed, counts)
