"""Citations checked against the texts they cite: the cited paragraph exists in the article's text and supports the
statement. For each citation of an article whose text is available, "supports" means:

- **the subject is named**: by one of its names (labels, aliases, acronym, official name, name in a source, demonym;
  accents, case and punctuation ignored, English or Spanish) written out, or, for a name of several words, by enough
  of its words near each other, each weighed by how rare it is in the texts and at least one of them outside another
  entity's full name ("Gobierno de México" does not name the Gobierno de la Ciudad de México); an event also by its
  date at its precision ("on October 17", "in November 2019"), an observation by its value and period, an article by
  being the one cited. Failing that, by the section's heading, or by an earlier paragraph of the section when this
  one refers back with a pronoun or stands under a name line. A claim may be recognised by what it is about or who
  holds it instead;
- **the object is named too** (an entity-valued statement), in a sentence that is not about another entity of the
  subject's kind; a country, a nationality or a containing place only when written with the subject's name
  ("Mexico's National Security Law", "Culiacán, Sinaloa"); the source's author only as such (a signature names its
  author for `author` alone; a byline cited beside another paragraph vouches for the author of what it names). A
  claim, provision or title in the curators' words must hold half of its words there; a claim held by someone other
  than the article's author must name them; any other text must be written there;
- **every number and date is stated** in one of the statement's cited paragraphs: its value, `quantity`, `at`,
  `start`, `end` and `baseline`. A number in its context: a percentage as a percentage and nothing else as one;
  beside a word of its unit or group when it has one ("14 civilians", "28 grams"); not in a sentence about another
  entity of the same kind only ("17.5 %" of another program), nor as the day of a date ("October 14"); an
  observation's value near its period or its indicator's name, and not where the sentence gives it to another
  observation of the same indicator.

An entity's own `cite` must name the entity; each top-level attribute it covers must have its object named (or its
text written) in one of the entity's cited paragraphs, under the same rules. Where a statement also cites curator
knowledge, the curators vouch for dates the text leaves out (a term's first day); they do not supply objects or
figures.

A citation that fails is a warning at the statement, naming what was looked for. Citations listed in
`graph/citation-allowlist.yaml` (reviewed, with a reason each; an entry may name the object or the number it allows)
are supported by sense rather than words and are counted apart. The report says how many citations could be checked
(their source's text is available), how many were supported, allow-listed and flagged. `kg.check.mutations` measures
how often the check notices a statement made wrong on purpose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from pathlib import Path

from ..core.model import Citation, Entity, Model, Section, Statement, Value
from ..core.names import entity_names
from ..core.names import fold as _fold
from ..core.problems import Problem, Problems
from ..load.vocabulary import Vocabulary
from ..text.article import Article, is_heading_like, sentence_spans
from ..text.article import Section as TextSection
from ..text.quantities import names_date, number_mentions, states_date, states_number, states_percentage
from .source_texts import Allowed, load_texts, read_allowlist, read_text_refs

XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = (XSD + "date", XSD + "gYearMonth", XSD + "gYear")
NUMBER_TYPES = tuple(XSD + t for t in ("decimal", "integer", "nonNegativeInteger", "positiveInteger", "double"))
# The numbers and dates of a statement that its citations must state (earliest/latest are bounds the curators derive).
STATED_QUALIFIERS = ("quantity", "at", "start", "end", "baseline")
ATTRIBUTION_QUALIFIERS = ("about", "claimant", "reportedFrom")
MAX_NAMES_SHOWN = 4
PROSE_PREDICATES = ("claim", "provision", "title")
# Words that refer back to something named earlier: a paragraph holding one may leave its subject to the section.
CONTEXT_WINDOW = 4  # words either side of a number where its unit, group or property must be named
PERIOD_WINDOW = 10  # words either side of an observation's value where its period must be named
UNIT_WORDS = {"mxn": ("pesos", "peso", "mxn"), "usd": ("dollars", "dollar", "usd"), "gram": ("grams", "gramos"),
              "plants": ("plant", "plantas")}  # fmt: skip
# Concept-valued properties whose value a text states in words (a purpose, an outcome, a trend, what a law provides);
# event types, roles and offences are the curators' classification and are not looked for.
WORDED_CONCEPTS = ("purpose", "outcome", "trend", "permitsUse", "imposes", "guarantees", "removes")
# Properties whose object a text states only by writing it with the subject's name: a country ("Mexico's FGR", "the
# Mexican Senate"), the place a place lies in ("Culiacán, Sinaloa", "Tepochica in the municipality of Iguala").
ATTACHED_PREDICATES = ("country", "nationality", "locatedIn")
APPOSED_PREDICATES = ("locatedIn",)
LINK_WORDS = frozenset("of in the municipality state town city de del la el en municipio estado ciudad".split())  # "X, Y" says X lies in Y; "García Harbuch, Mexico City's ..." says nothing of him
PRONOUNS = frozenset("he she it its his her him they them their this these those el ella ellos ellas su sus".split())


@dataclass
class CitationReport:
    """What the check found: `total` citations of articles in the graph, `checked` of them against an available
    text, `supported` by the words of the paragraph, `allowed` by the reviewed allow-list, `flagged` warnings; and
    of the numbers and dates whose every citation has a text, how many were checked, allow-listed, and not stated."""

    total: int = 0
    checked: int = 0
    supported: int = 0
    allowed: int = 0
    flagged: int = 0
    values_checked: int = 0
    values_allowed: int = 0
    values_flagged: int = 0
    attributes_checked: int = 0
    attributes_allowed: int = 0
    attributes_flagged: int = 0
    unchecked_sources: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal."""
        share = 100.0 * self.checked / self.total if self.total else 100.0
        allowed = 100.0 * self.allowed / self.checked if self.checked else 0.0
        text = (
            f"citations: {self.checked} of {self.total} citations of articles checked against their texts "
            f"({share:.0f}%): {self.supported} supported by the words, {self.allowed} allow-listed ({allowed:.1f}%), "
            f"{self.flagged} flagged"
        )
        text += (
            f"; numbers and dates: {self.values_checked} checked, {self.values_allowed} allow-listed, "
            f"{self.values_flagged} not stated where cited"
        )
        text += (
            f"; top-level attributes: {self.attributes_checked} checked, {self.attributes_allowed} allow-listed, "
            f"{self.attributes_flagged} not named where cited"
        )
        if self.unchecked_sources:
            text += f"; no text for {', '.join(self.unchecked_sources)}"
        return text


def align_sections(curated: dict[str, Section], article: Article) -> tuple[dict[str, TextSection], list[str]]:
    """Map each curated section key to the text's section. With as many sections on both sides they are paired in
    order (curated keys are short names, not slugs); otherwise by heading, accents and case ignored. Also gives the
    differences in words: headings that differ, paragraph counts that differ, sections found on one side only. A
    curated heading in parentheses describes an untitled part ("(title and byline)") and is not compared."""
    mapping: dict[str, TextSection] = {}

    def described(heading: str) -> bool:  # "(opening, no heading)": the curators' name for an untitled part
        return heading.startswith("(") and heading.endswith(")")

    notes: list[str] = []
    texts = list(article.sections)
    if len(curated) == len(texts):
        pairs = list(zip(curated.values(), texts, strict=True))
    else:
        by_heading = {fold(s.heading): s for s in texts}
        pairs = [(c, by_heading[fold(c.heading)]) for c in curated.values() if fold(c.heading) in by_heading]
        paired = {id(t) for _, t in pairs}
        for c in curated.values():
            if fold(c.heading) not in by_heading:
                notes.append(f"§{c.slug} (“{c.heading}”) has no heading like it in the text")
        for t in texts:
            if id(t) not in paired:
                notes.append(f"the text's section “{t.heading or '(no heading)'}” (line {t.line}) is not in the YAML")
    for c, t in pairs:
        mapping[c.slug] = t
        if fold(c.heading) != fold(t.heading) and not described(c.heading):
            notes.append(
                f"§{c.slug}: heading “{c.heading}” in the YAML, “{t.heading or '(no heading)'}” in the text (line {t.line})"
            )
        if c.paragraphs != len(t.paragraphs):
            notes.append(f"§{c.slug}: {c.paragraphs} paragraphs in the YAML, {len(t.paragraphs)} in the text")
    return mapping, notes


STOP_WORDS = frozenset(
    "the and for with from that this into over under their its his her was were are has have had not but also "
    "del las los una por con para que como sus the of in on to a an de la el en y o".split()
)
DESCRIPTIVE_SHARE = 0.6  # a descriptive name of 3+ content words: this share of them found in the paragraph
DESCRIPTIVE_WINDOW = 14  # ... within this many words (about a sentence)
PAIR_WINDOW = 6  # a name of two content words: both within this many words
PROSE_SHARE = 0.5  # a claim or provision in the curator's words: this share of its content words found


fold = lru_cache(maxsize=1 << 16)(_fold)  # texts and names are folded again and again: once each


@lru_cache(maxsize=1 << 16)
def _tokens(folded_text: str) -> tuple[str, ...]:
    return tuple(folded_text.split())


@lru_cache(maxsize=1 << 18)
def _positions(folded_text: str, stem_: str) -> tuple[int, ...]:
    """Where in the folded text words beginning with the stem are, by word number."""
    return tuple(i for i, t in enumerate(_tokens(folded_text)) if t.startswith(stem_))


def stem(word: str) -> str:
    """A crude stem: an English ending (-ings, -ing, -ed, -es, -s) dropped where four letters stay, then cut to five
    letters, so that `killed` meets `killings` and `homicides` meets `homicide`."""
    for ending in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4 and not word.endswith("ss"):
            return word[: len(word) - len(ending)][:5]
    return word[:5]


def content_stems(text: str) -> list[str]:
    """The stems of a text's content words (see `stem`), folded, without stop words and numbers."""
    return list(_content_stems(text))


@lru_cache(maxsize=1 << 16)
def _content_stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in fold(text).split() if len(w) > 2 and w not in STOP_WORDS and not w.isdigit())


def share_found(folded_text: str, text: str, weights: dict[str, float] | None = None) -> float:
    """The share of `text`'s content words that the folded paragraph holds (as word beginnings); with `weights`, each
    word counts by its weight (how distinctive it is among the graph's names)."""
    stems = content_stems(text)
    if not stems:
        return 0.0
    prefixes = {w[:k] for w in folded_text.split() for k in (3, 4, 5)}
    if weights is None:
        return sum(1 for s in stems if s in prefixes) / len(stems)
    total = sum(weights.get(s, 1.0) for s in stems)
    return sum(weights.get(s, 1.0) for s in stems if s in prefixes) / total


def mentions(folded_text: str, name: str, weights: dict[str, float] | None = None,
             covered: frozenset[int] = frozenset()) -> bool:  # fmt: skip
    """Whether the folded paragraph holds the name as whole words; or, for a name of two content words, both of them
    in any inflection and near each other ("militarized strategies", "Mexico's new president"); or, for a descriptive
    name of three or more ("Massacre of a Mormon family in Sonora"), 60 % of them within a few lines' words, each word
    counted by how distinctive it is when `weights` are given ("Mormon" and "Sonora" name the massacre more than
    "family" does; "organized crime group" alone names no particular group). Words at `covered` positions (another
    entity's full name) may complete such a match but not make it alone."""
    folded = fold(name)
    if folded and f" {folded} " in folded_text:
        return True
    stems = content_stems(name)
    if len(stems) < 2:
        return False
    window, needed = (PAIR_WINDOW, 1.0) if len(stems) == 2 else (DESCRIPTIVE_WINDOW, DESCRIPTIVE_SHARE)
    where = {s: _positions(folded_text, s) for s in set(stems)}
    if sum(1 for s in stems if where[s]) / len(stems) < needed:
        return False  # not enough of the words anywhere: no window can hold them
    weight = (lambda s: weights.get(s, 1.0)) if weights is not None and len(stems) > 2 else (lambda s: 1.0)
    total = sum(weight(s) for s in stems)
    starts = sorted({i for positions in where.values() for i in positions})
    for start in starts:
        inside = {s for s, positions in where.items() if any(start <= i < start + window for i in positions)}
        own = any(start <= i < start + window and i not in covered for positions in where.values() for i in positions)
        if own and sum(weight(s) for s in stems if s in inside) / total >= needed - 1e-9:
            return True
    return False


class Checker:
    """Checks one model's citations against the articles' texts."""

    def __init__(self, model: Model, vocab: Vocabulary, articles: dict[str, Article], allowlist: list[Allowed],
                 problems: Problems):  # fmt: skip
        self.model = model
        self.vocab = vocab
        self.problems = problems
        self.allowlist = {(a.subject, a.predicate, a.cite): a for a in allowlist}
        self.used: set[tuple[str, str, str]] = set()
        self.report = CitationReport()
        self.sections: dict[str, dict[str, TextSection]] = {}
        self.articles = articles
        for source_id, article in articles.items():
            source = model.entities.get(source_id)
            if source is None:
                continue
            mapping, notes = align_sections(source.sections, article)
            self.sections[source_id] = mapping
            for note in notes:
                problems.warning(source.pos, "text-sections", f"`{source_id}` and its text differ: {note}")
        self._names: dict[str, list[str]] = {}
        self._by_type: dict[str, list[str]] = {}
        self._exact: dict[str, list[tuple[int, int, str]]] = {}
        self._named: dict[tuple[str, str], bool] = {}  # names do not change while a checker lives

    # -------------------------------------------------------------- what a statement can be recognised by
    def names(self, entity_id: str) -> list[str]:
        """Every name of the entity, its demonyms included ("Mexican" names Mexico)."""
        if entity_id not in self._names:
            entity = self.model.entities.get(entity_id)
            # Not the id: a slug is the curators' shorthand ("homicides-2018-sesnsp"), and as a bag of words it would
            # name the entity wherever those words meet.
            names = [n.text for n in entity_names(entity) if n.kind != "id"] if entity else [entity_id]
            if entity is not None:
                names += [s.value.text for s in entity.statements if s.predicate == "demonym" and s.value.kind == "literal"]
            self._names[entity_id] = names
        return self._names[entity_id]

    def named(self, entity_id: str, folded: str) -> bool:
        """Whether the folded text names the entity through one of its names: the name itself, or enough of its words
        (see `mentions`), at least one of them outside another entity's name ("Gobierno de México" does not name the
        Gobierno de la Ciudad de México, nor "World Justice Project ... Mexico" Justice in Mexico)."""
        key = (entity_id, folded)
        found = self._named.get(key)
        if found is None:
            names = self.names(entity_id)
            found = any(f" {fold(n)} " in folded for n in names if fold(n))
            bags = [n for n in names if len(content_stems(n)) >= 2]
            if not found and bags:
                covered = frozenset(i for a, b, other in self.exact_names(folded) if other != entity_id
                                    for i in range(a, b))  # fmt: skip
                found = any(mentions(folded, n, self.weights, covered) for n in bags)
            self._named[key] = found
        return found

    def exact_names(self, folded: str) -> list[tuple[int, int, str]]:
        """(first word, after the last word, entity) of every entity name written out in full in the folded text."""
        found = self._exact.get(folded)
        if found is None:
            found = []
            for name, entity_id in self.all_names:
                start = folded.find(f" {name} ")
                while start != -1:
                    first = folded.count(" ", 0, start + 1) - 1
                    found.append((first, first + len(name.split()), entity_id))
                    start = folded.find(f" {name} ", start + 1)
            self._exact[folded] = found
        return found

    @cached_property
    def all_names(self) -> list[tuple[str, str]]:
        return [(fold(n), e) for e in self.model.entities for n in self.names(e) if fold(n)]

    @cached_property
    def weights(self) -> dict[str, float]:
        """How distinctive each word is in the articles: log(paragraphs / paragraphs that hold it); a word no
        paragraph holds weighs the most."""
        paragraphs = [f" {fold(p.text)} " for article in self.articles.values() for p in article.paragraphs()]
        total = max(len(paragraphs), 1)
        stems = {s for e in self.model.entities for n in self.names(e) for s in content_stems(n)}
        weights = {}
        for stem in stems:
            holding = sum(1 for p in paragraphs if f" {stem}" in p)
            weights[stem] = max(math.log(total / holding), 0.1) if holding else math.log(total + 1)
        return weights

    def is_curator(self, source_id: str) -> bool:
        source = self.model.entities.get(source_id)
        return source is not None and self.vocab.is_a(source.type, "CuratorKnowledge")

    def value_found(self, value: Value, text: str, folded: str, prose: bool = False) -> bool:
        if value.kind == "entity":
            return self.named(value.text, folded) or self.event_dated(value.text, text)
        if value.kind != "literal":
            return False
        datatype = value.datatype or ""
        if prose and len(content_stems(value.text)) >= 4:
            return share_found(folded, value.text) >= PROSE_SHARE
        if datatype in DATE_TYPES:
            parts = [int(p) for p in value.text.split("-")]
            return states_date(text, *parts) is not None
        if datatype in NUMBER_TYPES:
            return states_number(text, value.text) is not None
        if fold(value.text) == "percent":
            return states_percentage(text)
        return mentions(folded, value.text)

    def describe(self, value: Value) -> str:
        if value.kind == "entity":
            names = self.names(value.text)
            shown = ", ".join(f"“{n}”" for n in names[:MAX_NAMES_SHOWN])
            more = f" and {len(names) - MAX_NAMES_SHOWN} more" if len(names) > MAX_NAMES_SHOWN else ""
            return f"`{value.text}` ({shown}{more})"
        if value.kind == "literal" and len(value.text) > 60:
            return f"“{value.text[:57]}...”"
        return f"“{value.text}”" if value.kind == "literal" else f"`{value.text.rsplit('/', 1)[-1]}`"

    def authors(self, source_id: str) -> set[str]:
        """The ids of the cited source's authors (`author` statements)."""
        source = self.model.entities.get(source_id)
        if source is None:
            return set()
        return {s.value.text for s in source.statements if s.predicate == "author" and s.value.kind == "entity"}

    def event_dated(self, entity_id: str, text: str) -> bool:
        """Whether the paragraph names the event by its date (articles name events by when they happened: "the
        massacre ... in November 2019", "on October 17", "in Ayotzinapa ... in 2014"; see `names_date`)."""
        subject = self.model.entities.get(entity_id)
        if subject is None or not self.vocab.is_a(subject.type, "Event"):
            return False
        for statement in subject.statements:
            if statement.predicate in ("date", "startDate") and statement.value.kind == "literal":
                parts = [int(p) for p in statement.value.text.split("-")]
                if names_date(text, *parts):
                    return True
        return False

    # -------------------------------------------------------------- the texts
    def section_of(self, citation: Citation) -> TextSection | None:
        mapping = self.sections.get(citation.source)
        return mapping.get(citation.section or "") if mapping is not None else None

    def text_of(self, citation: Citation) -> str | None:
        """The cited paragraph's text, or None (no text for its source, or no such paragraph)."""
        section = self.section_of(citation)
        if section is None or not citation.paragraph or citation.paragraph > len(section.paragraphs):
            return None
        return section.paragraphs[citation.paragraph - 1].text

    def paragraph(self, citation: Citation) -> str | None:
        """The cited paragraph's text, or None when the text does not have it (reported)."""
        text = self.text_of(citation)
        if text is None:
            where = f"§{citation.section} ¶{citation.paragraph}"
            self.problems.warning(
                citation.pos, "citation-not-in-text", f"{where} of `{citation.source}` is not in its text"
            )
            self.report.flagged += 1
        return text

    def subject_named(self, entity_id: str, citation: Citation, text: str, folded: str, pronouns: bool) -> bool:
        """Whether the paragraph names the entity: by one of its names, an event by its date, an observation by its
        value and period, an article by being the one cited; or its section's heading names it; or, with `pronouns`,
        it refers to the entity by a pronoun, or stands under a name line, after an earlier paragraph of its section
        named it."""
        if entity_id == citation.source or self.named(entity_id, folded) or self.event_dated(entity_id, text):
            return True
        if self.observation_stated(entity_id, text):
            return True
        section = self.section_of(citation)
        if section is None:
            return False
        if section.heading and self.named(entity_id, f" {fold(section.heading)} "):
            return True
        if not pronouns:
            return False
        earlier = section.paragraphs[: (citation.paragraph or 1) - 1]
        if earlier and is_heading_like(earlier[-1].text) and self.named(entity_id, f" {fold(earlier[-1].text)} "):
            return True  # a line under a name line ("David Shirk" above his biography)
        if not PRONOUNS & set(folded.split()):
            return False
        return any(self.named(entity_id, f" {fold(p.text)} ") or self.event_dated(entity_id, p.text) for p in earlier)

    def observation_stated(self, entity_id: str, text: str) -> bool:
        """Whether the paragraph states an observation's value and its period: how articles name a figure."""
        entity = self.model.entities.get(entity_id)
        if entity is None or not self.vocab.is_a(entity.type, "Observation"):
            return False
        value = next((s.value for s in entity.statements if s.predicate == "value"), None)
        period = next((s.value for s in entity.statements if s.predicate == "period"), None)
        if value is None or period is None:
            return False
        parts = [int(x) for x in period.text.split("-")]
        return states_number(text, value.text) is not None and states_date(text, *parts) is not None

    def attached(self, subject: str, country: str, folded: str, apposed: bool = False) -> bool:
        """Whether the text writes the object (a country, a place) as part of the subject's name: inside a full name of
        it ("Government of Mexico"), just before it ("Mexico's National Security Law", "Mexican Senate"), just after
        it ("... of Mexico", "Tepochica in ... Iguala") or, with `apposed`, right after it ("Culiacán, Sinaloa"). A
        country named elsewhere in the paragraph says nothing of the subject's."""
        spans = self.exact_names(folded)
        tokens = folded.split()

        def after(end: int, start: int) -> bool:
            between = tokens[end:start]
            return 0 < len(between) <= 4 and set(between) <= LINK_WORDS and bool(set(between) & {"of", "in", "de", "en"})

        mine = [(a, b) for a, b, e in spans if e == subject]
        theirs = [(a, b) for a, b, e in spans if e == country]
        return any(
            a <= oa and ob <= b  # inside: "Government of Mexico"
            or 0 <= a - ob <= 1  # before: "Mexican Senate", "Mexico's FGR" (the possessive is a word of its own)
            or after(b, oa)  # after: "... of Mexico", "... in the municipality of Iguala"
            or (apposed and oa == b)  # apposed: "Culiacán, Sinaloa"
            for a, b in mine
            for oa, ob in theirs
        )

    def signed(self, author: str, text: str, folded: str) -> bool:
        """Whether the paragraph signs the text with the author's name: a line that is only the name, or the name
        right after "by" ("written by emarinoni")."""
        if is_heading_like(text) and self.named(author, folded):
            return True
        tokens = folded.split()
        return any(a > 0 and "by" in tokens[max(0, a - 2) : a] for a, _, e in self.exact_names(folded) if e == author)

    def named_unsigned(self, author: str, text: str, folded: str) -> bool:
        """Whether the paragraph names its source's author other than in a signature ("written by rramos")."""
        if is_heading_like(text):
            return False
        tokens = folded.split()
        return any("by" not in tokens[max(0, a - 2) : a] for a, _, e in self.exact_names(folded) if e == author)

    def concept_worded(self, value: Value, folded: str) -> bool:
        """Whether the paragraph holds half of the words of one of the concept's labels ("failed", "to prevent further
        bloodshed", "leveling off")."""
        concept = self.vocab.concepts.get(value.text.rsplit("/", 1)[-1])
        labels = [*concept.labels.values(), *concept.alt_labels] if concept is not None else []
        return any(share_found(folded, label) >= PROSE_SHARE for label in labels if content_stems(label))

    def is_byline(self, citation: Citation) -> bool:
        """Whether the citation points at its source's byline: the paragraph the source's own `cite` points at."""
        source = self.model.entities.get(citation.source)
        if source is None:
            return False
        return any((c.source, c.section, c.paragraph) == (citation.source, citation.section, citation.paragraph)
                   for c in source.citations)  # fmt: skip

    def byline_names(self, statement: Statement, entity_id: str, besides: Citation | None = None) -> bool:
        """Whether the entity is the author of a source whose byline the statement also cites, and that byline names
        it: how a statement about an article's author cites the authorship (a byline counts only where a citation
        points at it, and only for its author)."""
        for citation in statement.citations:
            if citation is besides:
                continue  # a paragraph that is byline and content at once does not vouch for itself
            if self.is_byline(citation) and entity_id in self.authors(citation.source):
                text = self.text_of(citation)
                if text is not None and self.named(entity_id, f" {fold(text)} "):
                    return True
        return False

    # -------------------------------------------------------------- checking
    def unsupported(self, subject: Entity, statement: Statement, citation: Citation, text: str) -> list[str] | None:
        """None when the paragraph supports the statement; otherwise what was looked for and not found."""
        folded = f" {fold(text)} "
        value = statement.value
        if statement.predicate in PROSE_PREDICATES:
            others = [q for k, q in statement.qualifiers.items() if k in ATTRIBUTION_QUALIFIERS and q.kind == "entity"]
            if not self.subject_named(subject.id, citation, text, folded, pronouns=True) and not any(
                self.named(q.text, folded) for q in others
            ):
                return [self.describe(Value("entity", subject.id))] + [self.describe(q) for q in others]
            if not self.value_found(value, text, folded, prose=True):
                return [self.describe(value)]
            claimant = statement.qualifiers.get("claimant")
            if (claimant is not None and claimant.text not in self.authors(citation.source)
                    and not self.named(claimant.text, folded)):  # fmt: skip
                return [f"its claimant {self.describe(claimant)}"]
            return None
        if not self.subject_named(subject.id, citation, text, folded, pronouns=True):
            looked = [self.describe(Value("entity", subject.id))]
            if value.kind == "literal":
                looked.append(self.describe(value))
            if value.kind == "entity" and self.is_byline(citation) and self.named(value.text, folded) and any(
                (c.source, c.section, c.paragraph) != (citation.source, citation.section, citation.paragraph)
                and (t := self.text_of(c)) is not None
                and self.subject_named(subject.id, c, t, f" {fold(t)} ", pronouns=True)
                for c in statement.citations
            ):
                return None  # the byline names the author; the statement's other citation names what they made
            return looked
        if value.kind == "concept":
            if statement.predicate not in WORDED_CONCEPTS or self.concept_worded(value, folded):
                return None
            return [f"its value `{value.text.rsplit('/', 1)[-1]}` in words"]
        if value.kind == "entity":
            if statement.predicate == "author":
                return None if self.signed(value.text, text, folded) else [f"{self.describe(value)} as its author"]
            if statement.predicate in ATTACHED_PREDICATES:
                if self.attached(subject.id, value.text, folded, statement.predicate in APPOSED_PREDICATES):
                    return None
                return [f"{self.describe(value)} written with its name as its {statement.predicate}"]
            if value.text == citation.source:
                return None
            if self.value_found(value, text, folded):
                if value.text in self.authors(citation.source) and not self.named_unsigned(value.text, text, folded):
                    return [f"its object {self.describe(value)} other than as the post's signature"]
                if citation.section != "sources" and not self.object_in_own_sentence(subject, value.text, text):
                    return [f"its object {self.describe(value)} in a sentence about it rather than about another "
                            f"{subject.type}"]  # fmt: skip
                return None
            if self.byline_names(statement, value.text, besides=citation):
                return None
            return [f"its object {self.describe(value)}"]
        if (value.datatype or "") in DATE_TYPES + NUMBER_TYPES:
            return None  # numbers and dates: check_values looks for them in every cited paragraph
        return None if self.value_found(value, text, folded) else [self.describe(value)]

    def allowed(self, subject: str, predicate: str, cites: list[str], obj: Value | None,
                number: Value | None = None) -> bool:  # fmt: skip
        """Whether the allow-list names the statement at one of the citations: its object, when the entry gives one,
        and its number or date, when the entry gives one (an entry for 6 does not allow a 9)."""
        for cite in cites:
            key = (subject, predicate, cite)
            entry = self.allowlist.get(key)
            if entry is None:
                continue
            if obj is not None and entry.object not in (None, obj.text.rsplit("/", 1)[-1]):
                continue
            if number is not None and entry.value is not None and not _same_value(entry.value, number.text):
                continue
            self.used.add(key)
            return True
        return False

    @staticmethod
    def cite_text(citation: Citation) -> str:
        return f"{citation.source} §{citation.section} ¶{citation.paragraph}"

    def check_statement(self, subject: Entity, statement: Statement) -> None:
        """Each of the statement's article citations must support it (see the module's docstring)."""
        for citation in statement.citations:
            if citation.source not in self.sections:
                continue
            self.report.checked += 1
            text = self.paragraph(citation)
            if text is None:
                continue
            looked = self.unsupported(subject, statement, citation, text)
            if looked is None:
                self.report.supported += 1
                continue
            cite = self.cite_text(citation)
            if self.allowed(subject.id, statement.predicate, [cite], statement.value):
                self.report.allowed += 1
                continue
            self.report.flagged += 1
            self.problems.warning(
                statement.pos, "citation-unsupported",
                f"{cite} ({statement.predicate}) does not mention {' nor '.join(dict.fromkeys(looked))}",
            )  # fmt: skip

    def check_own(self, entity: Entity) -> None:
        """The entity's own citations must name it; each top-level attribute they cover must have its object named
        (or its text stated) in one of them, unless curator knowledge is among them."""
        texts: list[tuple[Citation, str]] = []
        for citation in entity.citations:
            if citation.source not in self.sections:
                continue
            self.report.checked += 1
            text = self.paragraph(citation)
            if text is None:
                continue
            texts.append((citation, text))
            if self.subject_named(entity.id, citation, text, f" {fold(text)} ", pronouns=False):
                self.report.supported += 1
                continue
            cite = self.cite_text(citation)
            if self.allowed(entity.id, "cite", [cite], None):
                self.report.allowed += 1
                continue
            self.report.flagged += 1
            self.problems.warning(
                citation.pos, "citation-unsupported",
                f"{cite} (the entity's cite: its names) does not mention {self.describe(Value('entity', entity.id))}",
            )  # fmt: skip
        if not texts:
            return
        for statement in entity.statements:
            value = statement.value
            if statement.citations is not entity.citations or value.kind == "concept":
                continue
            if value.kind == "literal" and (value.datatype or "") in DATE_TYPES + NUMBER_TYPES:
                continue  # check_values
            self.report.attributes_checked += 1
            prose = statement.predicate in PROSE_PREDICATES
            places = [t for _, t in texts]
            if value.kind == "literal":  # a title is the heading of the section the byline is in
                places += [s.heading for c, _ in texts if (s := self.section_of(c)) and s.heading]
            if value.kind == "entity" and any(value.text == c.source for c, _ in texts):
                continue  # the cited article itself (`citedBy`: the list of sources is in it)
            if statement.predicate in ATTACHED_PREDICATES:
                apposed = statement.predicate in APPOSED_PREDICATES
                found = any(self.attached(entity.id, value.text, f" {fold(t)} ", apposed) for _, t in texts)
            else:
                found = any(
                    self.value_found(value, t, f" {fold(t)} ", prose)
                    and (value.kind != "entity" or c.section == "sources" or self.object_in_own_sentence(entity, value.text, t))
                    for c, t in texts
                ) or any(self.value_found(value, t, f" {fold(t)} ", prose) for t in places[len(texts):]) or (
                    value.kind == "entity" and self.byline_names(statement, value.text)
                )
            if found:
                continue
            cites = [self.cite_text(c) for c, _ in texts]
            if self.allowed(entity.id, statement.predicate, cites, value):
                self.report.attributes_allowed += 1
                continue
            self.report.attributes_flagged += 1
            self.problems.warning(
                statement.pos, "citation-unsupported",
                f"`{statement.predicate}` {self.describe(value)} is not named in the entity's cited paragraphs "
                f"({', '.join(cites)}); cite the paragraph that states it, in a `statements:` item",
            )  # fmt: skip

    def stated(self, entity: Entity, statement: Statement, name: str, value: Value) -> bool | None:
        """For a number or a date of a statement: whether one of its cited paragraphs states it (a number in its
        context, see `number_in_context`). None when that cannot be told: no cited paragraph, or a citation of a work
        without a text (curator knowledge does not count: it does not supply figures)."""
        texts = []
        for citation in statement.citations:
            text = self.text_of(citation)
            if text is None and not self.is_curator(citation.source):
                return None
            if text is not None:
                texts.append(text)
        if not texts:
            return None
        if (value.datatype or "") in NUMBER_TYPES:
            return any(self.number_in_context(entity, statement, name, value, text) for text in texts)
        return any(self.value_found(value, text, f" {fold(text)} ") for text in texts)

    def number_in_context(self, entity: Entity, statement: Statement, name: str, value: Value, text: str) -> bool:
        """Whether the paragraph states the number as the statement means it: a percentage as a percentage (and
        nothing else as one); not in a sentence about another entity of the same kind only; next to a word of its
        unit, group or property when it has a unit or a group (`14 civilians`, `28 grams`, `budget increased 15.1%`);
        an observation's value and rank near its period or its indicator's name, and not given to another
        observation of the same indicator in the same sentence."""
        mentions = number_mentions(text, value.text)
        unit = statement.qualifiers.get("unit")
        if unit is not None:
            percent = fold(unit.text) == "percent"
            mentions = [q for q in mentions if (q.unit == "percent") == percent]
        mentions = [q for q in mentions if not self.about_another(entity, text, q.start)]
        if not mentions:
            return False
        tokens = fold(text).split()
        spans = [(len(fold(text[: q.start]).split()), len(fold(text[: q.end]).split())) for q in mentions]
        period = None
        if self.vocab.is_a(entity.type, "Observation") and statement.predicate in ("value", "outOf"):
            period = next((s.value for s in entity.statements if s.predicate == "period"), None)
        if period is not None:
            mentions = [q for q in mentions if not self.another_observation(entity, statement.predicate, value, text, q.start)]
            spans = [(len(fold(text[: q.start]).split()), len(fold(text[: q.end]).split())) for q in mentions]
            years = {period.text[:4]}
            if any(any(t in years for t in tokens[max(0, a - PERIOD_WINDOW) : b + PERIOD_WINDOW]) for a, b in spans):
                return True
            indicator = next((s.value.text for s in entity.statements if s.predicate == "indicator"), None)
            words = set(content_stems(" ".join(self.names(indicator)))) if indicator else set()
            return any(
                any(t[: len(w)] == w for t in tokens[max(0, a - CONTEXT_WINDOW) : b + CONTEXT_WINDOW] for w in words)
                for a, b in spans
            )
        words = self.context_stems(statement, name)
        if not words or not any(k in statement.qualifiers for k in ("unit", "group")):
            return True  # a bare figure ("killed 13") needs no context word; a counted group or unit does
        return any(
            any(t[: len(w)] == w for t in tokens[max(0, a - CONTEXT_WINDOW) : b + CONTEXT_WINDOW] for w in words)
            for a, b in spans
        )

    def object_in_own_sentence(self, subject: Entity, obj: str, text: str) -> bool:
        """Whether a sentence that names the object is not about another entity of the subject's kind: it names the
        subject too, or names no other entity of that kind. ("The arrest ... outraged Mexican officials" does not make
        the FGR's decision, told two sentences earlier, an act of those officials.) An object named only across
        sentences is left to the paragraph."""
        sentences = [text[a:b] for a, b in sentence_spans(text)]
        holding = [s for s in sentences if self.names_in(obj, s)]
        if not holding:
            return True
        if subject.type not in self._by_type:
            self._by_type[subject.type] = [e.id for e in self.model.entities.values() if e.type == subject.type]
        rivals = [e for e in self._by_type[subject.type] if e not in (subject.id, obj)]
        return any(self.names_in(subject.id, s) or not any(self.names_in(r, s) for r in rivals) for s in holding)

    def names_in(self, entity_id: str, sentence: str) -> bool:
        """Whether a sentence names the entity: by a name, an event by its date, an observation by value and period."""
        return (self.named(entity_id, f" {fold(sentence)} ") or self.event_dated(entity_id, sentence)
                or self.observation_stated(entity_id, sentence))  # fmt: skip

    def another_observation(self, entity: Entity, predicate: str, value: Value, text: str, offset: int) -> bool:
        """Whether the sentence holding `offset` states another observation in the same unit whose `predicate` has this
        value: "99 out of 126 ... its 2018 rank of 97" gives 97 to 2018, not to 2019; "over half of all homicides ...
        in seven states" is the seven states' share, not the five municipalities'."""
        unit = next((s.value.text for s in entity.statements if s.predicate == "measureUnit"), None)
        start, end = next((a, b) for a, b in sentence_spans(text) if a <= offset < b or b == len(text))
        sentence = text[start:end]
        for other in self.model.entities.values():
            if other.id == entity.id or other.type != entity.type:
                continue
            if not any(s.predicate == "measureUnit" and s.value.text == unit for s in other.statements):
                continue
            if any(s.predicate == predicate and s.value.kind == "literal" and _same_value(s.value.text, value.text)
                   for s in other.statements) and self.observation_stated(other.id, sentence):  # fmt: skip
                return True
        return False

    def about_another(self, entity: Entity, text: str, offset: int) -> bool:
        """Whether the sentence holding `offset` is about another entity of the same class and not about `entity`:
        it names one of them and not `entity` (the 17.5 % of "The Youth Building the Future program ... experienced a
        17.5% decrease" is not Sowing Life's, though the paragraph names Sowing Life)."""
        start, end = next((a, b) for a, b in sentence_spans(text) if a <= offset < b or b == len(text))
        sentence = text[start:end]
        folded = f" {fold(sentence)} "

        def names(entity_id: str) -> bool:  # not an event by its year alone: "in 2014" names no incident here
            return self.named(entity_id, folded) or self.observation_stated(entity_id, sentence)

        if names(entity.id) or self.event_dated(entity.id, sentence):
            return False
        if entity.type not in self._by_type:
            self._by_type[entity.type] = [e.id for e in self.model.entities.values() if e.type == entity.type]
        return any(names(other) for other in self._by_type[entity.type] if other != entity.id)

    def context_stems(self, statement: Statement, name: str) -> set[str]:
        """The words a number of the statement is written next to: its unit (and the unit's other spellings), its
        group, and, for the statement's own value, its property's label."""
        text = " ".join(q.text for k, q in statement.qualifiers.items() if k in ("unit", "group"))
        unit = statement.qualifiers.get("unit")
        if unit is not None:
            text += " " + " ".join(UNIT_WORDS.get(fold(unit.text).split()[0], ()))
        if not name:
            prop = self.vocab.properties.get(statement.predicate)
            text += " " + (prop.labels.get("en", "") if prop else "")
        return {w for w in content_stems(text) if w not in ("perce", "peopl")} | (
            {"peopl", "perso"} if "people" in fold(text).split() and not text.strip().startswith("people") else set()
        )

    def check_values(self, entity: Entity) -> None:
        """Every number and date of a statement (its value and the qualifiers that carry one) must be stated by one
        of the paragraphs cited for it: naming the subject is not enough (a mistyped 31 for 13 would pass)."""
        for statement in entity.statements:
            vouched = any(self.is_curator(c.source) for c in statement.citations)
            checked = [("", statement.value)] + [(k, statement.qualifiers[k]) for k in STATED_QUALIFIERS
                                                 if k in statement.qualifiers]  # fmt: skip
            for name, value in checked:
                if value.kind != "literal" or (value.datatype or "") not in DATE_TYPES + NUMBER_TYPES:
                    continue
                if vouched and (value.datatype or "") in DATE_TYPES:
                    continue  # the curators vouch for a date the text leaves out (a term's first day)
                stated = self.stated(entity, statement, name, value)
                if stated is None:
                    continue
                self.report.values_checked += 1
                if stated:
                    continue
                cites = [self.cite_text(c) for c in statement.citations]
                if self.allowed(entity.id, statement.predicate, cites, None, value):
                    self.report.values_allowed += 1
                    continue
                self.report.values_flagged += 1
                what = f"`{statement.predicate}` {value.text}" if not name else f"`{statement.predicate}`'s {name} {value.text}"
                self.problems.warning(
                    statement.pos, "citation-value",
                    f"{what} is not stated in {', '.join(cites)} (looked for the number or date in every common "
                    "form); cite the paragraph that gives it, or add `curator`",
                )  # fmt: skip

    def check_entity(self, entity: Entity) -> None:
        """Every citation of one entity: its own `cite`, its top-level attributes, its statements, its numbers."""
        self.check_values(entity)
        for citation in entity.citations:
            self.count(citation)
        self.check_own(entity)
        for statement in entity.statements:
            if statement.citations is entity.citations:
                continue
            for citation in statement.citations:
                self.count(citation)
            self.check_statement(entity, statement)

    def warnings_for(self, entities: list[Entity]) -> list[Problem]:
        """The warnings the check gives these entities alone, the report and `problems` untouched (the mutation test
        checks what it changed this way)."""
        saved = self.problems, self.report
        self.problems, self.report = Problems(), CitationReport()
        try:
            for entity in entities:
                self.check_entity(entity)
            return self.problems.warnings
        finally:
            self.problems, self.report = saved

    def run(self) -> CitationReport:
        for entity in self.model.entities.values():
            self.check_entity(entity)
        for key, allowed in self.allowlist.items():
            if key not in self.used:
                self.problems.warning(
                    allowed.pos,
                    "allowlist-unused",
                    f"allow-list entry `{allowed.subject} {allowed.predicate}` cited to {allowed.cite} matches no "
                    "citation that needs it; remove it",
                )
        return self.report

    def count(self, citation: Citation) -> None:
        source = self.model.entities.get(citation.source)
        if source is not None and source.type == "Article":
            self.report.total += 1


def make_checker(graph_dir: Path, texts_dir: Path, model: Model, vocab: Vocabulary, problems: Problems) -> Checker:
    """A checker of `model` against the texts in `texts_dir` mapped by `graph_dir/texts.yaml`, with the allow-list
    of `graph_dir`; problems reading them go into `problems`."""
    refs = read_text_refs(graph_dir, problems)
    for source, ref in refs.items():
        entity = model.entities.get(source)
        if entity is None or not vocab.is_a(entity.type, "Source"):
            problems.error(ref.pos, "unknown-id", f"`{source}` in texts.yaml is not a source of the graph")
    articles = load_texts({k: v for k, v in refs.items() if k in model.entities}, texts_dir, problems)
    return Checker(model, vocab, articles, read_allowlist(graph_dir, problems), problems)


def check_citations(graph_dir: Path, texts_dir: Path, model: Model, vocab: Vocabulary,
                    problems: Problems) -> CitationReport:  # fmt: skip
    """Check every citation of an article whose text is in `texts_dir` (mapped by `graph_dir/texts.yaml`), reporting
    warnings into `problems`; return the counts."""
    checker = make_checker(graph_dir, texts_dir, model, vocab, problems)
    articles = checker.articles
    report = checker.run()
    report.unchecked_sources = sorted(
        e.id for e in model.entities.values() if e.type == "Article" and e.id not in articles
    )
    return report


def _same_value(written: str, value: str) -> bool:
    """Whether an allow-list entry's `value` is the statement's number or date (28870 and 28870.0 alike)."""
    try:
        return Decimal(written) == Decimal(value)
    except InvalidOperation:
        return written.strip() == value.strip()


def allowed_share(report: CitationReport) -> float:
    """The share of checked citations that the allow-list accounts for (citations, values and top-level attributes),
    in percent."""
    allowed = report.allowed + report.values_allowed + report.attributes_allowed
    return 100.0 * allowed / report.checked if report.checked else 0.0
