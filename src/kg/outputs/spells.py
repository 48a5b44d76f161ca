"""When each relation was in force and each entity existed, from the statements' dates, their precision kept as an
interval: the spells of the dynamic GEXF export, the explorer's year stepper and the site's "relations by year".

- A relation's time is its own `start`, `end` and `at` (with `earliest`/`latest` bounds); a relation of an event with
  no time of its own (a participant, a place) takes the event's date. A date is the interval its precision allows:
  `start: 2018` begins somewhere in 2018 (from 2018-01-01), `end: 2020-03` ends by 2020-03-31, `at: 2019-10-17` is
  that day.
- A relation with a start and no end stays in force until it is ended or replaced: replaced when a later holder of the
  same post starts (`heldPosition` of one Post: an office held by one person at a time), or when its subject is
  replaced (`B replaces A`, with a start or `at`: A's open relations end then).
- An entity exists over its own dates: an event's `date` (or `startDate`..`endDate`), an organisation's or program's
  `founded`/`launched`..`dissolved`; and one replaced ends when it is.
- Year by year, a relation is in force in a year its interval touches; it is *uncertain* there when the year is all
  that is known of its start, end or point in time (`start: 2018` in 2018, `at: 2002` in 2002).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from ..core.model import Entity, Model, Statement, Value
from ..core.terms import statement_iri
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary

BEGINS = ("startDate", "founded", "launched")
ENDS = ("endDate", "dissolved")
POINTS = ("date",)


@dataclass(frozen=True)
class Spell:
    """An interval of days: `begin` and `end` are the first and last possible days (None: unbounded on that side;
    an end of None is still in force). `uncertain_years` are the years known only to the year."""

    begin: str | None
    end: str | None
    uncertain_years: frozenset[int] = frozenset()
    ended_by: str | None = None  # what ended an open relation: a successor's statement IRI, or a replacing entity

    def touches(self, year: int) -> bool:
        return (self.begin is None or self.begin[:4] <= f"{year:04d}") and (
            self.end is None or self.end[:4] >= f"{year:04d}")

    def in_year(self, year: int) -> str | None:
        """"certain", "uncertain", or None when the relation was not in force that year."""
        if not self.touches(year):
            return None
        return "uncertain" if year in self.uncertain_years else "certain"

    @property
    def gexf(self) -> tuple[str | None, str | None]:
        return self.begin, self.end


def _year_only(value: Value) -> bool:
    return len(value.text) == 4


def _ended_at(begin: Value) -> tuple[str, frozenset[int]]:
    """When something replaced at `begin` ended: the day before, if the day is known; else the period's last day
    (the replacement happened within it), its year uncertain when only the year is known."""
    if len(begin.text) == 10:
        return (datetime.date.fromisoformat(begin.text) - datetime.timedelta(days=1)).isoformat(), frozenset()
    return date_bounds(begin).latest, frozenset({int(begin.text[:4])}) if _year_only(begin) else frozenset()


def _begin_value(st: Statement) -> Value | None:
    return st.qualifiers.get("start") or st.qualifiers.get("at")


def _first(entity: Entity, names: tuple[str, ...]) -> Value | None:
    for st in entity.statements:
        if st.predicate in names and not st.error and st.value.kind == "literal":
            return st.value
    return None


def entity_spell(entity: Entity) -> Spell | None:
    """When the entity existed, from its own dates (None when it has none)."""
    point = _first(entity, POINTS)
    if point is not None:
        bounds = date_bounds(point)
        return Spell(bounds.earliest, bounds.latest, frozenset({int(point.text[:4])}) if _year_only(point) else
                     frozenset())
    begin, end = _first(entity, BEGINS), _first(entity, ENDS)
    if begin is None and end is None:
        return None
    uncertain = {int(v.text[:4]) for v in (begin, end) if v is not None and _year_only(v)}
    return Spell(date_bounds(begin).earliest if begin else None, date_bounds(end).latest if end else None,
                 frozenset(uncertain))


def statement_spell(st: Statement, subject_spell: Spell | None = None) -> Spell | None:
    """When a relation held, from its own time qualifiers, else (with none) the span of its subject event."""
    q = st.qualifiers
    uncertain: set[int] = set()
    if "at" in q:
        bounds = date_bounds(q["at"])
        begin, end = bounds.earliest, bounds.latest
        if "earliest" in q:
            begin = max(begin, date_bounds(q["earliest"]).earliest)
        if "latest" in q:
            end = min(end, date_bounds(q["latest"]).latest)
        if _year_only(q["at"]):
            uncertain.add(int(q["at"].text[:4]))
        return Spell(begin, end, frozenset(uncertain))
    if "start" in q or "end" in q:
        begin = date_bounds(q["start"]).earliest if "start" in q else None
        end = date_bounds(q["end"]).latest if "end" in q else None
        uncertain = {int(q[n].text[:4]) for n in ("start", "end") if n in q and _year_only(q[n])}
        return Spell(begin, end, frozenset(uncertain))
    return subject_spell


def _asserted(entity: Entity):  # noqa: ANN202 - (statement, assessment) pairs
    """The statements the graph asserts: a source's error stands only through the curators' correction."""
    for st in entity.statements:
        if st.error:
            if st.correction is not None:
                yield st.correction, "correction"
        else:
            yield st, None


def spells(model: Model, vocab: Vocabulary) -> tuple[dict[str, Spell], dict[str, Spell]]:
    """Every entity's spell (by id) and every relation's between two entities (by statement IRI), replacements
    applied; undated entities and relations have none."""
    entity_spells = {e.id: s for e in model.entities.values() if (s := entity_spell(e)) is not None}
    relations: dict[str, tuple[Statement, Spell | None]] = {}
    for entity in model.entities.values():
        subject_spell = entity_spells.get(entity.id) if vocab.is_a(entity.type, "Event") else None
        for st, assessment in _asserted(entity):
            if st.value.kind != "entity":
                continue
            relations[statement_iri(st, assessment)] = (st, statement_spell(st, subject_spell))

    # Replaced entities: `B replaces A` at a time ends A, and every relation of A still open then.
    replaced: dict[str, tuple[str, frozenset[int], str]] = {}  # A → (its last day, uncertain years, B)
    for st, _ in relations.values():
        begin = _begin_value(st)
        if st.predicate == "replaces" and begin is not None:
            replaced[st.value.text] = (*_ended_at(begin), st.subject)
    for old, (day, unsure, by) in replaced.items():
        current = entity_spells.get(old)
        if current is None or current.end is None:
            entity_spells[old] = Spell(current.begin if current else None, day,
                                       (current.uncertain_years if current else frozenset()) | unsure, ended_by=by)
    for iri, (st, spell) in list(relations.items()):
        if st.subject in replaced and (spell is None or spell.end is None) and st.predicate != "replaces":
            day, unsure, by = replaced[st.subject]
            if spell is None or spell.begin is None or spell.begin <= day:
                relations[iri] = (st, Spell(spell.begin if spell else None, day,
                                            (spell.uncertain_years if spell else frozenset()) | unsure, ended_by=by))

    # Succession in an office: an open `heldPosition` ends when the next holder of the same post starts.
    holders: dict[tuple[str, str], list[tuple[str, str, Statement, Spell]]] = {}
    for iri, (st, spell) in relations.items():
        target = model.entities.get(st.value.text)
        if spell is not None and spell.begin is not None and target is not None and vocab.is_a(target.type, "Post"):
            holders.setdefault((st.predicate, st.value.text), []).append((spell.begin, iri, st, spell))
    for group in holders.values():
        group.sort(key=lambda item: (item[0], item[1]))
        for (_, iri, st, spell), (begin, next_iri, successor, _) in zip(group, group[1:], strict=False):
            start = _begin_value(successor)
            if spell.end is None and begin > spell.begin and start is not None:
                day, unsure = _ended_at(start)
                relations[iri] = (st, replace(spell, end=day, uncertain_years=spell.uncertain_years | unsure,
                                              ended_by=next_iri))
    return entity_spells, {iri: spell for iri, (_, spell) in relations.items() if spell is not None}


def spell_records(model: Model, vocab: Vocabulary) -> dict:
    """The spells as data for a page (the explorer's year stepper): {"entities": {id: spell}, "relations":
    {statement IRI: spell}, "years": [first, last]}, each spell `{"begin", "end", "uncertain"}` (days or null, and
    the years known only to the year)."""
    entity_spells, relation_spells = spells(model, vocab)

    def record(spell: Spell) -> dict:
        return {"begin": spell.begin, "end": spell.end, "uncertain": sorted(spell.uncertain_years)}

    span = year_range({**{f"e:{k}": v for k, v in entity_spells.items()}, **relation_spells})
    return {"entities": {k: record(v) for k, v in sorted(entity_spells.items())},
            "relations": {k: record(v) for k, v in sorted(relation_spells.items())},
            "years": list(span) if span else None}


def year_range(spells_found: dict[str, Spell]) -> tuple[int, int] | None:
    """The first and last year any spell bounds (None when nothing is dated)."""
    years = [int(day[:4]) for s in spells_found.values() for day in (s.begin, s.end) if day is not None]
    return (min(years), max(years)) if years else None
