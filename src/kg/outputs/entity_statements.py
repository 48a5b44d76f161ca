"""The statements about one entity as a reader sees them: grouped by property (in the order of the properties'
labels), each value with its text through the one presenter of numbers (kg.core.figures), its qualifiers, a source's
error beside the curators' correction, and the values other sources give for the same fact. `kg show` prints this
and the site's entity pages draw it; both keep the model's statement, so citations and links stay exact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..core.display import canonical_number
from ..core.figures import FIGURE_QUALIFIERS, Figure, statement_figure
from ..core.model import Entity, Model, Statement, Value
from ..core.namespaces import XSD
from ..load.vocabulary import Vocabulary

_NUMBER_TYPES = ("decimal", "integer", "nonNegativeInteger", "positiveInteger", "double", "float")


def entity_label(entity: Entity | None, fallback: str, lang: str = "en") -> str:
    """The entity's label in `lang`, else any of its labels, else its id (`fallback` when there is no entity)."""
    if entity is None:
        return fallback
    return entity.labels.get(lang) or next(iter(entity.labels.values()), entity.id)


def value_text(model: Model, vocab: Vocabulary, value: Value, lang: str = "en") -> str:
    """An entity as `Label (id)`, a concept as its label, a literal as written (with its language if it has one)."""
    if value.kind == "entity":
        return f"{entity_label(model.entities.get(value.text), value.text, lang)} ({value.text})"
    if value.kind == "concept":
        name = value.text.rsplit("/", 1)[-1]
        concept = vocab.concepts.get(name)
        return concept.labels.get(lang, concept.labels.get("en", name)) if concept is not None else name
    if value.lang:
        return f"{value.text} @{value.lang}"
    if value.datatype and value.datatype.startswith(XSD) and value.datatype[len(XSD):] in _NUMBER_TYPES:
        return canonical_number(value.text)
    return value.text


def property_label(vocab: Vocabulary, name: str, lang: str = "en") -> str:
    prop = vocab.properties.get(name)
    return prop.labels.get(lang, prop.labels.get("en", name)) if prop is not None else name


@dataclass
class Qualifier:
    """One qualifier of a value: its name, its label in the reader's language, its value and how that reads."""

    name: str
    label: str
    value: Value
    text: str


@dataclass
class Disagreement:
    """Another value a source gives for the same fact, and the sources (ids, sorted) that give it; `same_source` when
    the sources of both values are the same (one source states two values that cannot both hold)."""

    statement: Statement
    text: str
    sources: list[str]
    same_source: bool = False


@dataclass
class ShownValue:
    """One statement's value as shown: its text (a number as one phrase with its unit, bound, hedge and status), the
    qualifiers that phrase does not say, the source's error and the curators' correction, and differing values."""

    statement: Statement
    text: str
    qualifiers: list[Qualifier]
    figure: Figure | None
    error: str = ""
    correction: ShownValue | None = None
    differs: list[Disagreement] = field(default_factory=list)


@dataclass
class PropertyGroup:
    predicate: str
    label: str
    values: list[ShownValue]


def shown_value(model: Model, vocab: Vocabulary, statement: Statement, lang: str = "en") -> ShownValue:
    """The statement's value and qualifiers as they read (without its error, correction or disagreements)."""
    figure = statement_figure(statement)
    text = value_text(model, vocab, statement.value, lang)
    qualifiers = statement.qualifiers
    if figure is not None:  # the number with its unit, bound, hedge and status in one phrase
        if "quantity" in qualifiers:
            qualifiers = {"quantity": qualifiers["quantity"], **{q: v for q, v in qualifiers.items()
                                                                 if q not in FIGURE_QUALIFIERS}}
        else:
            text = figure.text(lang, vocab.label)
            qualifiers = {q: v for q, v in qualifiers.items() if q not in FIGURE_QUALIFIERS}
    return ShownValue(
        statement=statement,
        text=text,
        qualifiers=[Qualifier(q, property_label(vocab, q, lang), v,
                              figure.text(lang, vocab.label) if q == "quantity" and figure is not None
                              else value_text(model, vocab, v, lang))
                    for q, v in sorted(qualifiers.items())],
        figure=figure,
    )


# The qualifiers that make two statements of one property the same measure (`kg query disagreements` uses the same).
MEASURE_QUALIFIERS = ("group", "at", "unit", "baseline", "status")


class PlaceContainment:
    """Whether one place lies in another (`locatedIn`, followed through every level), for a whole model."""

    def __init__(self, model: Model):
        self._parents: dict[str, set[str]] = defaultdict(set)
        for entity in model.entities.values():
            for st in entity.statements:
                if st.predicate == "locatedIn" and st.value.kind == "entity" and not st.error:
                    self._parents[entity.id].add(st.value.text)
        self._above: dict[str, frozenset[str]] = {}

    def above(self, place: str) -> frozenset[str]:
        found = self._above.get(place)
        if found is None:
            seen: set[str] = set()
            todo = list(self._parents.get(place, ()))
            while todo:
                parent = todo.pop()
                if parent not in seen:
                    seen.add(parent)
                    todo.extend(self._parents.get(parent, ()))
            found = self._above[place] = frozenset(seen)
        return found

    def nested(self, a: str, b: str) -> bool:
        """True when one of the two places lies in the other."""
        return b in self.above(a) or a in self.above(b)


def differing_values(entity: Entity, vocab: Vocabulary, places: PlaceContainment | None = None) -> dict[int, list[int]]:
    """The entity's statements that disagree, as `kg query disagreements` finds them: for each statement's index, the
    indexes of the statements giving another value of the same measure — the same numeric or dated property (or a
    single-valued one compared across sources, such as an event's type) with the same group, time, unit, baseline and
    status — and, given the model's `places`, the event's places that no source gives together and neither of which
    lies in the other. Source errors and assessed values (a curator's judgement of a claim) are left out; several
    values of other relations (members, allies) are normal and are not compared."""
    by_key: dict[tuple, list[int]] = defaultdict(list)
    place_statements: list[int] = []
    for index, st in enumerate(entity.statements):
        prop = vocab.properties.get(st.predicate)
        if st.error or prop is None or "assessment" in st.qualifiers:
            continue
        if st.predicate == "place" and places is not None and st.value.kind == "entity":
            place_statements.append(index)
            continue
        if prop.kind not in ("number", "temporal") and not prop.compared_across_sources:
            continue
        qualifiers = st.qualifiers
        by_key[(st.predicate, *(qualifiers[q].text if q in qualifiers else "" for q in MEASURE_QUALIFIERS))].append(
            index)
    found: dict[int, list[int]] = {}
    statements = entity.statements
    for indexes in by_key.values():
        for index in indexes:
            others = [i for i in indexes if statements[i].value.text != statements[index].value.text]
            if others:
                found[index] = others
    for index in place_statements:
        st = statements[index]
        sources = {c.source for c in st.citations}
        others = [i for i in place_statements if statements[i].value.text != st.value.text
                  and sources.isdisjoint(c.source for c in statements[i].citations)
                  and not places.nested(st.value.text, statements[i].value.text)]
        if others:
            found[index] = others
    return found


def property_groups(model: Model, vocab: Vocabulary, entity: Entity, lang: str = "en",
                    places: PlaceContainment | None = None) -> list[PropertyGroup]:
    """Every statement about the entity, grouped by property in the order of the properties' labels (`places`: the
    model's PlaceContainment, made here when not given: pass one when drawing many entities)."""
    differing = differing_values(entity, vocab, places if places is not None else PlaceContainment(model))
    groups: dict[str, list[ShownValue]] = defaultdict(list)
    for index, statement in enumerate(entity.statements):
        item = shown_value(model, vocab, statement, lang)
        if statement.error:
            item.error = statement.error
            if statement.correction is not None:
                item.correction = shown_value(model, vocab, statement.correction, lang)
        else:
            sources = {c.source for c in statement.citations}
            for other in (entity.statements[i] for i in differing.get(index, ())):
                other_sources = {c.source for c in other.citations}
                item.differs.append(Disagreement(other, shown_value(model, vocab, other, lang).text,
                                                 sorted(other_sources), same_source=other_sources == sources))
        groups[statement.predicate].append(item)
    labelled = [(property_label(vocab, predicate, lang), predicate, items) for predicate, items in groups.items()]
    return [PropertyGroup(predicate, label, items) for label, predicate, items in sorted(labelled, key=lambda g: g[:2])]


def referring_statements(model: Model) -> dict[str, list[Statement]]:
    """For each entity id, the statements of other entities (or its own) whose value is it, errors left out: made once
    for a whole site instead of a walk over the graph per entity."""
    found: dict[str, list[Statement]] = defaultdict(list)
    for entity in model.entities.values():
        for statement in entity.statements:
            if statement.value.kind == "entity" and not statement.error:
                found[statement.value.text].append(statement)
    return found
