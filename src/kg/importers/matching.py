"""Event matching: which records of a dataset (or which events of the graph) report the same event, scored on date,
place, type, actors and toll, each with the reason for its score.

A record is an event reduced to what a comparison needs: date bounds (from its precision: a day, ACLED's week, a
month, a year), its places and every place they lie in, a point when one is known, its kinds (ACLED concepts and their
broader event types), its actors and its toll. Candidates are found by blocking on the day and the state: only records
within a few days of each other, and in the same state (or with no state known), are scored, so matching stays
linear in the number of records. A score at or above THRESHOLD is proposed; nothing is ever merged here."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..core.model import Entity, Model
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary

THRESHOLD = 0.70
WEIGHTS = {"date": 0.35, "place": 0.30, "type": 0.15, "actors": 0.10, "toll": 0.10}
MAX_GAP_DAYS = 3  # records further apart than this (outside both precisions) are never compared
# ACLED's violent event types: an ambush one source calls a clash another may call an attack.
VIOLENT = frozenset({"battles", "violence-against-civilians", "explosions-remote-violence"})


@dataclass(frozen=True)
class EventRecord:
    """One event, as matching sees it."""

    id: str
    label: str
    earliest: datetime.date
    latest: datetime.date
    places: frozenset[str] = frozenset()  # the places it is at
    within: frozenset[str] = frozenset()  # those places and every place they lie in
    state: str | None = None
    point: tuple[float, float] | None = None
    kinds: frozenset[str] = frozenset()  # concept local names, with their broader concepts
    actors: frozenset[str] = frozenset()
    killed: int | None = None
    group: str = ""  # records of one group (one dataset, or the graph's own events) are not compared with each other


@dataclass
class Match:
    """A scored pair: the record, the candidate event, the total and each part with its reason."""

    record: EventRecord
    event: EventRecord
    score: float
    parts: dict[str, tuple[float, str]] = field(default_factory=dict)

    @property
    def reasons(self) -> list[str]:
        return [f"{name} {value:.2f}: {why}" for name, (value, why) in self.parts.items()]


def _days(a: datetime.date, b: datetime.date) -> int:
    return (b - a).days


def score_date(a: EventRecord, b: EventRecord) -> tuple[float, str] | None:
    gap = max(0, _days(min(a.latest, b.latest), max(a.earliest, b.earliest)))  # 0 when the spans overlap
    if gap > MAX_GAP_DAYS:
        return None
    exact = a.earliest == a.latest == b.earliest == b.latest
    if gap == 0 and exact:
        return 1.0, f"the same day ({a.earliest.isoformat()})"
    if gap == 0:
        return 0.8, "the dates overlap within their precision"
    return {1: 0.6, 2: 0.4}.get(gap, 0.2), f"{gap} day(s) apart"


def _km(p: tuple[float, float], q: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*p, *q))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def score_place(a: EventRecord, b: EventRecord) -> tuple[float, str] | None:
    shared = a.places & b.places
    if shared:
        return 1.0, f"the same place ({', '.join(sorted(shared))})"
    if a.places & b.within or b.places & a.within:
        inner, outer = (a, b) if a.within & b.places else (b, a)
        return 0.8, (f"one lies within the other ({', '.join(sorted(inner.places))} in "
                     f"{', '.join(sorted(outer.places & inner.within))})")
    if a.point is not None and b.point is not None:
        km = _km(a.point, b.point)
        for limit, value in ((5, 0.9), (15, 0.7), (30, 0.5), (60, 0.2)):
            if km <= limit:
                return value, f"{km:.0f} km apart"
        if a.state and b.state and a.state != b.state:
            return None
        return 0.0, f"{km:.0f} km apart"
    if a.state and b.state:
        if a.state != b.state:
            return None
        return 0.3, f"both in {a.state}, no closer place in common"
    return 0.3, "one place is not known"


def score_type(a: EventRecord, b: EventRecord) -> tuple[float, str]:
    if not a.kinds or not b.kinds:
        return 0.5, "one type is not known"
    same = a.kinds & b.kinds
    leaves_a, leaves_b = a.kinds - VIOLENT, b.kinds - VIOLENT
    if leaves_a & leaves_b:
        return 1.0, f"the same type ({', '.join(sorted(leaves_a & leaves_b))})"
    if same:
        return 0.7, f"the same kind of event ({', '.join(sorted(same))})"
    if a.kinds & VIOLENT and b.kinds & VIOLENT:
        return 0.3, "compatible kinds (both violent events)"
    return 0.0, f"different kinds ({', '.join(sorted(leaves_a or a.kinds))} / {', '.join(sorted(leaves_b or b.kinds))})"


def score_actors(a: EventRecord, b: EventRecord) -> tuple[float, str]:
    if not a.actors or not b.actors:
        return 0.5, "one side names no actor"
    shared = a.actors & b.actors
    if not shared:
        return 0.1, "no actor in common"
    overlap = len(shared) / min(len(a.actors), len(b.actors))
    return 0.3 + 0.7 * overlap, f"actors in common: {', '.join(sorted(shared))}"


def score_toll(a: EventRecord, b: EventRecord) -> tuple[float, str]:
    if a.killed is None or b.killed is None:
        return 0.5, "one toll is not known"
    if a.killed == b.killed:
        return 1.0, f"the same toll ({a.killed})"
    if abs(a.killed - b.killed) <= max(2, 0.3 * max(a.killed, b.killed)):
        return 0.7, f"close tolls ({a.killed} and {b.killed})"
    return 0.4, f"different tolls ({a.killed} and {b.killed}): a disagreement to record if they match"


def score(a: EventRecord, b: EventRecord) -> Match | None:
    """The pair's score and reasons, or None when date or place rule the pair out."""
    date = score_date(a, b)
    if date is None:
        return None
    place = score_place(a, b)
    if place is None:
        return None
    parts = {"date": date, "place": place, "type": score_type(a, b), "actors": score_actors(a, b),
             "toll": score_toll(a, b)}
    if parts["type"][0] == 0.0:
        return None  # a protest is not a battle, whatever else they share
    if parts["type"][0] < 0.5 and parts["actors"][0] <= 0.1:
        return None  # another kind of violence by other actors: two events on one day in one town
    total = sum(WEIGHTS[name] * value for name, (value, _) in parts.items())
    return Match(a, b, round(total, 3), parts)


class EventIndex:
    """Events blocked by day (each day of their date bounds, widened by MAX_GAP_DAYS) and state."""

    def __init__(self, events: Iterable[EventRecord]):
        self.by_day: dict[datetime.date, list[EventRecord]] = defaultdict(list)
        self.wide: list[EventRecord] = []  # dated only to a year or more: compared with every record of their span
        for event in events:
            span = _days(event.earliest, event.latest)
            if span > 62:
                self.wide.append(event)
                continue
            for offset in range(span + 1):
                self.by_day[event.earliest + datetime.timedelta(days=offset)].append(event)

    def candidates(self, record: EventRecord) -> Iterator[EventRecord]:
        seen: set[str] = set()
        start = record.earliest - datetime.timedelta(days=MAX_GAP_DAYS)
        days = _days(start, record.latest) + MAX_GAP_DAYS
        if days > 400:
            return  # a record dated only to a year or less precisely: too vague to propose anything
        for offset in range(days + 1):
            for event in self.by_day.get(start + datetime.timedelta(days=offset), ()):
                if event.id not in seen and (not record.state or not event.state or record.state == event.state):
                    seen.add(event.id)
                    yield event
        for event in self.wide:
            if event.id not in seen and event.earliest <= record.latest and record.earliest <= event.latest:
                seen.add(event.id)
                yield event


def best_matches(records: Iterable[EventRecord], events: Iterable[EventRecord], *,
                 threshold: float = THRESHOLD, exclude=None) -> list[Match]:
    """For each record, its best-scoring event at or above `threshold` (ties: the event id first in order), skipping
    events of the record's own group, the record itself, and pairs `exclude(record id, event id)` rules out (a
    curator rejected them)."""
    index = EventIndex(events)
    found = []
    for record in records:
        best: Match | None = None
        for event in index.candidates(record):
            if event.id == record.id or (record.group and event.group == record.group):
                continue
            if exclude is not None and exclude(record.id, event.id):
                continue
            match = score(record, event)
            if match is not None and match.score >= threshold and (
                    best is None or (match.score, best.event.id) > (best.score, match.event.id)):
                best = match
        if best is not None:
            found.append(best)
    return found


# ---------------------------------------------------------------------------------------------- records of the graph

class GraphPlaces:
    """Each place's ancestors (asserted `locatedIn`, a source error by its correction), state and nearest point."""

    def __init__(self, model: Model, vocab: Vocabulary):
        self.model = model
        self.vocab = vocab
        self._chain: dict[str, tuple[str, ...]] = {}

    def chain(self, place: str) -> tuple[str, ...]:
        """The place and every place it lies in, nearest first."""
        if place not in self._chain:
            order, frontier, seen = [], [place], set()
            while frontier:
                current = frontier.pop(0)
                if current in seen:
                    continue
                seen.add(current)
                order.append(current)
                entity = self.model.entities.get(current)
                if entity is not None:
                    frontier.extend(_asserted_entities(entity, "locatedIn"))
            self._chain[place] = tuple(order)
        return self._chain[place]

    def state(self, places: Iterable[str]) -> str | None:
        states = {p for place in places for p in self.chain(place)
                  if p in self.model.entities and self.vocab.is_a(self.model.entities[p].type, "State")}
        return next(iter(states)) if len(states) == 1 else None

    def point(self, places: Iterable[str]) -> tuple[float, float] | None:
        """The coordinates of the first place that has them, itself or up its chain."""
        for place in places:
            for p in self.chain(place):
                entity = self.model.entities.get(p)
                if entity is None:
                    continue
                lat, lon = _number(entity, "latitude"), _number(entity, "longitude")
                if lat is not None and lon is not None:
                    return lat, lon
        return None


def _asserted(entity: Entity, predicate: str):
    for st in entity.statements:
        if st.predicate == predicate:
            chosen = st.correction if st.error else st
            if chosen is not None:
                yield chosen


def _asserted_entities(entity: Entity, predicate: str) -> list[str]:
    return [st.value.text for st in _asserted(entity, predicate) if st.value.kind == "entity"]


def _number(entity: Entity, predicate: str) -> float | None:
    for st in _asserted(entity, predicate):
        try:
            return float(st.value.text)
        except ValueError:
            return None
    return None


def kinds_of(concepts: Iterable[str], vocab: Vocabulary) -> frozenset[str]:
    found = set()
    for iri in concepts:
        name = iri.rsplit("/", 1)[-1]
        found.add(name)
        concept = vocab.concepts.get(name)
        if concept is not None and concept.broader:
            found.add(concept.broader)
    return frozenset(found)


def graph_record(entity: Entity, places: GraphPlaces, vocab: Vocabulary, group: str = "") -> EventRecord | None:
    """The record of an event of the graph, or None when it has no date."""
    dates = [date_bounds(st.qualifiers.get("earliest", st.value)) for st in _asserted(entity, "date")]
    dates += [date_bounds(st.qualifiers["latest"]) for st in _asserted(entity, "date") if "latest" in st.qualifiers]
    if not dates:
        return None
    earliest = min(datetime.date.fromisoformat(d.earliest) for d in dates)
    latest = max(datetime.date.fromisoformat(d.latest) for d in dates)
    where = _asserted_entities(entity, "place")
    tolls = {(st.value.text, st.qualifiers["group"].text if "group" in st.qualifiers else "")
             for st in _asserted(entity, "killed")}
    killed = None
    if tolls:
        try:
            killed = sum(int(float(value)) for value, _ in tolls)
        except ValueError:
            killed = None
    return EventRecord(
        entity.id, entity.labels.get("en") or entity.labels.get("es") or entity.id, earliest, latest,
        frozenset(where), frozenset(p for place in where for p in places.chain(place)), places.state(where),
        places.point(where), kinds_of((st.value.text for st in _asserted(entity, "eventType")), vocab),
        frozenset(_asserted_entities(entity, "participant")), killed, group)


def graph_records(model: Model, vocab: Vocabulary, *, skip: frozenset[str] = frozenset(),
                  group_of=None) -> list[EventRecord]:
    """The records of every dated event of the graph but those in `skip`; `group_of(entity)` names its group."""
    places = GraphPlaces(model, vocab)
    found = []
    for entity in model.entities.values():
        if entity.id in skip or not vocab.is_a(entity.type, "Event"):
            continue
        record = graph_record(entity, places, vocab, group_of(entity) if group_of else "")
        if record is not None:
            found.append(record)
    return found
