"""Finding a dataset's places and actors among the graph's entities, by name, so that an import reuses what the graph
holds rather than duplicating it. Names are compared folded (`kg.core.names.fold`: accents, case and punctuation
ignored); actors that still differ are scored with rapidfuzz."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.model import Entity, Model
from ..core.names import entity_names
from ..core.names import fold as _fold
from ..load.vocabulary import Vocabulary

fold = functools.lru_cache(maxsize=1 << 16)(_fold)  # the same place and actor names come back on every row

# An actor whose best name scores this much (rapidfuzz token_sort_ratio, 0-100) is taken as the same actor. Measured
# on the fixtures: word-order and accent variants score 100, one-letter typos 93-97, different cartels below 80.
ACTOR_MATCH_SCORE = 92
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class ActorMatch:
    id: str
    score: float  # 100 for a name that folds to one of the entity's names
    name: str  # the entity's name that matched


def defined_in(model: Model, path: Path) -> frozenset[str]:
    """The ids of the entities written in `path` (an earlier import's own file, which the new import rewrites)."""
    target = path.resolve()
    files: dict[str, bool] = {}
    ids = set()
    for entity in model.entities.values():
        if entity.pos.file not in files:
            files[entity.pos.file] = Path(entity.pos.file).resolve() == target
        if files[entity.pos.file]:
            ids.add(entity.id)
    return frozenset(ids)


def located_in(entity: Entity) -> list[str]:
    """The places an entity lies in, as the graph asserts them: a source error counts by its correction."""
    found = []
    for st in entity.statements:
        if st.predicate != "locatedIn":
            continue
        chosen = st.correction if st.error else st
        if chosen is not None and chosen.value.kind == "entity":
            found.append(chosen.value.text)
    return found


def name_variants(name: str) -> list[str]:
    """A dataset's actor name and the forms a graph may hold it under: ACLED's `CJNG: Jalisco New Generation Cartel`
    gives both halves; `Police Forces of Mexico (2018-2024)` also without the parenthesis."""
    variants = [name]
    bare = _PARENTHETICAL.sub("", name).strip()
    if bare and bare != name:
        variants.append(bare)
    for form in list(variants):
        if ": " in form:
            variants.extend(part.strip() for part in form.split(": ", 1) if part.strip())
    seen: list[str] = []
    for v in (fold(v) for v in variants):
        if v and v not in seen:
            seen.append(v)
    return seen


class PlaceIndex:
    """Countries, states, municipalities and localities by folded name, each within the place it lies in."""

    def __init__(self, model: Model, vocab: Vocabulary, *, skip_ids: frozenset[str] = frozenset()):
        self.by_level: dict[tuple[str, str | None], dict[str, str]] = defaultdict(dict)
        self.taken: set[str] = set()
        for entity in model.entities.values():
            if entity.id in skip_ids:
                continue
            self.taken.add(entity.id)
            level = _level(entity.type, vocab)
            if level is None:
                continue
            parents = located_in(entity) if level != "Country" else [None]
            for parent in parents or [None]:
                for name in entity_names(entity):
                    self.by_level[(level, parent)].setdefault(fold(name.text), entity.id)

    def add(self, level: str, parent: str | None, name: str, entity_id: str) -> None:
        """Record a place the import creates, so that later rows find it."""
        self.by_level[(level, parent)].setdefault(fold(name), entity_id)
        self.taken.add(entity_id)

    def find(self, level: str, parent: str | None, name: str) -> str | None:
        """The id of the place of this level inside `parent` (any parent for countries) named `name`, or None.

        Besides equal folded names, a municipality's official long name finds its short name ("Iguala de la
        Independencia" → "Iguala"), since Mexican official names extend the common one with "de ...".
        """
        names = self.by_level.get((level, parent), {})
        key = fold(name)
        if key in names:
            return names[key]
        if level in ("Municipality", "Locality"):
            hits = {i for n, i in names.items() if key.startswith(n + " de ") or n.startswith(key + " de ")}
            if len(hits) == 1:
                return hits.pop()
        return None


def _level(type_name: str, vocab: Vocabulary) -> str | None:
    for level in ("Country", "State", "Municipality", "Locality"):
        if vocab.is_a(type_name, level):
            return level
    return None


class ActorIndex:
    """The graph's agents (people and organisations) by every name they go by."""

    def __init__(self, model: Model, vocab: Vocabulary, *, skip_ids: frozenset[str] = frozenset()):
        self.names: dict[str, set[str]] = defaultdict(set)
        self.types: dict[str, str] = {}
        for entity in model.entities.values():
            if entity.id in skip_ids:
                continue
            if not vocab.is_a(entity.type, "Agent"):
                continue
            self.types[entity.id] = entity.type
            for name in entity_names(entity):
                if name.kind != "id":
                    self.names[fold(name.text)].add(entity.id)
        self._choices = sorted(self.names)
        self._cache: dict[str, ActorMatch | None] = {}

    def match(self, name: str) -> ActorMatch | None:
        """The one agent this name denotes, or None when no agent's name is close enough or two are equally close."""
        if name not in self._cache:
            self._cache[name] = self._match(name)
        return self._cache[name]

    def _match(self, name: str) -> ActorMatch | None:
        from rapidfuzz import fuzz, process

        variants = name_variants(name)
        for variant in variants:
            ids = self.names.get(variant, set())
            if len(ids) == 1:
                return ActorMatch(next(iter(ids)), 100.0, variant)
        best: ActorMatch | None = None
        for variant in variants:
            if len(variant) < 4:  # an acronym is matched exactly or not at all
                continue
            hits = process.extract(variant, self._choices, scorer=fuzz.token_sort_ratio,
                                   score_cutoff=ACTOR_MATCH_SCORE, limit=5)
            if not hits:
                continue
            top = hits[0][1]
            ids = {i for choice, score, _ in hits if score == top for i in self.names[choice]}
            if len(ids) == 1 and (best is None or top > best.score):
                best = ActorMatch(ids.pop(), top, hits[0][0])
        return best


class CreatesEntities:
    """Mixed into an importer that has `places` (whose `taken` holds every id the graph uses) and `created` (the
    entities this import makes, by id): fresh ids that collide with neither, and one way to record a new entity."""

    places: PlaceIndex
    created: dict[str, dict[str, Any]]

    def _free(self, candidate: str) -> bool:
        return candidate not in self.places.taken and candidate not in self.created

    def new_id(self, base: str, *qualifiers: str) -> str:
        """`base`, else `base-qualifier` for each qualifier given, else the last of those numbered from 2."""
        candidates = [base] + [f"{base}-{q}" for q in qualifiers if q]
        for candidate in candidates:
            if self._free(candidate):
                return candidate
        n = 2
        while not self._free(f"{candidates[-1]}-{n}"):
            n += 1
        return f"{candidates[-1]}-{n}"

    def add(self, entity: dict[str, Any]) -> str:
        """Record a new entity and claim its id; returns the id."""
        self.created[entity["id"]] = entity
        self.places.taken.add(entity["id"])
        return entity["id"]
