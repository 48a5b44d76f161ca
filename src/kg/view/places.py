"""The map's data (places.js draws it): places with their coordinates as given (nothing is guessed), the ids of
places without any, and Mexico's state outlines."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..core.model import Model
from ..load.vocabulary import Vocabulary
from .common import first_statement, number

MAP_FILE = Path(__file__).resolve().parent / "data" / "mx-states.json"
PLACE_CLASS = "Place"


def map_places(model: Model, vocab: Vocabulary, shown: set[str]) -> dict:
    """Places with coordinates (as given: nothing is guessed) and the ids of places without any."""
    located, unlocated = [], []
    for entity in model.entities.values():
        if entity.id not in shown or not vocab.is_a(entity.type, PLACE_CLASS):
            continue
        lat, lon = first_statement(entity, "latitude"), first_statement(entity, "longitude")
        lat_n = number(lat.value.text) if lat else None
        lon_n = number(lon.value.text) if lon else None
        if lat_n is None or lon_n is None:
            unlocated.append(entity.id)
        else:
            located.append({"id": entity.id, "lat": lat_n, "lon": lon_n})
    return {"located": sorted(located, key=lambda p: p["id"]), "unlocated": sorted(unlocated)}


@lru_cache(maxsize=1)
def map_outlines() -> dict:
    """Mexico's state outlines (Natural Earth admin-1, simplified; see data/PROVENANCE.md)."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))
