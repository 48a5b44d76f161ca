"""The timeline's data (timeline.js draws it): every dated event with its honest precision, its case (the outermost
event it is part of), its places, its sources and its death toll."""

from __future__ import annotations

from ..core import figures
from ..core.model import Entity, Model
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary
from .common import first_statement

EVENT_CLASS = "Event"


def precision(text: str) -> str:
    """'day', 'month' or 'year': how precise an ISO date of the graph is."""
    return {1: "year", 2: "month"}.get(len(text.split("-")), "day")


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
    """When an event happened, as drawn: a point for a day; a start-end span as a range; an event known only to its
    month or year ("imprecise": the month or the year) and one with earliest/latest bounds as uncertain, somewhere
    between its bounds, not lasting all of them. None when the event has no date."""
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
        if precision(text) == "day":
            when.update(kind="point", start=low, end=high)
        else:  # "2014": one moment of that year, not the whole year
            when.update(kind="uncertain", start=low, end=high, imprecise=precision(text))
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
        st = first_statement(current, "subEventOf")
        if st is None or st.value.kind != "entity" or st.value.text in seen or st.value.text not in model.entities:
            return parent
        parent = st.value.text
        seen.add(parent)
        current = model.entities[parent]


def _plain(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def event_toll(entity: Entity) -> dict | None:
    """The event's death toll as the page draws it, from the one presenter (kg.core.figures.event_toll): the sum over
    the groups its `killed` statements count (3 women and 6 children: 9; 14 civilians and 1 soldier: 15); where
    sources give one group different figures, a range from the lowest to the highest sum; a bound, hedge or status
    when the sources give one. None when no toll is recorded.

    {"min": 9, "max": 9, "groups": [{"group": "women", "figures": [3]}, {"group": "children", "figures": [6]}]}"""
    toll = figures.event_toll(entity)
    if toll is None:
        return None
    out: dict = {"min": _plain(toll.low), "max": _plain(toll.high)}
    named = [g for g in toll.groups if g.group]
    if named:
        out["groups"] = [{"group": g.group, "figures": sorted({_plain(f.value)
                                                                for f in toll.alternatives.get(g.group, (g,))})}
                         for g in named]
    for qualifier in ("bound", "hedge", "status"):
        if getattr(toll.total, qualifier):
            out[qualifier] = getattr(toll.total, qualifier)
    return out


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
    parents = {st.value.text for e in model.entities.values() for st in [first_statement(e, "subEventOf")]
               if st is not None}
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
        toll = event_toll(entity)
        if toll:
            record["toll"] = toll
        events.append(record)
    return sorted(events, key=lambda e: (e["start"], e["end"], e["id"]))
