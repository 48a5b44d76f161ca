"""Second pass: what needs the whole graph — references, types of subjects and objects, citations, date order."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from functools import cached_property, lru_cache
from typing import Any

from ..core.model import Citation, Entity, Model, Statement
from ..core.problems import CloseWords, Pos, Problems, did_you_mean
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary


def with_article(noun: str) -> str:
    """The noun with its indefinite article: `a Person`, `an Organization`."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


DATE_PAIRS = (("start", "end"), ("earliest", "latest"))
ENTITY_DATE_PAIRS = (("startDate", "endDate"), ("founded", "dissolved"))
# Properties that place an entity inside another: a chain of them must end, never come back to where it started.
HIERARCHY_PROPERTIES = ("locatedIn", "subOrganizationOf")


class Suggestions:
    """Did-you-mean for unknown ids, computed once per distinct misspelling (each costs a pass over every id)."""

    def __init__(self, ids: Mapping[str, Any], vocab: Vocabulary):
        self.ids = ids
        self.vocab = vocab
        self.entity = lru_cache(maxsize=None)(lambda word: self._close_ids.did_you_mean(word))
        self.source = lru_cache(maxsize=None)(lambda word: self._close_sources.did_you_mean(word))

    @cached_property
    def _close_ids(self) -> CloseWords:
        return CloseWords(self.ids)

    @cached_property
    def _close_sources(self) -> CloseWords:
        return CloseWords(self.sources)

    @property
    def sources(self) -> list[str]:
        if not hasattr(self, "_sources"):
            self._sources = [i for i, e in self.ids.items() if self.vocab.is_a(e.type, "Source")]
        return self._sources


def check_model(model: Model, vocab: Vocabulary, problems: Problems) -> None:
    """Report every cross-reference and consistency problem in the model."""
    ids = model.entities
    check_entities(ids.values(), ids, vocab, problems, Suggestions(ids, vocab))
    for predicate in HIERARCHY_PROPERTIES:
        check_hierarchy(model, predicate, problems)


def check_entities(entities: Iterable[Entity], ids: Mapping[str, Any], vocab: Vocabulary, problems: Problems,
                   suggest: Suggestions | None = None) -> None:
    """Report the problems of these entities that need the rest of the graph only through `ids` (id → the entity, or
    anything with its `id`, `type` and `sections`): references, types, citations, dates, repeated statements. (The
    build checks a file's entities against an index of the whole graph this way.)"""
    suggest = suggest or Suggestions(ids, vocab)
    for entity in entities:
        seen: dict[tuple, Statement] = {}
        for citation in entity.citations:
            check_citation(citation, ids, vocab, problems, suggest)
        if "es" not in entity.labels and entity.labels:
            problems.warning(entity.pos, "missing-spanish", f"`{entity.id}` has no Spanish (`es`) label")
        if "en" not in entity.descriptions and not vocab.is_a(entity.type, "Source"):
            problems.warning(entity.pos, "missing-description", f"`{entity.id}` has no English description")
        for statement in entity.statements:
            check_statement(statement, entity, ids, vocab, problems, suggest)
            if statement.correction is not None:
                check_statement(statement.correction, entity, ids, vocab, problems, suggest)
            key = (statement.predicate, statement.value, tuple(sorted(statement.qualifiers.items())), statement.error)
            if key in seen:
                problems.error(
                    statement.pos,
                    "duplicate-statement",
                    f"the same statement is at {seen[key].pos}; give that one both citations",
                )
            else:
                seen[key] = statement
        check_entity_dates(entity, problems)


def references(entities: Iterable[Entity]) -> set[str]:
    """Every id these entities' checks look up: objects and qualifiers that name entities, and cited sources."""
    found: set[str] = set()
    for entity in entities:
        found.update(c.source for c in entity.citations)
        for statement in entity.statements:
            for st in (statement, statement.correction):
                if st is None:
                    continue
                if st.value.kind == "entity":
                    found.add(st.value.text)
                found.update(q.text for q in st.qualifiers.values() if q.kind == "entity")
                found.update(c.source for c in st.citations)
    return found


def hierarchy_edges(entities: Iterable[Entity], predicate: str) -> dict[str, list[Statement]]:
    """Each entity's statements of `predicate` that name another entity (its parents), in the entities' order."""
    parents: dict[str, list[Statement]] = {}
    for entity in entities:
        for st in entity.statements:
            if st.predicate == predicate and st.value.kind == "entity" and st.value.text != entity.id:
                parents.setdefault(entity.id, []).append(st)
    return parents


def check_hierarchy(model: Model, predicate: str, problems: Problems) -> None:
    """Report each cycle of `predicate` in the model (see check_hierarchy_edges)."""
    parents = {entity_id: [(st.value.text, st.pos) for st in statements]
               for entity_id, statements in hierarchy_edges(model.entities.values(), predicate).items()}
    check_hierarchy_edges(parents, model.entities, predicate, problems)


def check_hierarchy_edges(parents: Mapping[str, list[tuple[str, Pos]]], known: Container[str], predicate: str,
                          problems: Problems) -> None:
    """Report each cycle of `predicate` (a `locatedIn` b `locatedIn` a) once, at the statement that closes it.

    Linear: each entity is walked once along its parents (colour marking); self-parents are reported by the
    self-reference check of each statement.
    """
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    for start in sorted(parents):
        if state.get(start):
            continue
        path: list[str] = [start]
        iters = [iter(parents.get(start, []))]
        state[start] = 1
        while iters:
            edge = next(iters[-1], None)
            if edge is None:
                state[path.pop()] = 2
                iters.pop()
                continue
            target, pos = edge
            if state.get(target) == 1:
                cycle = path[path.index(target) :] + [target]
                problems.error(
                    pos,
                    "hierarchy-cycle",
                    f"`{predicate}` goes round in a circle: {' → '.join(cycle)}",
                )
            elif not state.get(target) and target in known:
                state[target] = 1
                path.append(target)
                iters.append(iter(parents.get(target, [])))


def check_statement(
    st: Statement,
    subject: Entity,
    ids: Mapping[str, Any],
    vocab: Vocabulary,
    problems: Problems,
    suggest: Suggestions | None = None,
) -> None:
    suggest = suggest or Suggestions(ids, vocab)
    prop = vocab.properties[st.predicate]
    if prop.domain and subject.type and not vocab.is_a(subject.type, prop.domain):
        problems.error(
            st.pos,
            "wrong-domain",
            f"`{st.predicate}` applies to {with_article(prop.domain)}, but `{subject.id}` is {with_article(subject.type)}",
        )
    if st.value.kind == "entity":
        target = ids.get(st.value.text)
        if target is None:
            problems.error(
                st.pos,
                "unknown-id",
                f"`{st.predicate}` refers to `{st.value.text}`, which is not defined{suggest.entity(st.value.text)}",
            )
        elif target is subject or target.id == subject.id:
            problems.error(
                st.pos, "self-reference", f"`{subject.id}` `{st.predicate}` itself: the object must be another entity"
            )
        elif prop.range and target.type and not vocab.is_a(target.type, prop.range):
            problems.error(
                st.pos,
                "wrong-range",
                f"`{st.predicate}` expects {with_article(prop.range)}, but `{target.id}` is {with_article(target.type)}",
            )
    for name, qualifier in st.qualifiers.items():  # about, claimant, reportedFrom name entities too
        if qualifier.kind != "entity":
            continue
        target = ids.get(qualifier.text)
        expected = vocab.properties[name].range
        if target is None:
            problems.error(st.pos, "unknown-id", f"`{name}` refers to `{qualifier.text}`, which is not defined"
                           f"{suggest.entity(qualifier.text)}")  # fmt: skip
        elif expected and target.type and not vocab.is_a(target.type, expected):
            problems.error(st.pos, "wrong-range",
                           f"`{name}` expects {with_article(expected)}, but `{target.id}` is {with_article(target.type)}")  # fmt: skip
    for citation in st.citations:
        check_citation(citation, ids, vocab, problems, suggest)
    for first, last in DATE_PAIRS:
        if first in st.qualifiers and last in st.qualifiers:
            a, b = date_bounds(st.qualifiers[first]), date_bounds(st.qualifiers[last])
            if b.latest < a.earliest:
                problems.error(
                    st.pos,
                    "date-order",
                    f"`{last}` {st.qualifiers[last].text} is before `{first}` {st.qualifiers[first].text}",
                )


def check_entity_dates(entity: Entity, problems: Problems) -> None:
    by_predicate: dict[str, list[Statement]] = {}
    for st in entity.statements:
        by_predicate.setdefault(st.predicate, []).append(st)
    for first, last in ENTITY_DATE_PAIRS:
        for a in by_predicate.get(first, []):
            for b in by_predicate.get(last, []):
                if date_bounds(b.value).latest < date_bounds(a.value).earliest:
                    problems.error(
                        b.pos,
                        "date-order",
                        f"`{last}` {b.value.text} is before `{first}` {a.value.text} (line {a.pos.line})",
                    )


def check_citation(
    citation: Citation,
    ids: Mapping[str, Any],
    vocab: Vocabulary,
    problems: Problems,
    suggest: Suggestions | None = None,
) -> None:
    source = ids.get(citation.source)
    if source is None:
        suggest = suggest or Suggestions(ids, vocab)
        problems.error(
            citation.pos,
            "unknown-source",
            f"citation names `{citation.source}`, which is not a defined source{suggest.source(citation.source)}",
        )
        return
    if source.type and not vocab.is_a(source.type, "Source"):
        problems.error(
            citation.pos, "not-a-source", f"citation names `{source.id}`, {with_article(source.type)}, not a source"
        )
        return
    if not source.sections:
        if citation.section is not None:
            problems.error(
                citation.pos, "unknown-section", f"source `{source.id}` declares no sections; cite it by id alone"
            )
        return
    if citation.section is None or citation.paragraph is None:
        problems.error(
            citation.pos,
            "missing-locator",
            f"source `{source.id}` has sections: cite a section and paragraph, e.g. `{source.id} §{next(iter(source.sections))} ¶1`",
        )
        return
    section = source.sections.get(citation.section)
    if section is None:
        problems.error(
            citation.pos,
            "unknown-section",
            f"source `{source.id}` has no section `{citation.section}`{did_you_mean(citation.section, source.sections)}",
        )
    elif citation.paragraph > section.paragraphs:
        problems.error(
            citation.pos,
            "bad-paragraph",
            f"section `{citation.section}` of `{source.id}` has {section.paragraphs} paragraph(s), not {citation.paragraph}",
        )
