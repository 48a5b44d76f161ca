"""What the published record said on a given day: the graph as known on DATE (`--as-of`).

This is *when it was published*, not *when it happened* (the explorer's period filter): a 2021 article about a 2014
massacre is left out as known on 2019-12-31, and a 2019 article's projection for 2020 is kept.

The rule, computed once for the whole graph as the first day each statement and entity was known
(`known_since`), so a view as of any day is one comparison per item (`as_of`; the explorer's "as known on" control
compares the same dates):

- A source is public from the last day its publication date allows: `published: 2019-11-04` from that day; a year
  or month, or `earliest`/`latest` bounds, from the last possible day (Shirk's commentary, "2019" no earlier than
  4 November and no later than 31 December, from 2019-12-31).
- A statement cited by a source is known from the earliest day one of its sources was public; it keeps only the
  citations of sources public by then (and the curators'). A source's error is known when the source was, and the
  curators' correction with it.
- Curator knowledge has no publication date, nor has a reference work the graph gives none (the GeoNames gazetteer):
  the graph never guesses one. Such a source never makes anything known by itself: a statement resting on undated
  sources alone is kept as *context* of what the dated sources had named — from the day its subject was known (by a source, or
  through another context statement, such as a municipality's state) and not before the time it describes began
  (its `start`, `at` or `earliest`, or a date it states). Such statements are counted apart on screen.
- An entity is known from the first day a known statement names it (as subject, value, qualifier or cited source),
  or a public source cites it directly.
"""

from __future__ import annotations

import calendar
import heapq
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..core.errors import UserError
from ..core.model import Citation, Entity, Model, Statement
from ..core.problems import Problems
from ..load.values import date_bounds
from ..load.vocabulary import Vocabulary

if TYPE_CHECKING:
    from ..pipeline import BuildResult

ALWAYS = ""  # sorts before every date: known from the start (the curators' own source entity)
TIME_QUALIFIERS = ("start", "at", "earliest")
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class BadDate(UserError):
    """An --as-of value that is not a date."""


def parse_day(text: str) -> str:
    """The day `--as-of` names: YYYY-MM-DD; a month or a year means its last day (as known at the end of it)."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise BadDate(f"--as-of `{text}` is not a date: write YYYY-MM-DD (or YYYY-MM, YYYY for the end of it)")
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if month is None:
            return f"{year:04d}-12-31"
        if day is None:
            return f"{year:04d}-{int(month):02d}-{calendar.monthrange(year, int(month))[1]:02d}"
        import datetime

        return datetime.date(year, int(month), int(day)).isoformat()
    except (ValueError, calendar.IllegalMonthError):
        raise BadDate(f"--as-of `{text}` is not a real date") from None


def publication_days(model: Model, vocab: Vocabulary) -> dict[str, str | None]:
    """Each source → the day from which it was certainly public; ALWAYS for one with no date (the curators'
    knowledge, an undated reference work): it has no day, and what rests on it alone is context."""
    days: dict[str, str | None] = {}
    for entity in model.entities.values():
        if not vocab.is_a(entity.type, "Source"):
            continue
        if vocab.is_a(entity.type, "CuratorKnowledge"):
            days[entity.id] = ALWAYS
            continue
        found = []
        for st in entity.statements:
            if st.predicate != "published" or st.error or st.value.kind != "literal":
                continue
            latest = st.qualifiers.get("latest")
            found.append(date_bounds(latest if latest is not None else st.value).latest)
        days[entity.id] = min(found) if found else ALWAYS
    return days


def _time_start(st: Statement, vocab: Vocabulary) -> str:
    """The first day the time a statement describes can have begun ("" when it states none)."""
    days = [date_bounds(st.qualifiers[q]).earliest for q in TIME_QUALIFIERS if q in st.qualifiers]
    prop = vocab.properties.get(st.predicate)
    if prop is not None and prop.kind == "temporal" and st.value.kind == "literal":
        days.append(date_bounds(st.value).earliest)
    return min(days) if days else ""


def _named(st: Statement) -> set[str]:
    """The entities a statement names besides its subject and sources: its value and entity-valued qualifiers."""
    found = set()
    if st.value.kind == "entity":
        found.add(st.value.text)
    found.update(v.text for v in st.qualifiers.values() if v.kind == "entity")
    return found


@dataclass
class KnownSince:
    """The first day each statement and entity was known (None: never, on the rule above), and which statements
    are curator context. Statements are keyed by object identity within the model they were computed on."""

    sources: dict[str, str | None]
    entities: dict[str, str] = field(default_factory=dict)
    statements: dict[int, str] = field(default_factory=dict)
    context: set[int] = field(default_factory=set)

    def citation_day(self, citation: Citation) -> str | None:
        return self.sources.get(citation.source)

    def statement_day(self, st: Statement) -> str | None:
        return self.statements.get(id(st))

    def entity_day(self, entity_id: str) -> str | None:
        return self.entities.get(entity_id)


def known_since(model: Model, vocab: Vocabulary) -> KnownSince:
    """When each statement and entity of the model became known, by the rule of this module."""
    known = KnownSince(publication_days(model, vocab))
    days = known.sources
    best: dict[str, str] = {}
    heap: list[tuple[str, str]] = []

    def reach(entity_id: str, day: str) -> None:
        if entity_id in model.entities and (entity_id not in best or day < best[entity_id]):
            best[entity_id] = day
            heapq.heappush(heap, (day, entity_id))

    def reach_named(st: Statement, day: str) -> None:
        """What a statement known from `day` names becomes known then; each cited source once it is public."""
        for other in _named(st):
            reach(other, day)
        for c in st.citations:
            public = days.get(c.source)
            if public is not None:
                reach(c.source, max(day, public))

    def dated(st: Statement) -> str | None:
        found = [d for c in st.citations if (d := days.get(c.source)) is not None and d != ALWAYS]
        return min(found) if found else None

    context_by_subject: dict[str, list[tuple[Statement, str]]] = defaultdict(list)
    corrections: list[tuple[Statement, Statement]] = []
    for entity in model.entities.values():
        for c in entity.citations:
            day = days.get(c.source)
            if day is not None and day != ALWAYS:
                reach(entity.id, day)
                reach(c.source, day)
        for st in entity.statements:
            day = dated(st)
            if day is not None:
                known.statements[id(st)] = day
                reach(st.subject, day)
                reach_named(st, day)
            elif any(days.get(c.source) == ALWAYS for c in st.citations) and not st.error:
                context_by_subject[st.subject].append((st, _time_start(st, vocab)))
            if st.error and st.correction is not None:
                corrections.append((st, st.correction))
    for error, correction in corrections:  # the curators' correction is known with the error it corrects
        day = known.statements.get(id(error))
        if day is None:
            continue
        own = dated(correction)
        since = max(day, own) if own is not None else day
        known.statements[id(correction)] = since
        reach_named(correction, since)
    done: set[str] = set()
    while heap:
        day, entity_id = heapq.heappop(heap)
        if entity_id in done or best.get(entity_id) != day:
            continue
        done.add(entity_id)
        for st, begins in context_by_subject.get(entity_id, ()):
            since = max(day, begins)
            previous = known.statements.get(id(st))
            if previous is None or since < previous:
                known.statements[id(st)] = since
                known.context.add(id(st))
            reach_named(st, since)
    known.entities = best
    return known


@dataclass(frozen=True)
class AsOfSummary:
    """What a view as of a day kept, for the line every verb prints."""

    day: str
    statements: int
    statements_total: int
    context: int
    entities: int
    entities_total: int
    known: KnownSince | None = field(default=None, compare=False, repr=False)

    def text(self) -> str:
        return (f"as known on {self.day} (what sources published by then; not when things happened): "
                f"{self.statements} of {self.statements_total} statements ({self.context} of them curator "
                f"knowledge or undated sources kept as context of what the sources had named), {self.entities} of "
                f"{self.entities_total} entities")


def as_of(model: Model, vocab: Vocabulary, day: str, known: KnownSince | None = None) -> tuple[Model, AsOfSummary]:
    """The model as known on `day` (YYYY-MM-DD): statements, citations and entities known by then, by the rule of
    this module; the model itself is not changed."""
    known = known or known_since(model, vocab)

    def public(c: Citation) -> bool:
        d = known.citation_day(c)
        return d is not None and d <= day

    def kept(st: Statement) -> Statement | None:
        since = known.statement_day(st)
        if since is None or since > day:
            return None
        correction = kept(st.correction) if st.correction is not None else None
        return replace(st, citations=[c for c in st.citations if public(c)], correction=correction)

    entities: dict[str, Entity] = {}
    count = context = total = 0
    for entity in model.entities.values():
        total += sum(1 + (st.correction is not None) for st in entity.statements)
        since = known.entity_day(entity.id)
        if since is None or since > day:
            continue
        statements = []
        for st in entity.statements:
            shown = kept(st)
            if shown is not None:
                statements.append(shown)
                count += 1 + (shown.correction is not None)
                context += id(st) in known.context
        entities[entity.id] = replace(entity, citations=[c for c in entity.citations if public(c)],
                                      statements=statements)
    cited = {c.source for e in entities.values() for st in e.statements for c in st.citations}
    for source in sorted(cited - set(entities)):  # the curators' entity, once anything kept cites it
        entities[source] = replace(model.entities[source], statements=[], citations=[])
    summary = AsOfSummary(day, count, total, context, len(entities), len(model.entities), known)
    return Model(entities), summary


class NotKnownYet(UserError):
    """An entity asked for by name that the record did not know on the day asked."""


def require_known(summary: AsOfSummary, entity_id: str, label: str) -> None:
    """Raise NotKnownYet, saying from when it is known, if the entity was not in the record on the summary's day."""
    since = summary.known.entity_day(entity_id) if summary.known is not None else None
    if since is not None and since <= summary.day:
        return
    when = f"the first source naming it was public on {since}" if since else "no dated source names it"
    raise NotKnownYet(f"{label} ({entity_id}) is not in the record as known on {summary.day}: {when}")


def known_days(model: Model, vocab: Vocabulary) -> dict:
    """The same dates as data for a page that filters by itself (the explorer's "as known on" control): each
    statement's first known day by its IRI, each entity's by its id, the statements kept only as curator context, and
    each source's day of publication. A page then keeps what has a day on or before the one chosen, nothing else."""
    from ..core.terms import statement_iri

    known = known_since(model, vocab)
    statements: dict[str, str] = {}
    context: list[str] = []
    for entity in model.entities.values():
        for st in entity.statements:
            for item, assessment in ((st, None), (st.correction, "correction")) if st.error else ((st, None),):
                if item is None:
                    continue
                day = known.statement_day(item)
                if day is not None:
                    iri = statement_iri(item, assessment)
                    statements[iri] = day
                    if id(item) in known.context:
                        context.append(iri)
    return {
        "statements": dict(sorted(statements.items())),
        "entities": dict(sorted(known.entities.items())),
        "context": sorted(context),
        "sources": {s: d for s, d in sorted(known.sources.items()) if d is not None},
    }


def as_of_build(result: BuildResult, day: str) -> tuple[BuildResult, AsOfSummary]:
    """The checked build as known on `day`: the filtered model compiled on its own (in memory, no cache), with the
    build's warnings."""
    from ..compile.compiler import compile_model, ontology_ntriples
    from ..pipeline import BuildResult

    model, summary = as_of(result.model, result.vocab, day)
    compiled = compile_model(model, result.vocab, ontology_ntriples(result.vocab))
    view = BuildResult(result.vocab, model, Problems(list(result.problems.items)), compiled)
    return view, summary
