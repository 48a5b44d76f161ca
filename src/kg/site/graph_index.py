"""What the pages look up, made once per site from the checked model: labels, who refers to whom, what cites each
source, when each event happened, where each place is, which state outline a place is, and what each case is made of.
Every walk over the whole graph happens here, once, so a page costs only its own entity."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..core.figures import asserted
from ..core.model import Citation, Entity, Model, Statement
from ..core.names import fold
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary
from ..outputs.entity_statements import PlaceContainment, referring_statements
from ..outputs.projection import top_class

# The state outlines the explorer draws too (Natural Earth admin-1, public domain; see its PROVENANCE.md). Read as a
# data file: the site does not import the explorer's code.
STATE_OUTLINES = Path(__file__).resolve().parents[1] / "view" / "data" / "mx-states.json"
# Where an entity is, in this order of preference; a country is never the answer (the map is of Mexico's states).
WHERE = ("place", "locatedIn", "basedIn", "refArea", "birthPlace")
DATE_PREDICATES = {"date": "date", "startDate": "start", "endDate": "end"}


@dataclass(frozen=True)
class EventSpan:
    """When an event happened: its first and last possible days, how precise that is, and the dates as written."""

    start: str  # YYYY-MM-DD
    end: str
    kind: str  # point (a day) | range (a month, a year, a start-end span) | uncertain (between bounds)
    dates: tuple[tuple[str, str], ...]  # ("date"|"start"|"end"|"earliest"|"latest", ISO text at its precision)

    @property
    def year(self) -> str:
        return self.start[:4]


def event_span(entity: Entity) -> EventSpan | None:
    """The event's dates as the graph gives them (a source's error counts by its correction), or None."""
    found: dict[str, str] = {}
    for st in entity.statements:
        shown = asserted(st)
        if shown is None or shown.value.kind != "literal":
            continue
        key = DATE_PREDICATES.get(shown.predicate)
        if key is None or key in found:
            continue
        found[key] = shown.value.text
        for bound in ("earliest", "latest"):
            if bound in shown.qualifiers:
                found.setdefault(bound, shown.qualifiers[bound].text)
    try:
        anchor = found.get("date") or found.get("start") or found.get("end")
        if anchor is None:
            return None
        if "earliest" in found or "latest" in found:
            low = date_bounds(found["earliest"])[0] if "earliest" in found else date_bounds(anchor)[0]
            high = date_bounds(found["latest"])[1] if "latest" in found else date_bounds(anchor)[1]
            kind = "uncertain"
        elif "date" in found:
            low, high = date_bounds(found["date"])
            kind = "point" if found["date"].count("-") == 2 else "range"
        else:
            low = date_bounds(found.get("start") or found["end"])[0]
            high = date_bounds(found.get("end") or found["start"])[1]
            kind = "range"
    except ValueError:
        return None
    order = ("date", "start", "end", "earliest", "latest")
    return EventSpan(low, high, kind, tuple((k, found[k]) for k in order if k in found))


class GraphIndex:
    """The model's lookups for the site (see the module's docstring)."""

    def __init__(self, model: Model, vocab: Vocabulary):
        self.model = model
        self.vocab = vocab
        self.ids = sorted(model.entities)
        self.referrers = referring_statements(model)
        self.places = PlaceContainment(model)
        self.citing: dict[str, list[tuple[Entity, Statement | None, Citation]]] = defaultdict(list)
        self.errors_in: dict[str, list[tuple[Entity, Statement]]] = defaultdict(list)
        self.parent: dict[str, str] = {}
        self.spans: dict[str, EventSpan] = {}
        self.coordinates: dict[str, tuple[float, float]] = {}
        for entity in model.entities.values():
            for citation in entity.citations:
                self.citing[citation.source].append((entity, None, citation))
            for st in entity.statements:
                for citation in st.citations:
                    self.citing[citation.source].append((entity, st, citation))
                if st.error:
                    for source in sorted({c.source for c in st.citations}):
                        self.errors_in[source].append((entity, st))
                elif (st.predicate == "subEventOf" and st.value.kind == "entity" and entity.id not in self.parent
                      and st.value.text in model.entities and st.value.text != entity.id):
                    self.parent[entity.id] = st.value.text
            if vocab.is_a(entity.type, "Event"):
                span = event_span(entity)
                if span is not None:
                    self.spans[entity.id] = span
            elif vocab.is_a(entity.type, "Place"):
                where = self._coordinates(entity)
                if where is not None:
                    self.coordinates[entity.id] = where
        self.children: dict[str, list[str]] = defaultdict(list)
        for child, parent in sorted(self.parent.items()):
            self.children[parent].append(child)
        for kids in self.children.values():
            kids.sort(key=self.event_order)

    # ------------------------------------------------------------------ names

    def label(self, entity_id: str, lang: str) -> str:
        entity = self.model.entities.get(entity_id)
        if entity is None:
            return entity_id
        return entity.labels.get(lang) or entity.labels.get("en") or next(iter(entity.labels.values()), entity_id)

    def sort_key(self, entity_id: str, lang: str) -> tuple[str, str]:
        return fold(self.label(entity_id, lang)), entity_id

    def class_label(self, name: str, lang: str) -> str:
        cls = self.vocab.classes.get(name)
        if cls is None:
            return name
        return cls.labels.get(lang) or cls.labels.get("en") or name

    def top(self, entity_id: str) -> str:
        return top_class(self.vocab, self.model.entities[entity_id].type)

    def is_a(self, entity_id: str, cls: str) -> bool:
        entity = self.model.entities.get(entity_id)
        return entity is not None and self.vocab.is_a(entity.type, cls)

    # ------------------------------------------------------------------ events

    def event_order(self, entity_id: str) -> tuple:
        span = self.spans.get(entity_id)
        return (span.start, span.end, entity_id) if span else ("9999", "9999", entity_id)

    def case_of(self, entity_id: str) -> str | None:
        """The outermost event this one is part of, following subEventOf (a cycle stops the walk)."""
        seen, current, top = {entity_id}, entity_id, None
        while (parent := self.parent.get(current)) is not None and parent not in seen:
            seen.add(parent)
            top = current = parent
        return top

    @cached_property
    def cases(self) -> list[str]:
        """Events that others are part of and that are part of none: each heads a case."""
        return sorted((e for e in self.children if e not in self.parent), key=self.event_order)

    def case_members(self, case: str) -> list[str]:
        """Every event inside the case, at any depth, in date order."""
        found, todo = [], list(self.children.get(case, ()))
        seen = {case}
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found.append(current)
            todo.extend(self.children.get(current, ()))
        return sorted(found, key=self.event_order)

    # ------------------------------------------------------------------ places

    @staticmethod
    def _coordinates(entity: Entity) -> tuple[float, float] | None:
        values = {}
        for st in entity.statements:
            if st.predicate in ("latitude", "longitude") and not st.error and st.predicate not in values:
                try:
                    values[st.predicate] = float(st.value.text)
                except ValueError:
                    return None
        if len(values) != 2:
            return None
        return values["latitude"], values["longitude"]

    @cached_property
    def outlines(self) -> dict:
        return json.loads(STATE_OUTLINES.read_text(encoding="utf-8"))

    @cached_property
    def state_codes(self) -> dict[str, str]:
        """Place entity id → the code of the state outline of that name (label or alias, accents and case aside);
        only states are matched when the vocabulary has a State class."""
        names = {fold(state["name"]): state["code"] for state in self.outlines["states"]}
        state_class = "State" if "State" in self.vocab.classes else "Place"
        found: dict[str, str] = {}
        for entity in sorted(self.model.entities.values(), key=lambda e: e.id):
            if not self.vocab.is_a(entity.type, state_class):
                continue
            spellings = [*entity.labels.values(), *(a for names_ in entity.aliases.values() for a in names_)]
            for spelling in spellings:
                code = names.get(fold(spelling))
                if code is not None and code not in found.values():
                    found[entity.id] = code
                    break
        return found

    def whereabouts(self, entity_id: str, depth: int = 3) -> list[tuple[str, list[str]]]:
        """The places on the map for an entity: itself if it is a located place or a state, else the nearest places
        that are, found through place / locatedIn / basedIn / refArea / birthPlace; each with the path that led there
        (the ids in between)."""
        if entity_id in self.coordinates or entity_id in self.state_codes:
            return [(entity_id, [])]
        frontier: list[tuple[str, list[str]]] = [(entity_id, [])]
        seen = {entity_id}
        for _ in range(depth):
            found, following = [], []
            for current, path in frontier:
                entity = self.model.entities.get(current)
                if entity is None:
                    continue
                for predicate in WHERE:
                    for st in entity.statements:
                        shown = asserted(st)
                        if (shown is None or shown.predicate != predicate or shown.value.kind != "entity"
                                or shown.value.text in seen):
                            continue
                        target = shown.value.text
                        seen.add(target)
                        if target in self.coordinates or target in self.state_codes:
                            found.append((target, path))
                        elif not self.is_a(target, "Country"):
                            following.append((target, [*path, target]))
            if found:
                return found
            frontier = following
        return []
