"""A gazetteer of Mexico's places: GeoNames' populated places of 500 inhabitants or more (data/geonames-mx.tsv, CC BY
4.0; data/PROVENANCE.md says where it comes from), with the 32 states, looked up by name within a state.

Names repeat across Mexico ("El Aguaje" is in Veracruz, Nayarit and Guerrero), so a name is matched only within the
state a source gives, and a name that fits several places there is ambiguous: no coordinates are proposed for it.
A match is a proposal: a place gets coordinates in the graph only through a statement cited to the gazetteer's
source entity (`geonames` in graph/sources.yaml)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..core.names import fold

# INEGI state key → (common name, official name as SESNSP writes it when it differs).
STATES = {
    1: ("Aguascalientes", None), 2: ("Baja California", None), 3: ("Baja California Sur", None),
    4: ("Campeche", None), 5: ("Coahuila", "Coahuila de Zaragoza"), 6: ("Colima", None), 7: ("Chiapas", None),
    8: ("Chihuahua", None), 9: ("Ciudad de México", None), 10: ("Durango", None), 11: ("Guanajuato", None),
    12: ("Guerrero", None), 13: ("Hidalgo", None), 14: ("Jalisco", None), 15: ("Estado de México", "México"),
    16: ("Michoacán", "Michoacán de Ocampo"), 17: ("Morelos", None), 18: ("Nayarit", None),
    19: ("Nuevo León", None), 20: ("Oaxaca", None), 21: ("Puebla", None), 22: ("Querétaro", "Querétaro de Arteaga"),
    23: ("Quintana Roo", None), 24: ("San Luis Potosí", None), 25: ("Sinaloa", None), 26: ("Sonora", None),
    27: ("Tabasco", None), 28: ("Tamaulipas", None), 29: ("Tlaxcala", None),
    30: ("Veracruz", "Veracruz de Ignacio de la Llave"), 31: ("Yucatán", None), 32: ("Zacatecas", None),
}
DATA_FILE = Path(__file__).resolve().parent / "data" / "geonames-mx.tsv"
SOURCE_ID = "geonames"  # the gazetteer's source entity in the graph
# GeoNames' admin1 codes for Mexico follow the states' alphabetical order of an older spelling; INEGI's keys differ
# for four states.
_GEONAMES_TO_INEGI = {5: 7, 6: 8, 7: 5, 8: 6}
# Other names a source gives a state (English, older or official forms); INEGI's short and official names come first.
_STATE_ALIASES = {
    9: ("Mexico City", "Distrito Federal", "CDMX", "Ciudad de Mexico"),
    15: ("State of Mexico", "Mexico State", "Edomex"),
    16: ("Michoacan de Ocampo",), 5: ("Coahuila de Zaragoza",), 30: ("Veracruz de Ignacio de la Llave",),
}


@dataclass(frozen=True)
class GazetteerPlace:
    """One populated place of GeoNames."""

    geonameid: int
    name: str
    state_key: int  # INEGI's key of its state (1-32)
    latitude: float
    longitude: float
    population: int
    names: tuple[str, ...]

    @property
    def state(self) -> str:
        return STATES[self.state_key][0]

    def describe(self) -> str:
        return f"GeoNames {self.geonameid} “{self.name}”, {self.state} (populated place, {self.population:,} inhabitants)"


@dataclass(frozen=True)
class PlaceMatch:
    """What the gazetteer says about a name within a state: the one place it names, or how many it could be."""

    name: str
    state_key: int | None
    place: GazetteerPlace | None
    candidates: int  # places of that name in that state (or anywhere, without a state)

    @property
    def ambiguous(self) -> bool:
        return self.candidates > 1


class PlaceGazetteer:
    """GeoNames' Mexican populated places by folded name (official name and Latin-script alternate names)."""

    def __init__(self, places: list[GazetteerPlace]):
        self.places = places
        self.by_name: dict[str, list[GazetteerPlace]] = {}
        for place in places:
            for name in {fold(n) for n in (place.name, *place.names)}:
                if name:
                    self.by_name.setdefault(name, []).append(place)
        self.states: dict[str, int] = {}
        for key, (short, official) in STATES.items():
            for name in (short, official, *_STATE_ALIASES.get(key, ())):
                if name:
                    self.states.setdefault(fold(name), key)

    def state_key(self, name: str) -> int | None:
        """INEGI's key of the state named `name` (Spanish or English, with or without accents), or None."""
        return self.states.get(fold(name))

    def lookup(self, name: str, state_key: int | None = None) -> PlaceMatch:
        """The place called `name` within the state (anywhere in Mexico without one); ambiguous when several are."""
        found = self.by_name.get(fold(name), [])
        if state_key is not None:
            found = [p for p in found if p.state_key == state_key]
        unique = {p.geonameid: p for p in found}
        return PlaceMatch(name, state_key, next(iter(unique.values())) if len(unique) == 1 else None, len(unique))

    def is_place_name(self, name: str) -> bool:
        return fold(name) in self.by_name or fold(name) in self.states


def _read(path: Path) -> list[GazetteerPlace]:
    places = []
    with open(path, encoding="utf-8") as f:
        next(f)  # the header
        for line in f:
            geonameid, name, admin1, lat, lon, population, alternates = line.rstrip("\n").split("\t")
            code = int(admin1) if admin1.isdigit() else 0
            if not 1 <= code <= 32:
                continue
            places.append(GazetteerPlace(int(geonameid), name, _GEONAMES_TO_INEGI.get(code, code), float(lat),
                                         float(lon), int(population), tuple(a for a in alternates.split("|") if a)))
    return places


@functools.lru_cache(maxsize=1)
def load_places(path: Path = DATA_FILE) -> PlaceGazetteer:
    """The shipped gazetteer (read once per process: ~17,000 places, ~0.1 s)."""
    return PlaceGazetteer(_read(path))
