"""The data behind the explorer's timeline, map and indicator charts, built from the checked model.

Takes the model and the vocabulary (never hard-coded ids): every dated event with its honest precision, every place
with its coordinates (and those without, to be listed), the incidents at their places with their tolls, and every
indicator's observations. Gives plain JSON-ready dicts; the page code draws them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..core.model import Entity, Model, Statement
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary

MAP_FILE = Path(__file__).resolve().parent / "data" / "mx-states.json"
EVENT_CLASS, PLACE_CLASS, INDICATOR_CLASS, OBSERVATION_CLASS = "Event", "Place", "Indicator", "Observation"


def precision(text: str) -> str:
    """'day', 'month' or 'year': how precise an ISO date of the graph is."""
    return {1: "year", 2: "month"}.get(len(text.split("-")), "day")


def _first(entity: Entity, predicate: str) -> Statement | None:
    """The entity's first statement of a property that is not a recorded source error."""
    return next((st for st in entity.statements if st.predicate == predicate and not st.error), None)


def _literal_dates(entity: Entity) -> dict:
    """The event's date statements as {'date'|'start'|'end': text} plus the bounds of an uncertain date."""
    out: dict = {}
    for st in entity.statements:
        shown = st.correction if st.error else st
        if shown is None or shown.value.kind != "literal":
            continue
        key = {"date": "date", "startDate": "start", "endDate": "end"}.get(shown.predicate)
        if key is None or key in out:
            continue
        out[key] = shown.value.text
        for bound in ("earliest", "latest"):
            if bound in shown.qualifiers:
                out[bound] = shown.qualifiers[bound].text
    return out


def event_when(entity: Entity) -> dict | None:
    """When an event happened, as drawn: a point for a day, a range for a month, a year, a start-end span, or the
    bounds of an uncertain date. None when the event has no date."""
    dates = _literal_dates(entity)
    if not dates:
        return None
    when: dict = {}
    if "earliest" in dates or "latest" in dates:
        low = date_bounds(dates["earliest"])[0] if "earliest" in dates else None
        high = date_bounds(dates["latest"])[1] if "latest" in dates else None
        anchor = dates.get("date") or dates.get("start") or dates.get("end")
        if anchor:
            low = low or date_bounds(anchor)[0]
            high = high or date_bounds(anchor)[1]
        when.update(kind="uncertain", start=low, end=high)
    elif "date" in dates:
        text = dates["date"]
        low, high = date_bounds(text)
        when.update(kind="point" if precision(text) == "day" else "range", start=low, end=high)
    else:
        start, end = dates.get("start"), dates.get("end")
        low = date_bounds(start)[0] if start else date_bounds(end)[0]
        high = date_bounds(end)[1] if end else date_bounds(start)[1]
        when.update(kind="range", start=low, end=high)
        if not end:
            when["open"] = "end"  # only the start is known: drawn over the start's own precision, marked open
        elif not start:
            when["open"] = "start"
    when["text"] = {k: v for k, v in dates.items() if k in ("date", "start", "end", "earliest", "latest")}
    return when


def _case(model: Model, entity: Entity) -> str | None:
    """The outermost event this one is part of (following subEventOf), or None when it is part of nothing."""
    seen, current, parent = {entity.id}, entity, None
    while True:
        st = _first(current, "subEventOf")
        if st is None or st.value.kind != "entity" or st.value.text in seen or st.value.text not in model.entities:
            return parent
        parent = st.value.text
        seen.add(parent)
        current = model.entities[parent]


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _toll(entity: Entity) -> dict | None:
    """The event's death toll as its sources give it: the largest figure, and every figure when they differ."""
    figures = sorted({n for st in entity.statements if st.predicate == "killed" and not st.error
                      for n in [_number(st.value.text)] if n is not None})
    if not figures:
        return None
    return {"max": figures[-1], "figures": figures}


def _entity_values(entity: Entity, predicate: str) -> list[str]:
    out = []
    for st in entity.statements:
        shown = st.correction if st.error else st
        if shown is not None and shown.predicate == predicate and shown.value.kind == "entity":
            if shown.value.text not in out:
                out.append(shown.value.text)
    return out


def _cited(entity: Entity) -> list[str]:
    found = {c.source for c in entity.citations}
    for st in entity.statements:
        found.update(c.source for c in st.citations)
    return sorted(found)


def timeline_events(model: Model, vocab: Vocabulary, shown: set[str]) -> list[dict]:
    """Every dated event among the entities shown, in date order, with its case, places and toll."""
    events = []
    parents = {st.value.text for e in model.entities.values() for st in [_first(e, "subEventOf")] if st is not None}
    for entity in model.entities.values():
        if entity.id not in shown or not vocab.is_a(entity.type, EVENT_CLASS):
            continue
        when = event_when(entity)
        if when is None:
            continue
        record = {"id": entity.id, **when, "places": _entity_values(entity, "place"), "sources": _cited(entity)}
        case = _case(model, entity)
        if case is None and entity.id in parents:
            case = entity.id  # the case itself heads its own group
        if case is not None:
            record["case"] = case
        toll = _toll(entity)
        if toll:
            record["toll"] = toll
        events.append(record)
    return sorted(events, key=lambda e: (e["start"], e["end"], e["id"]))


def map_places(model: Model, vocab: Vocabulary, shown: set[str]) -> dict:
    """Places with coordinates (as given: nothing is guessed) and the ids of places without any."""
    located, unlocated = [], []
    for entity in model.entities.values():
        if entity.id not in shown or not vocab.is_a(entity.type, PLACE_CLASS):
            continue
        lat, lon = _first(entity, "latitude"), _first(entity, "longitude")
        lat_n = _number(lat.value.text) if lat else None
        lon_n = _number(lon.value.text) if lon else None
        if lat_n is None or lon_n is None:
            unlocated.append(entity.id)
        else:
            located.append({"id": entity.id, "lat": lat_n, "lon": lon_n})
    return {"located": sorted(located, key=lambda p: p["id"]), "unlocated": sorted(unlocated)}


def indicator_series(model: Model, vocab: Vocabulary, shown: set[str]) -> list[dict]:
    """Each indicator with its observations: period, value, unit, status, producing agency and reporting sources."""
    by_indicator: dict[str, list[dict]] = {}
    for entity in model.entities.values():
        if entity.id not in shown or not vocab.is_a(entity.type, OBSERVATION_CLASS):
            continue
        indicator = _first(entity, "indicator")
        value = _first(entity, "value")
        period = _first(entity, "period")
        if indicator is None or value is None or period is None or _number(value.value.text) is None:
            continue
        record = {"id": entity.id, "period": period.value.text, "value": _number(value.value.text),
                  "sources": sorted({c.source for c in entity.citations}
                                    | {c.source for c in value.citations})}
        for key, predicate in (("unit", "measureUnit"), ("producer", "producedBy"), ("status", "observationStatus"),
                               ("area", "refArea")):
            st = _first(entity, predicate)
            if st is not None:
                record[key] = st.value.text.rsplit("/", 1)[-1] if st.value.kind == "concept" else st.value.text
        by_indicator.setdefault(indicator.value.text, []).append(record)
    out = []
    for indicator_id in sorted(by_indicator):
        observations = sorted(by_indicator[indicator_id], key=lambda o: (o["period"], o.get("producer", ""), o["id"]))
        entry = {"id": indicator_id, "observations": observations}
        indicator = model.entities.get(indicator_id)
        unit = _first(indicator, "measureUnit") if indicator is not None else None
        if unit is not None:
            entry["unit"] = unit.value.text
        out.append(entry)
    return out


def disagreements(entity: Entity, vocab: Vocabulary) -> dict[int, list[str]]:
    """For statements of a single-valued property (or a count) that sources give differently: the index of each such
    statement and the other values given, so the page can show the disagreement beside the statement."""
    groups: dict[tuple, list[tuple[int, str]]] = {}
    for index, st in enumerate(entity.statements):
        prop = vocab.properties.get(st.predicate)
        if st.error or prop is None or not (prop.functional or prop.kind == "number"):
            continue
        # Counts of different groups of people (killed: 14 civilians, 1 soldier) do not disagree.
        group = tuple(sorted((k, v.text) for k, v in st.qualifiers.items() if k in ("group", "role")))
        groups.setdefault((st.predicate, group), []).append((index, st.value.text))
    out: dict[int, list[str]] = {}
    for items in groups.values():
        values = {v for _, v in items}
        if len(values) > 1:
            for index, value in items:
                out[index] = sorted(values - {value})
    return out


@lru_cache(maxsize=1)
def map_outlines() -> dict:
    """Mexico's state outlines (Natural Earth admin-1, simplified; see data/PROVENANCE.md)."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))
