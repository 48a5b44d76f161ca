"""The entity pages (entities.js draws them): every entity drawn, with its names, type, description, note, dates and
every statement with its qualifiers, citations (source and passage), disagreements and source errors; the sources
cited, the names of entities that are referenced but not drawn, and the vocabulary's labels and type styles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from ..core.evidence import statement_evidence
from ..core.model import Citation, Entity, Model, Statement, Value
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary
from ..outputs.class_styles import type_styles
from ..outputs.entity_statements import PlaceContainment, differing_values
from ..outputs.projection import top_class
from .common import labels

# Properties whose values date an event or an observation: the date filter keeps such nodes only inside the period.
NODE_DATE_PROPERTIES = ("date", "startDate", "endDate", "period")
DATED_CLASSES = ("Event", "Observation")
OPEN_START, OPEN_END = "0000-01-01", "9999-12-31"


# ---------------------------------------------------------------- dates, for the period filter


def _interval(starts: Iterable[str], ends: Iterable[str], points: Iterable[str]) -> list[str] | None:
    """The period a set of dates spans: [first day, last day]; open-ended when only a start or an end is known."""
    starts, ends, points = list(starts), list(ends), list(points)
    if not (starts or ends or points):
        return None
    lows = [date_bounds(t)[0] for t in starts + points]
    highs = [date_bounds(t)[1] for t in ends + points]
    return [min(lows) if lows else OPEN_START, max(highs) if highs else OPEN_END]


def node_interval(entity: Entity, vocab: Vocabulary) -> list[str] | None:
    """The period a dated entity (an event, an observation) covers; None for entities that are not dated."""
    if not any(vocab.is_a(entity.type, c) for c in DATED_CLASSES):
        return None
    starts, ends, points = [], [], []
    for st in entity.statements:
        if st.error or st.predicate not in NODE_DATE_PROPERTIES or st.value.kind != "literal":
            continue
        bounds = [st.qualifiers[name].text for name in ("earliest", "latest") if name in st.qualifiers]
        if bounds:  # an uncertain date: it lies between its bounds, not anywhere in the value's year
            points.extend(bounds)
            continue
        {"startDate": starts, "endDate": ends}.get(st.predicate, points).append(st.value.text)
    return _interval(starts, ends, points)


def statement_interval(st: Statement) -> list[str] | None:
    """The period a statement holds over, from its start/end/at/earliest/latest qualifiers."""
    q = {name: v.text for name, v in st.qualifiers.items() if v.kind == "literal"}
    starts = [q[n] for n in ("start", "earliest") if n in q]
    ends = [q[n] for n in ("end", "latest") if n in q]
    points = [q["at"]] if "at" in q else []
    return _interval(starts, ends, points)


# ---------------------------------------------------------------- statements and their sources


def _value(value: Value) -> dict:
    if value.kind == "entity":
        return {"e": value.text}
    if value.kind == "concept":
        return {"c": value.text.rsplit("/", 1)[-1]}
    record = {"t": value.text}
    if value.datatype and not value.datatype.endswith("#string"):  # its local name (integer, decimal, date, gYearMonth, gYear…): how the page formats it
        record["dt"] = value.datatype.rsplit("#", 1)[-1]
    if value.lang:
        record["lang"] = value.lang
    return record


def _citations(citations: Iterable[Citation], model: Model) -> list[list]:
    """Each citation as [source id, locator]: the locator is the section heading and paragraph, where given."""
    out = []
    for c in citations:
        source = model.entities.get(c.source)
        section = source.sections.get(c.section) if source is not None and c.section else None
        locator = []
        if section is not None:
            locator.append(f"§ {section.heading}")
        elif c.section:
            locator.append(f"§ {c.section}")
        if c.paragraph is not None:
            locator.append(f"¶ {c.paragraph}")
        out.append([c.source, ", ".join(locator)])
    return out


def statement_record(st: Statement, model: Model, kind: str = "") -> dict:
    """A statement as the page reads it: property, value, citations, qualifiers, and its error and correction."""
    record: dict = {"p": st.predicate, "v": _value(st.value), "cites": _citations(st.citations, model)}
    # Why we believe it, counted honestly (kg.core.evidence): independent voices by publisher, curator knowledge apart.
    evidence = statement_evidence(st, model)
    if st.citations and not st.error and kind != "correction":
        record["ind"] = evidence.independent
        if evidence.curator:
            record["cur"] = 1
    if st.qualifiers:
        record["q"] = {name: _value(v) for name, v in sorted(st.qualifiers.items())}
    if kind:
        record["kind"] = kind
    if st.error:
        record["kind"] = "error"
        record["error"] = st.error
        if st.correction is not None:
            correction = statement_record(st.correction, model, "correction")
            if correction.get("note") == st.error:  # the reader copies the explanation onto the correction
                del correction["note"]
            record["correction"] = correction
    if st.note:
        record["note"] = st.note
    return record


def cited_sources(records: Iterable[dict]) -> set[str]:
    """The sources cited by statement records, their corrections included."""
    found: set[str] = set()
    for record in records:
        found.update(source for source, _ in record["cites"])
        if "correction" in record:
            found |= cited_sources([record["correction"]])
    return found


def disagreements(entity: Entity, vocab: Vocabulary,
                  places: PlaceContainment | None = None) -> dict[int, tuple[list[str], bool]]:
    """For each statement that another of the same measure contradicts (the rule of `kg query disagreements`,
    kg.outputs.entity_statements.differing_values): its index, the other values given, and whether one source gives
    them all (a source that states two values that cannot both hold)."""
    out: dict[int, tuple[list[str], bool]] = {}
    statements = entity.statements
    for index, others in differing_values(entity, vocab, places).items():
        sources = {c.source for c in statements[index].citations}
        same = all({c.source for c in statements[i].citations} == sources for i in others)
        out[index] = (sorted({statements[i].value.text for i in others}), same)
    return out


def source_info(model: Model, source: Entity) -> dict:
    """What a reader needs to find a source: title, authors, publisher, date, its kind, and its address and an
    archived copy's where the graph records them."""
    info: dict = {"labels": labels(source.labels, source.id), "type": source.type}
    authors, publishers = [], []
    for st in source.statements:
        if st.error:
            continue
        text = st.value.text
        if st.predicate == "title":
            info["title"] = text
        elif st.predicate == "published":
            info["date"] = text
        elif st.predicate in ("author", "authorName"):
            authors.append(labels(model.entities[text].labels, text)["en"] if st.value.kind == "entity" else text)
        elif st.predicate == "publisher" and st.value.kind == "entity":
            publisher = model.entities.get(text)
            publishers.append(labels(publisher.labels, text)["en"] if publisher is not None else text)
        elif st.predicate in ("url", "archivedAt") and st.predicate not in info:
            info[st.predicate] = text  # http or https only: the loader refuses anything else
    if authors:
        info["authors"] = authors
    if publishers:
        info["publisher"] = "; ".join(publishers)
    return info


# ---------------------------------------------------------------- the pages


def view_data(model: Model, vocab: Vocabulary, graph: nx.MultiDiGraph,
              styles: dict[str, tuple[str, str]] | None = None) -> dict:
    """Everything the page shows besides the drawing: entity details, sources, vocabulary labels, filter data."""
    drawn = set(graph.nodes)
    incoming: dict[str, list[dict]] = defaultdict(list)
    for entity in model.entities.values():
        for st in entity.statements:
            targets = {st.value.text} if st.value.kind == "entity" else set()
            if st.correction is not None and st.correction.value.kind == "entity":
                targets.add(st.correction.value.text)
            for target in targets & drawn:
                if target != entity.id:
                    incoming[target].append({"s": entity.id, **statement_record(st, model)})

    entities: dict[str, dict] = {}
    referenced: set[str] = set()
    places = PlaceContainment(model)
    for node_id in sorted(drawn):
        entity = model.entities[node_id]
        statements = [statement_record(st, model) for st in entity.statements]
        for index, (others, same_source) in disagreements(entity, vocab, places).items():
            statements[index]["dis"] = others
            if same_source:
                statements[index]["dis1"] = 1
        details: dict = {
            "type": entity.type,
            "labels": labels(entity.labels, entity.id),
            "cites": _citations(entity.citations, model),
            "statements": statements,
            # Statements of drawn entities that point here are found by the page from their subjects' own lists
            # (half the file on large graphs); only those of undrawn subjects (sources) are listed here.
            "incoming": [r for r in incoming.get(node_id, []) if r["s"] not in drawn],
        }
        aliases = sorted({a for names in entity.aliases.values() for a in names})
        if aliases:
            details["aliases"] = aliases
        descriptions = {lang: text for lang, text in entity.descriptions.items() if text}
        if descriptions:
            details["descriptions"] = descriptions
        if entity.note:
            details["note"] = entity.note
        interval = node_interval(entity, vocab)
        if interval:
            details["dates"] = interval
        # The source filter keeps an entity that one of the source's passages describes (its own citations and its
        # attributes); relations between entities are filtered edge by edge.
        own = [{"cites": details["cites"]}] + [s for s in statements if s["v"].get("e") not in drawn]
        details["sources"] = sorted(cited_sources(own))
        entities[node_id] = details
        for record in statements + incoming.get(node_id, []):
            for candidate in (record["v"], record.get("correction", {}).get("v", {})):
                if "e" in candidate:
                    referenced.add(candidate["e"])
            referenced.add(record.get("s", node_id))

    cited = set()
    for node_id, details in entities.items():
        cited |= cited_sources([{"cites": details["cites"]}] + details["statements"] + incoming.get(node_id, []))
    sources = {
        sid: source_info(model, model.entities[sid])
        for sid in sorted(cited) if sid in model.entities
    }
    names = {
        eid: {"labels": labels(model.entities[eid].labels, eid), "type": model.entities[eid].type}
        for eid in sorted(referenced - drawn) if eid in model.entities
    }
    used_types = {d["type"] for d in entities.values()} | {n["type"] for n in names.values()}
    used_types |= {s["type"] for s in sources.values()}
    types = {}
    styles = dict(styles or {})
    styles.update(type_styles(vocab, used_types - set(styles)) if used_types - set(styles) else {})
    for name in sorted(used_types):
        color, shape = styles[name]
        types[name] = {
            "labels": labels(vocab.classes[name].labels, name), "color": color, "shape": shape,
            "group": top_class(vocab, name),
        }
    groups = {g: labels(vocab.classes[g].labels, g) for g in sorted({t["group"] for t in types.values()})
              if g in vocab.classes}
    return {
        "entities": entities,
        "names": names,
        "sources": sources,
        "types": types,
        "groups": groups,
        "properties": {name: labels(p.labels, name) for name, p in sorted(vocab.properties.items())},
        "concepts": {name: labels(c.labels, name) for name, c in sorted(vocab.concepts.items())},
        "temporal": sorted(name for name, p in vocab.properties.items() if p.kind == "temporal" and not p.qualifier),
    }
