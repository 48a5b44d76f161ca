"""Synthetic events with known duplicates, to measure the matcher (`tests/test_match_events.py`, `benchmarks/
matching.py`): a set of events, and a set of dataset records of which some report one of those events (with the
noise two sources give the same event: a date a day off or less precise, a locality for a municipality or a point a
few kilometres away, a broader type, other actors, another toll) and the rest report other events, many of them
hard to tell apart (the same day and town but another kind of event, the same kind a few days later)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from .matching import EventRecord

KINDS = (("armed-clash", "battles"), ("attack", "violence-against-civilians"),
         ("abduction-forced-disappearance", "violence-against-civilians"), ("remote-explosive",
         "explosions-remote-violence"), ("peaceful-protest", "protests"), ("arrests", "strategic-developments"))


@dataclass
class SyntheticSet:
    events: list[EventRecord]
    records: list[EventRecord]
    truth: dict[str, str]  # record id → the event it reports (records of new events are absent)


def _places(rng: random.Random, states: int, per_state: int):
    """State ids, and per municipality its state and a point; localities are made on demand."""
    municipalities = {}
    for s in range(states):
        lat0, lon0 = rng.uniform(15, 31), rng.uniform(-116, -88)
        for m in range(per_state):
            municipalities[f"m{s}-{m}"] = (f"s{s}", (lat0 + rng.uniform(-2, 2), lon0 + rng.uniform(-2, 2)))
    return municipalities


def _event(rng, ident, municipalities, names, start, days, group="") -> EventRecord:
    muni = rng.choice(names)
    state, point = municipalities[muni]
    day = start + datetime.timedelta(days=rng.randrange(days))
    kind = rng.choice(KINDS)
    actors = frozenset(rng.sample(range(400), rng.choice((1, 2, 2, 3))))
    return EventRecord(ident, ident, day, day, frozenset({muni}), frozenset({muni, state}), state, point,
                       frozenset(kind), frozenset(f"a{a}" for a in actors), rng.choice((0, 0, 1, 2, 3, 5, 8, 13)),
                       group)


def _report(rng: random.Random, ident: str, event: EventRecord, municipalities, group: str) -> EventRecord:
    """Another source's record of `event`, with the noise sources give."""
    roll = rng.random()
    earliest = latest = event.earliest
    if roll < 0.15:
        earliest = latest = event.earliest + datetime.timedelta(days=rng.choice((-1, 1)))
    elif roll < 0.22:
        earliest, latest = event.earliest - datetime.timedelta(days=3), event.earliest + datetime.timedelta(days=3)
    muni = next(iter(event.places))
    state, point = municipalities[muni]
    roll = rng.random()
    places, within = event.places, event.within
    if roll < 0.25:  # a locality of the municipality
        locality = f"{muni}-l{rng.randrange(50)}"
        places, within = frozenset({locality}), frozenset({locality, muni, state})
        point = (point[0] + rng.uniform(-0.05, 0.05), point[1] + rng.uniform(-0.05, 0.05))
    elif roll < 0.4:  # only a point nearby, a place of its own
        places, within = frozenset({f"p-{ident}"}), frozenset({f"p-{ident}", state})
        point = (point[0] + rng.uniform(-0.08, 0.08), point[1] + rng.uniform(-0.08, 0.08))
    kinds = event.kinds
    if rng.random() < 0.15:  # typed by its broader type only, or as a compatible violent kind
        broader = sorted(event.kinds - {k for k, _ in KINDS})
        kinds = frozenset(broader) if broader else kinds
    actors = event.actors
    roll = rng.random()
    if roll < 0.3:
        actors = frozenset()
    elif roll < 0.5:
        actors = frozenset(list(event.actors)[:1]) | {f"a{rng.randrange(400)}"}
    killed = event.killed
    roll = rng.random()
    if roll < 0.25 and killed:
        killed = max(0, killed + rng.choice((-2, -1, 1, 2)))
    elif roll < 0.35:
        killed = rng.choice((0, 1, 4, 9, 20))
    return EventRecord(ident, ident, earliest, latest, places, within, state, point, kinds, actors, killed, group)


def synthetic_set(events: int, records: int, *, duplicate_share: float = 0.4, seed: int = 1, states: int = 32,
                  municipalities_per_state: int = 40, days: int = 365 * 3) -> SyntheticSet:
    """`events` events and `records` records, about `duplicate_share` of which report one of the events."""
    rng = random.Random(seed)
    places = _places(rng, states, municipalities_per_state)
    names = sorted(places)
    start = datetime.date(2018, 1, 1)
    made = [_event(rng, f"e{n}", places, names, start, days) for n in range(events)]
    out, truth = [], {}
    for n in range(records):
        ident = f"r{n}"
        roll = rng.random()
        if roll < duplicate_share:
            event = rng.choice(made)
            out.append(_report(rng, ident, event, places, "dataset"))
            truth[ident] = event.id
        elif roll < duplicate_share + 0.2:  # a hard negative: same day and town, another kind of event and actors
            event = rng.choice(made)
            other_kinds = [k for k in KINDS if not set(k) & event.kinds] or list(KINDS)
            out.append(EventRecord(ident, ident, event.earliest, event.latest, event.places, event.within,
                                   event.state, event.point, frozenset(rng.choice(other_kinds)),
                                   frozenset({f"a{rng.randrange(400)}"}), rng.choice((0, 1, 2)), "dataset"))
        elif roll < duplicate_share + 0.35:  # the same kind in the same town, a week or more apart
            event = rng.choice(made)
            day = event.earliest + datetime.timedelta(days=rng.choice((-1, 1)) * rng.randrange(6, 30))
            out.append(EventRecord(ident, ident, day, day, event.places, event.within, event.state, event.point,
                                   event.kinds, event.actors, event.killed, "dataset"))
        else:
            out.append(_event(rng, ident, places, names, start, days, "dataset"))
    return SyntheticSet(made, out, truth)


def precision_recall(found: dict[str, str], truth: dict[str, str]) -> tuple[float, float, int, int, int]:
    """(precision, recall, proposals, correct, duplicates) of proposals {record: event} against the truth."""
    correct = sum(1 for record, event in found.items() if truth.get(record) == event)
    precision = correct / len(found) if found else 1.0
    recall = correct / len(truth) if truth else 1.0
    return precision, recall, len(found), correct, len(truth)
