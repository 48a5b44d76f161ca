"""One entity as a reader wants it: its names, type and description, then every statement about it grouped by
property, each value with its qualifiers and its sources (title, section, paragraph), a source's error and the
curators' correction side by side, and values that differ between sources marked. `kg show` prints it.
"""

from __future__ import annotations

from collections import defaultdict

from ..core.display import escape_controls
from ..core.evidence import statement_evidence
from ..core.figures import event_toll, observation_figure
from ..core.model import Model
from ..core.namespaces import MX
from ..load.vocabulary import Vocabulary
from ..outputs.entity_statements import ShownValue, entity_label, property_groups, property_label
from ..outputs.projection import citation_text


def printable(text: str) -> str:
    """The text on one line, with every character that could move the cursor, change colours or reorder the line
    shown as an escape (`\\x1b`, `\\u202e`), so data can never drive the reader's terminal."""
    return escape_controls(text.replace("\r\n", " ").replace("\n", " "))


def _shown(model: Model, item: ShownValue, lang: str) -> dict:
    """One value as `kg show --format json` gives it: texts only."""
    statement = item.statement
    return {
        "value": item.text,
        "qualifiers": [f"{q.label}: {q.text}" for q in item.qualifiers],
        "citations": [citation_text(model, c) for c in statement.citations],
        "note": statement.note or "",
        "error": item.error,
        "correction": item.correction.text if item.correction is not None else "",
        "differs": [{"value": d.text, "sources": [entity_label(model.entities.get(s), s, lang) for s in d.sources],
                     "same_source": d.same_source} for d in item.differs],
        "figure": item.figure.record() if item.figure is not None else None,
        "evidence": statement_evidence(statement, model).record(),
    }


def entity_profile(model: Model, vocab: Vocabulary, entity_id: str, lang: str = "en") -> dict:
    """Everything the graph says about one entity, as plain data: names, type, descriptions, sources, statements
    grouped by property (in the vocabulary's label order), and the statements of other entities that point to it."""
    entity = model.entities[entity_id]
    incoming: list[dict] = []
    for other in model.entities.values():
        for statement in other.statements:
            if statement.value.kind == "entity" and statement.value.text == entity_id and not statement.error:
                incoming.append({"subject": other.id, "subject_label": entity_label(other, other.id, lang),
                                 "property": property_label(vocab, statement.predicate, lang),
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
            {"property": group.label, "predicate": group.predicate,
             "values": [_shown(model, item, lang) for item in group.values]}
            for group in property_groups(model, vocab, entity, lang)
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
                what = "the same source also gives" if other["same_source"] else "sources differ"
                out.append(f"      ≠ {what}: {p(other['value'])} according to {p(', '.join(other['sources']))}")
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

