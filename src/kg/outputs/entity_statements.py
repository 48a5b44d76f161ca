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
    """Another value a source gives for the same fact, and the sources (ids, sorted) that give it."""

    statement: Statement
    text: str
    sources: list[str]


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


def _disagreement_key(statement: Statement) -> tuple:
    """Statements that should agree: same predicate, same group and time qualifiers."""
    qualifiers = statement.qualifiers
    return (statement.predicate, *(qualifiers[q].text if q in qualifiers else "" for q in ("group", "at", "unit")))


def property_groups(model: Model, vocab: Vocabulary, entity: Entity, lang: str = "en") -> list[PropertyGroup]:
    """Every statement about the entity, grouped by property in the order of the properties' labels."""
    # Values that differ between sources: the same property (and group, time, unit) with several values, each cited
    # by a different source. Numbers and dates only: several values of a relation (members, places) are normal.
    comparable = [s for s in entity.statements if not s.error
                  and vocab.properties.get(s.predicate) is not None
                  and vocab.properties[s.predicate].kind in ("number", "temporal")]
    by_key: dict[tuple, list[Statement]] = defaultdict(list)
    for statement in comparable:
        by_key[_disagreement_key(statement)].append(statement)

    groups: dict[str, list[ShownValue]] = defaultdict(list)
    for statement in entity.statements:
        item = shown_value(model, vocab, statement, lang)
        if statement.error:
            item.error = statement.error
            if statement.correction is not None:
                item.correction = shown_value(model, vocab, statement.correction, lang)
        else:
            sources = {c.source for c in statement.citations}
            for other in by_key.get(_disagreement_key(statement), []):
                if other is statement or other.value.text == statement.value.text:
                    continue
                other_sources = {c.source for c in other.citations}
                if other_sources != sources:
                    item.differs.append(Disagreement(other, value_text(model, vocab, other.value, lang),
                                                     sorted(other_sources)))
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
