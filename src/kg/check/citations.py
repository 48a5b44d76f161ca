"""Citations checked against the texts they cite: the cited paragraph exists in the article's text and supports the
statement, i.e. it mentions the subject or the object through any of their names (accents and case ignored, English
or Spanish), or states the value (a number in any common form, a date in words or figures).

A statement whose value is a number or a date must, besides, have the value stated in one of its cited paragraphs
(naming the subject is not enough to catch a mistyped figure). A citation that fails is a warning at the statement,
naming what was looked for. Citations listed in
`graph/citation-allowlist.yaml` (reviewed, with a reason each) are supported by sense rather than words and are
counted apart. The report says how many citations could be checked (their source's text is available), how many
were supported, allow-listed and flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.model import Citation, Entity, Model, Section, Statement, Value
from ..core.names import entity_names, fold
from ..core.problems import Pos, Problems
from ..load.vocabulary import Vocabulary
from ..text.article import Article
from ..text.article import Section as TextSection
from ..text.quantities import states_date, states_number
from .source_texts import Allowed, load_texts, read_allowlist, read_text_refs

XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_QUALIFIERS = ("at", "start", "end", "earliest", "latest", "baseline")
NUMBER_QUALIFIERS = ("quantity",)
MAX_NAMES_SHOWN = 4
PROSE_PREDICATES = ("claim", "provision", "title")


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
PROSE_SHARE = 0.5  # a claim or provision in the curator's words: this share of its content words found


def content_stems(text: str) -> list[str]:
    """The content words of a text, folded and cut to five letters (a crude stem that makes `killed` meet `killing`
    and `homicides` meet `homicide`), without stop words and numbers."""
    return [w[:5] for w in fold(text).split() if len(w) > 2 and w not in STOP_WORDS and not w.isdigit()]


def share_found(folded_text: str, text: str) -> float:
    """The share of `text`'s content words that the folded paragraph holds (as word beginnings)."""
    stems = content_stems(text)
    if not stems:
        return 0.0
    prefixes = {w[:k] for w in folded_text.split() for k in (3, 4, 5)}
    return sum(1 for s in stems if s in prefixes) / len(stems)


def mentions(folded_text: str, name: str) -> bool:
    """Whether the folded paragraph holds the name as whole words; or, for a name of two content words, both of them
    in any inflection ("militarized strategies"); or, for a descriptive name of three or more ("Massacre of a Mormon
    family in Sonora"), 60 % of them."""
    folded = fold(name)
    if folded and f" {folded} " in folded_text:
        return True
    stems = len(content_stems(name))
    if stems == 2:
        return share_found(folded_text, name) == 1.0
    return stems >= 3 and share_found(folded_text, name) >= DESCRIPTIVE_SHARE


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

    # -------------------------------------------------------------- what a statement can be recognised by
    def names(self, entity_id: str) -> list[str]:
        if entity_id not in self._names:
            entity = self.model.entities.get(entity_id)
            self._names[entity_id] = [n.text for n in entity_names(entity)] if entity else [entity_id]
        return self._names[entity_id]

    def value_found(self, value: Value, text: str, folded: str, prose: bool = False) -> bool:
        if value.kind == "entity":
            return any(mentions(folded, n) for n in self.names(value.text))
        if value.kind != "literal":
            return False
        datatype = value.datatype or ""
        if prose and len(content_stems(value.text)) >= 4:
            return share_found(folded, value.text) >= PROSE_SHARE
        if datatype in (XSD + "date", XSD + "gYearMonth", XSD + "gYear"):
            parts = [int(p) for p in value.text.split("-")]
            return states_date(text, *parts) is not None
        if datatype.startswith(XSD) and datatype[len(XSD) :] in ("decimal", "integer", "nonNegativeInteger",
                                                                    "positiveInteger", "double"):  # fmt: skip
            return states_number(text, value.text) is not None
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

    def event_dated(self, subject: Entity, text: str) -> bool:
        """Whether the paragraph states the event's date, to the month when the event has one (articles name events by
        when they happened: "the massacre ... in November 2019", "in Ayotzinapa ... in 2014")."""
        if not self.vocab.is_a(subject.type, "Event"):
            return False
        for statement in subject.statements:
            if statement.predicate in ("date", "startDate") and statement.value.kind == "literal":
                parts = [int(p) for p in statement.value.text.split("-")]
                if states_date(text, *parts[:2]) is not None:
                    return True
        return False

    # -------------------------------------------------------------- checking
    def paragraph(self, citation: Citation) -> str | None:
        """The cited paragraph's text, or None when the text does not have it (reported)."""
        section = self.sections[citation.source].get(citation.section or "")
        if section is None or not citation.paragraph or citation.paragraph > len(section.paragraphs):
            where = f"§{citation.section} ¶{citation.paragraph}"
            self.problems.warning(
                citation.pos, "citation-not-in-text", f"{where} of `{citation.source}` is not in its text"
            )
            self.report.flagged += 1
            return None
        return section.paragraphs[citation.paragraph - 1].text

    def check(self, subject: Entity, statements: list[Statement], citation: Citation, pos: Pos,
              own: bool = False) -> None:  # fmt: skip
        """Check one citation of one or more statements of `subject` (an entity's own `cite` supports its names and
        every top-level attribute: it must mention the entity or one of them). A citation the words do not support
        is counted as allowed when the allow-list names it, and flagged otherwise."""
        if citation.source not in self.sections:
            return
        self.report.checked += 1
        text = self.paragraph(citation)
        if text is None:
            return
        looked = self.unsupported(subject, statements, citation, text)
        if looked is None:
            self.report.supported += 1
            return
        cite = f"{citation.source} §{citation.section} ¶{citation.paragraph}"
        for statement in statements if not own else []:
            key = (subject.id, statement.predicate, cite)
            allowed = self.allowlist.get(key)
            if allowed is not None and allowed.object in (None, statement.value.text.rsplit("/", 1)[-1]):
                self.used.add(key)
                self.report.allowed += 1
                return
        if own and (subject.id, "cite", cite) in self.allowlist:
            self.used.add((subject.id, "cite", cite))
            self.report.allowed += 1
            return
        self.report.flagged += 1
        what = self.describe(Value("entity", subject.id))
        if looked:
            what += " nor " + ", ".join(dict.fromkeys(looked))
        predicate = statements[0].predicate if statements else ""
        if own:
            predicate = "the entity's cite: its names and top-level attributes" if statements else "its names"
        self.problems.warning(pos, "citation-unsupported", f"{cite} ({predicate}) does not mention {what}")

    def unsupported(self, subject: Entity, statements: list[Statement], citation: Citation,
                    text: str) -> list[str] | None:  # fmt: skip
        """None when the paragraph supports the statements; otherwise what was looked for and not found."""
        folded = f" {fold(text)} "
        if any(mentions(folded, n) for n in self.names(subject.id)) or self.event_dated(subject, text):
            return None
        authors = self.authors(citation.source)
        looked: list[str] = []
        for statement in statements:
            if statement.value.kind == "entity" and statement.value.text in authors:
                return None  # the cited article is the object's own writing: its byline says so
            if self.value_found(statement.value, text, folded, statement.predicate in PROSE_PREDICATES):
                return None
            if statement.value.kind != "concept" and statement.predicate not in ("claim",):
                looked.append(self.describe(statement.value))
            for name, qualifier in statement.qualifiers.items():
                # dates and quantities, and the entities a claim is about, is claimed by or is reported from
                if (name in DATE_QUALIFIERS + NUMBER_QUALIFIERS or qualifier.kind == "entity") and self.value_found(
                    qualifier, text, folded
                ):
                    return None
        return looked

    def stated_somewhere(self, statement: Statement) -> bool | None:
        """For a statement whose value is a number or a date: whether one of its citations states it. None when
        that cannot be told (not a number or date, or a citation without a text, such as curator knowledge)."""
        value = statement.value
        datatype = value.datatype or ""
        if value.kind != "literal" or not datatype.startswith(XSD) or datatype[len(XSD) :] == "string":
            return None
        if statement.error is not None:
            return None  # the source's wrong figure is recorded as it was written; the support check covers it
        texts = []
        for citation in statement.citations:
            if citation.source not in self.sections:
                return None
            section = self.sections[citation.source].get(citation.section or "")
            if section is None or not citation.paragraph or citation.paragraph > len(section.paragraphs):
                return None
            texts.append(section.paragraphs[citation.paragraph - 1].text)
        return any(self.value_found(value, text, f" {fold(text)} ") for text in texts)

    def check_values(self, entity: Entity) -> None:
        """A number or date must be stated by one of the paragraphs cited for it: naming the subject is not enough
        (a mistyped 31 for 13 would pass the support check)."""
        for statement in entity.statements:
            stated = self.stated_somewhere(statement)
            self.report.values_checked += stated is not None
            if stated is False:
                cites = ", ".join(f"{c.source} §{c.section} ¶{c.paragraph}" for c in statement.citations)
                keys = [(entity.id, statement.predicate, cites.split(", ")[i]) for i in range(len(statement.citations))]
                allowed = next((k for k in keys if k in self.allowlist), None)
                if allowed is not None:  # reviewed: the value follows from the words (a date "the next day")
                    self.used.add(allowed)
                    self.report.values_allowed += 1
                    continue
                self.report.values_flagged += 1
                self.problems.warning(
                    statement.pos,
                    "citation-value",
                    f"`{statement.predicate}` {statement.value.text} is not stated in {cites} (looked for the number "
                    "or date in every common form); cite the paragraph that gives it, or add `curator`",
                )

    def run(self) -> CitationReport:
        for entity in self.model.entities.values():
            self.check_values(entity)
            top = [s for s in entity.statements if s.citations is entity.citations]
            for citation in entity.citations:
                self.count(citation)
                self.check(entity, top, citation, citation.pos, own=True)
            for statement in entity.statements:
                if statement.citations is entity.citations:
                    continue
                for citation in statement.citations:
                    self.count(citation)
                    self.check(entity, [statement], citation, statement.pos)
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


def check_citations(graph_dir: Path, texts_dir: Path, model: Model, vocab: Vocabulary,
                    problems: Problems) -> CitationReport:  # fmt: skip
    """Check every citation of an article whose text is in `texts_dir` (mapped by `graph_dir/texts.yaml`), reporting
    warnings into `problems`; return the counts."""
    refs = read_text_refs(graph_dir, problems)
    for source, ref in refs.items():
        entity = model.entities.get(source)
        if entity is None or not vocab.is_a(entity.type, "Source"):
            problems.error(ref.pos, "unknown-id", f"`{source}` in texts.yaml is not a source of the graph")
    articles = load_texts({k: v for k, v in refs.items() if k in model.entities}, texts_dir, problems)
    checker = Checker(model, vocab, articles, read_allowlist(graph_dir, problems), problems)
    report = checker.run()
    report.unchecked_sources = sorted(
        e.id for e in model.entities.values() if e.type == "Article" and e.id not in articles
    )
    return report


def allowed_share(report: CitationReport) -> float:
    """The share of checked citations that the allow-list accounts for (citations and values), in percent."""
    return 100.0 * (report.allowed + report.values_allowed) / report.checked if report.checked else 0.0
