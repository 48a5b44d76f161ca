"""One entity as a reader wants it: its names, type and description, then every statement about it grouped by
property, each value with its qualifiers and its sources (title, section, paragraph), a source's error and the
curators' correction side by side, and values that differ between sources marked. `kg show` prints it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..core.display import canonical_number, escape_controls
from ..core.evidence import statement_evidence
from ..core.figures import FIGURE_QUALIFIERS, event_toll, observation_figure, statement_figure
from ..core.model import Entity, Model, Statement, Value
from ..core.namespaces import MX, XSD
from ..load.vocabulary import Vocabulary
from ..outputs.projection import citation_text

_NUMBER_TYPES = ("decimal", "integer", "nonNegativeInteger", "positiveInteger", "double", "float")


def printable(text: str) -> str:
    """The text on one line, with every character that could move the cursor, change colours or reorder the line
    shown as an escape (`\\x1b`, `\\u202e`), so data can never drive the reader's terminal."""
    return escape_controls(text.replace("\r\n", " ").replace("\n", " "))


@dataclass
class Shown:
    """One statement's value as shown: text, qualifiers, citations, and marks (error, correction, differing)."""

    value: str
    qualifiers: list[str]
    citations: list[str]
    note: str = ""
    error: str = ""
    correction: str = ""
    differs: list[str] = field(default_factory=list)
    figure: dict | None = None  # the statement's number with its qualifiers (kg.core.figures), as JSON
    evidence: dict | None = None  # independent sources by publisher, curator knowledge apart (kg.core.evidence)


def _label(entity: Entity | None, fallback: str, lang: str = "en") -> str:
    if entity is None:
        return fallback
    return entity.labels.get(lang) or next(iter(entity.labels.values()), entity.id)


def value_text(model: Model, vocab: Vocabulary, value: Value, lang: str = "en") -> str:
    """An entity as `Label (id)`, a concept as its label, a literal as written (with its language if it has one)."""
    if value.kind == "entity":
        return f"{_label(model.entities.get(value.text), value.text, lang)} ({value.text})"
    if value.kind == "concept":
        name = value.text.rsplit("/", 1)[-1]
        concept = vocab.concepts.get(name)
        return concept.labels.get(lang, concept.labels.get("en", name)) if concept is not None else name
    if value.lang:
        return f"{value.text} @{value.lang}"
    if value.datatype and value.datatype.startswith(XSD) and value.datatype[len(XSD):] in _NUMBER_TYPES:
        return canonical_number(value.text)
    return value.text


def _property_label(vocab: Vocabulary, name: str, lang: str = "en") -> str:
    prop = vocab.properties.get(name)
    return prop.labels.get(lang, prop.labels.get("en", name)) if prop is not None else name


def _disagreement_key(statement: Statement) -> tuple:
    """Statements that should agree: same predicate, same group and time qualifiers."""
    qualifiers = statement.qualifiers
    return (statement.predicate, *(qualifiers[q].text if q in qualifiers else "" for q in ("group", "at", "unit")))


def entity_profile(model: Model, vocab: Vocabulary, entity_id: str, lang: str = "en") -> dict:
    """Everything the graph says about one entity, as plain data: names, type, descriptions, sources, statements
    grouped by property (in the vocabulary's label order), and the statements of other entities that point to it."""
    entity = model.entities[entity_id]

    def shown(statement: Statement) -> Shown:
        figure = statement_figure(statement)
        value = value_text(model, vocab, statement.value, lang)
        qualifiers = statement.qualifiers
        if figure is not None:  # the number with its unit, bound, hedge and status in one phrase
            if "quantity" in qualifiers:
                qualifiers = {"quantity": qualifiers["quantity"], **{q: v for q, v in qualifiers.items()
                                                                     if q not in FIGURE_QUALIFIERS}}
            else:
                value = figure.text(lang, vocab.label)
                qualifiers = {q: v for q, v in qualifiers.items() if q not in FIGURE_QUALIFIERS}
        return Shown(
            value=value,
            qualifiers=[f"{_property_label(vocab, q, lang)}: "
                        + (figure.text(lang, vocab.label) if q == "quantity" and figure is not None
                           else value_text(model, vocab, v, lang))
                        for q, v in sorted(qualifiers.items())],
            citations=[citation_text(model, c) for c in statement.citations],
            note=statement.note or "",
            figure=figure.record() if figure is not None else None,
            evidence=statement_evidence(statement, model).record(),
        )

    # Values that differ between sources: the same property (and group, time, unit) with several values, each cited
    # by a different source. Numbers and dates only: several values of a relation (members, places) are normal.
    comparable = [s for s in entity.statements if not s.error
                  and vocab.properties.get(s.predicate) is not None
                  and vocab.properties[s.predicate].kind in ("number", "temporal")]
    by_key: dict[tuple, list[Statement]] = defaultdict(list)
    for statement in comparable:
        by_key[_disagreement_key(statement)].append(statement)

    groups: dict[str, list[Shown]] = defaultdict(list)
    for statement in entity.statements:
        item = shown(statement)
        if statement.error:
            item.error = statement.error
            if statement.correction is not None:
                item.correction = shown(statement.correction).value
        else:
            sources = {c.source for c in statement.citations}
            for other in by_key.get(_disagreement_key(statement), []):
                if other is statement or other.value.text == statement.value.text:
                    continue
                other_sources = {c.source for c in other.citations}
                if other_sources != sources:
                    names = ", ".join(_label(model.entities.get(s), s, lang) for s in sorted(other_sources))
                    item.differs.append(f"{value_text(model, vocab, other.value, lang)} according to {names}")
        groups[statement.predicate].append(item)

    incoming: list[dict] = []
    for other in model.entities.values():
        for statement in other.statements:
            if statement.value.kind == "entity" and statement.value.text == entity_id and not statement.error:
                incoming.append({"subject": other.id, "subject_label": _label(other, other.id, lang),
                                 "property": _property_label(vocab, statement.predicate, lang),
                                 "predicate": statement.predicate})
    incoming.sort(key=lambda r: (r["property"], r["subject_label"], r["subject"]))

    # For a source: how much of the graph rests on it.
    citing = [(other.id, statement) for other in model.entities.values() for statement in other.statements
              if any(c.source == entity_id for c in statement.citations)]

    figures: dict = {}
    toll = event_toll(entity) if vocab.is_a(entity.type, "Event") else None
    if toll is not None:
        figures["toll"] = {**toll.record(), "text": toll.text(lang, vocab.label)}
    observed = observation_figure(entity) if vocab.is_a(entity.type, "Observation") else None
    if observed is not None:
        figures["figure"] = {**observed.record(), "text": observed.text(lang, vocab.label)}
    return {
        "id": entity.id,
        "lang": lang,
        **figures,
        "iri": MX + entity.id,
        "type": entity.type,
        "labels": dict(sorted(entity.labels.items())),
        "aliases": {k: list(v) for k, v in sorted(entity.aliases.items())},
        "descriptions": dict(sorted(entity.descriptions.items())),
        "note": entity.note or "",
        "same_as": list(entity.same_as),
        "sources": [citation_text(model, c) for c in entity.citations],
        "where": f"{entity.pos.file}:{entity.pos.line}",
        "statements": [
            {"property": _property_label(vocab, predicate, lang), "predicate": predicate,
             "values": [item.__dict__ for item in items]}
            for predicate, items in sorted(groups.items(), key=lambda kv: (_property_label(vocab, kv[0], lang), kv[0]))
        ],
        "referred_to_by": incoming,
        "cited_by": {"statements": len(citing), "entities": len({subject for subject, _ in citing})},
    }


def profile_text(profile: dict) -> str:
    """The profile for a terminal: a heading, the names, then one block per property; data is made printable."""
    p = printable
    labels = profile["labels"]
    label = labels.get(profile.get("lang", "en")) or labels.get("en") or next(iter(labels.values()), profile["id"])
    out = [f"{p(label)}  [{profile['id']}, {profile['type']}]"]
    for lang, text in profile["labels"].items():
        if text != label:
            out.append(f"  label ({lang}): {p(text)}")
    aliases = [p(a) + (f" ({lang})" if lang else "") for lang, names in profile["aliases"].items() for a in names]
    if aliases:
        out.append(f"  also known as: {'; '.join(aliases)}")
    for lang, text in profile["descriptions"].items():
        out.append(f"  {lang}: {p(text)}")
    if profile["note"]:
        out.append(f"  note: {p(profile['note'])}")
    for iri in profile["same_as"]:
        out.append(f"  same as: {p(iri)}")
    if "toll" in profile:
        out.append(f"  death toll: {p(profile['toll']['text'])}")
    if "figure" in profile:
        out.append(f"  figure: {p(profile['figure']['text'])}")
    out.append(f"  IRI: {profile['iri']}   (written at {p(profile['where'])})")
    cited = profile["cited_by"]
    if cited["statements"]:
        out.append(f"  cited by {cited['statements']} statement{'s' if cited['statements'] != 1 else ''} about "
                   f"{cited['entities']} entit{'ies' if cited['entities'] != 1 else 'y'}")
    if profile["sources"]:
        out.append("  sources:")
        out += [f"    - {p(c)}" for c in profile["sources"]]
    for group in profile["statements"]:
        out.append("")
        out.append(f"{p(group['property'])}:")
        for item in group["values"]:
            mark = "✗ " if item["error"] else ""
            qualifiers = f"  ({'; '.join(p(q) for q in item['qualifiers'])})" if item["qualifiers"] else ""
            out.append(f"  • {mark}{p(item['value'])}{qualifiers}")
            if item["error"]:
                out.append(f"      SOURCE ERROR: {p(item['error'])}")
                if item["correction"]:
                    out.append(f"      correction: {p(item['correction'])}")
            for other in item["differs"]:
                out.append(f"      ≠ sources differ: {p(other)}")
            if item["note"]:
                out.append(f"      note: {p(item['note'])}")
            out += [f"      - {p(c)}" for c in item["citations"]]
    if profile["referred_to_by"]:
        out.append("")
        out.append("Referred to by:")
        by_property: dict[str, list[str]] = defaultdict(list)
        for row in profile["referred_to_by"]:
            by_property[row["property"]].append(f"{row['subject_label']} ({row['subject']})")
        for prop, subjects in by_property.items():
            out.append(f"  {p(prop)}: {p('; '.join(subjects))}")
    return "\n".join(out) + "\n"

