"""The map's data (places.js draws it): places with their coordinates as given (nothing is guessed), the ids of
places without any, Mexico's state outlines and the state entity each one is, and for an entity that has no mark of
its own the nearest place that has one, so "show on the map" can say why and show that instead."""

from __future__ import annotations

import json
import unicodedata
from collections import deque
from functools import lru_cache
from pathlib import Path

from ..core.model import Entity, Model
from ..load.vocabulary import Vocabulary
from .common import first_statement, number

MAP_FILE = Path(__file__).resolve().parent / "data" / "mx-states.json"
PLACE_CLASS, EVENT_CLASS = "Place", "Event"
# The links followed to find where an entity is, in this order of preference; a country is never the answer (the
# map is of Mexico's states, and a country is a hub of everything).
WHERE = ("place", "locatedIn", "basedIn", "refArea", "birthPlace")
ANCHOR_DEPTH = 3


def _fold(text: str) -> str:
    """Accents and case aside: "Michoacán" and "michoacan" are one name."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def _coordinates(entity: Entity) -> tuple[float, float] | None:
    lat, lon = first_statement(entity, "latitude"), first_statement(entity, "longitude")
    lat_n = number(lat.value.text) if lat else None
    lon_n = number(lon.value.text) if lon else None
    return None if lat_n is None or lon_n is None else (lat_n, lon_n)


def state_entities(model: Model, vocab: Vocabulary, shown: set[str]) -> dict[str, str]:
    """Each state outline's code and the place entity of that name (label or alias, accents and case aside)."""
    by_name: dict[str, str] = {}
    for entity in sorted(model.entities.values(), key=lambda e: e.id):
        if entity.id not in shown or not vocab.is_a(entity.type, PLACE_CLASS):
            continue
        names = list(entity.labels.values()) + [a for names in entity.aliases.values() for a in names]
        for name in names:
            by_name.setdefault(_fold(name), entity.id)
    return {s["code"]: by_name[_fold(s["name"])] for s in map_outlines()["states"] if _fold(s["name"]) in by_name}


def _anchor(model: Model, start: Entity, marked: set[str], shown: set[str]) -> dict | None:
    """The nearest marked place reached from `start` by WHERE links (breadth first), and the links followed."""
    queue = deque([(start.id, [])])
    seen = {start.id}
    while queue:
        current, path = queue.popleft()
        if len(path) >= ANCHOR_DEPTH:
            continue
        for predicate in WHERE:
            for st in model.entities[current].statements:
                shown_st = st.correction if st.error else st
                if shown_st is None or shown_st.predicate != predicate or shown_st.value.kind != "entity":
                    continue
                target = shown_st.value.text
                if target in seen or target not in model.entities or target not in shown:
                    continue
                seen.add(target)
                steps = path + [[predicate, target]]
                if target in marked:
                    return {"place": target, "via": steps}
                queue.append((target, steps))
    return None


def map_places(model: Model, vocab: Vocabulary, shown: set[str]) -> dict:
    """Places with coordinates (as given: nothing is guessed), the ids of places without any, the state entity of
    each outline, and for each entity without a mark of its own, its nearest marked place (if any) and how it is
    reached ({"place": id, "via": [[property, id], ...]})."""
    located, unlocated = [], []
    for entity in model.entities.values():
        if entity.id not in shown or not vocab.is_a(entity.type, PLACE_CLASS):
            continue
        where = _coordinates(entity)
        if where is None:
            unlocated.append(entity.id)
        else:
            located.append({"id": entity.id, "lat": where[0], "lon": where[1]})
    states = state_entities(model, vocab, shown)
    marked = {p["id"] for p in located} | set(states.values())
    # An event at a place with coordinates is drawn beside it: it has its own mark.
    for entity in model.entities.values():
        if entity.id in shown and vocab.is_a(entity.type, EVENT_CLASS) and any(
                st.predicate == "place" and not st.error and st.value.text in marked for st in entity.statements):
            marked.add(entity.id)
    anchors = {}
    for entity in sorted(model.entities.values(), key=lambda e: e.id):
        if entity.id in shown and entity.id not in marked:
            found = _anchor(model, entity, {p["id"] for p in located} | set(states.values()), shown)
            if found is not None:
                anchors[entity.id] = found
    return {"located": sorted(located, key=lambda p: p["id"]), "unlocated": sorted(unlocated),
            "states": dict(sorted(states.items())), "anchors": anchors}


@lru_cache(maxsize=1)
def map_outlines() -> dict:
    """Mexico's state outlines (Natural Earth admin-1, simplified; see data/PROVENANCE.md)."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))
