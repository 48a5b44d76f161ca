"""Merging an import with what an earlier import wrote to the same file: entities are replaced by id, those the new
file does not repeat are kept, places, actors and indicators an earlier import made stay as they were, and the dataset
source's sections are the union of both. The result is in a fixed order, so that importing the same file twice gives
the same bytes. Earlier entities are kept as the text they were written as (no YAML round trip: fast at 100k rows)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .yamlwriter import join_blocks, load_entities, read_blocks, render_entity

_TYPE_ORDER = ("CitedWork", "Country", "State", "Municipality", "Region", "Locality")


class ImportCollision(ValueError):
    """Two things an import makes would share an id, so one would silently replace the other: nothing is written.
    `problems` locates it in the input when the rows are known."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class ImportResult:
    """What an import will write: the file, its new text, whether that differs from what is there, and counts."""

    target: Path
    text: str
    changed: bool
    counts: dict[str, int] = field(default_factory=dict)
    # The ids whose text is exactly as the earlier import wrote it (already read and checked with the graph).
    unchanged_ids: frozenset[str] = frozenset()
    # Other files the import changes, with their new text: graph files holding events an accepted match adds to,
    # and the review file of event matches.
    others: dict[Path, str] = field(default_factory=dict)
    proposals: Any = None  # the review file with this import's proposals (kg.importers.review.ReviewFile)

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


def _order(entity_id: str, kind: str) -> tuple:
    """Sources, then places from country down, then actors and indicators by type, then incidents or observations;
    by id within each group. The order depends on the entities alone, never on which file was imported last."""
    rank = _TYPE_ORDER.index(kind) if kind in _TYPE_ORDER else len(_TYPE_ORDER)
    if kind in ("Incident", "Observation"):
        rank = 100
    return rank, kind if rank == len(_TYPE_ORDER) else "", natural_key(entity_id)


def merge_and_render(target: Path, entities: Iterable[dict[str, Any]], source_id: str,
                     sections: dict[str, dict[str, Any]] | None, *, kind: str, header: str,
                     extra: dict[str, int] | None = None, drop: set[str] | None = None) -> ImportResult:
    """The merged file's text and counts of `kind` entities added, updated, unchanged and kept. `entities` may be a
    generator; the dataset source's `sections` are read when the source comes, so it may come last. Ids in `drop`
    (filled while the generator runs: records merged into another event) are left out of the file."""
    old = read_blocks(target)
    merged = dict(old)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "kept": 0}
    new_ids = set()
    for entity in entities:
        entity_id = entity["id"]
        if entity_id in new_ids:
            # Importers make one entity per id; two would silently become one here.
            raise ImportCollision(f"the import made two entities with the id `{entity_id}`")
        new_ids.add(entity_id)
        if entity_id == source_id and sections is not None:
            previous = load_entities(old[entity_id][1]).get(entity_id, {}) if entity_id in old else {}
            union = {**previous.get("sections", {}), **sections}
            ordered = dict(sorted(union.items(), key=lambda item: natural_key(item[0])))
            entity = {**entity, "cite": f"{source_id} §{next(iter(ordered))} ¶1", "sections": ordered}
        elif entity.get("type") != kind and entity_id in old:
            if old[entity_id][0] != entity.get("type"):
                raise ImportCollision(f"the id `{entity_id}` of a new {entity.get('type')} is taken in {target} by a "
                                      f"{old[entity_id][0] or 'entity'}")
            # A place, actor or indicator an earlier import made stays as it was (its citation included), so that
            # importing files in any order, or one again, does not churn the file.
            continue
        block = render_entity(entity)
        if entity.get("type") == kind:
            previous_block = old.get(entity_id, ("", None))[1]
            counts["added" if previous_block is None else "unchanged" if previous_block == block else "updated"] += 1
        merged[entity_id] = (entity.get("type", ""), block)
    for entity_id in drop or ():
        merged.pop(entity_id, None)
    counts["kept"] = sum(1 for i, (k, _) in old.items() if i not in new_ids and k == kind and i not in (drop or ()))
    counts.update(extra or {})
    ordered_blocks = [block for entity_id, (k, block) in sorted(merged.items(), key=lambda item: _order(item[0], item[1][0]))]
    text = join_blocks(ordered_blocks, header)
    changed = not target.exists() or target.read_text(encoding="utf-8") != text
    unchanged = frozenset(i for i, (_, block) in merged.items() if i in old and old[i][1] == block)
    return ImportResult(target, text, changed, counts, unchanged)
