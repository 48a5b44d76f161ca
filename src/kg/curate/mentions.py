"""`kg mentions`: for each paragraph of an article (read by `kg.text.article`, the project's one reader), the graph's
entities it names, the names it holds that the graph does not (candidate new entities), and its numbers and dates
(`kg.text.quantities`)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..core.model import Entity, Model
from ..core.names import fold
from ..load.vocabulary import Vocabulary
from ..text.article import Article, Paragraph
from ..text.places import STATES
from ..text.quantities import quantities
from .gazetteer import COMMON_WORDS, Gazetteer, Hit, build_gazetteer, fold_word

_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")
CONNECTORS = frozenset({"de", "del", "la", "las", "los", "y", "e", "of", "the", "for", "and", "on", "in"})
LEADING = frozenset({"the", "el", "la", "los", "las", "a", "an", "un", "una"})
# Capitalised words that are not names of anything a graph would hold.
NOT_NAMES = frozenset(fold(w) for w in """
I A An The This That These Those There Their They He She It Its His Her We Our You In On At By For From With As Of
And But Or If When While After Before Since During Although However Yet Still Also Then Thus So Meanwhile
El La Los Las Un Una Unos Unas En Con Por Para Sin Sobre Entre Desde Hasta Durante Tras Según Pero Sin Embargo Y O
Este Esta Estos Estas Ese Esa Eso Aquel Aquella Su Sus Nuestro Nuestra Al Del Lo Que Como Cuando Donde Aunque
January February March April May June July August September October November December
Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Lunes Martes Miércoles Jueves Viernes Sábado Domingo
Mexican Mexicans American Americans Mexicano Mexicana Mexicanos Mexicanas Estadounidense Estadounidenses
Read More Photo Foto Source Sources Fuente Fuentes Mr Mrs Ms Dr Sr Sra Don Doña
""".split())
ORG_WORDS = frozenset(fold(w) for w in """
cartel cártel cartels guard guardia secretariat secretaría secretaria ministry ministerio institute instituto office
oficina fiscalía fiscalia prosecutor party partido army ejército police policía court corte tribunal university
universidad center centre centro commission comisión council consejo agency agencia department departamento
bank banco association asociación foundation fundación group grupo company compañía network red committee comité
senate senado congress congreso chamber cámara
""".split())
PLACE_WORDS = frozenset(fold(w) for w in """city ciudad state estado municipality municipio valley valle river río sierra
airport aeropuerto port puerto highway carretera""".split())


@dataclass
class Mention:
    entity: str
    written: str
    kind: str  # how the name matched: label, alias, acronym, officialName, nameInSource, partial


@dataclass
class Candidate:
    name: str
    guess: str  # Person | Organization | Place | ?
    place: str | None = None  # what the gazetteer of Mexico's places says of the name, when it knows it


@dataclass
class ParagraphMentions:
    """What one paragraph names and states."""

    paragraph: Paragraph
    section: str  # the section key to cite (the source's slug when a source maps it, else the article's key)
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    @property
    def entities(self) -> list[str]:
        return sorted({m.entity for m in self.mentions})


def section_map(article: Article, source: Entity | None) -> dict[str, str]:
    """Article section key → the source's section slug: by heading, else by position when both count the same."""
    if source is None or not source.sections:
        return {}
    by_heading = {fold(s.heading): slug for slug, s in source.sections.items()}
    mapped = {s.key: by_heading[fold(s.heading)] for s in article.sections if fold(s.heading) in by_heading}
    if len(source.sections) == len(article.sections):
        for section, slug in zip(article.sections, source.sections, strict=True):
            mapped.setdefault(section.key, slug)
    return mapped


def find_mentions(article: Article, model: Model, vocab: Vocabulary, *, source: Entity | None = None,
                  gazetteer: Gazetteer | None = None) -> list[ParagraphMentions]:
    """Every paragraph of the article with the graph's entities it names, candidate new names, numbers and dates.

    A name shared by several entities ("Guzmán": father and son) goes to the one the article named in full most
    recently; with none, it is listed as ambiguous rather than guessed.
    """
    from ..text.places import load_places

    gazetteer = gazetteer or build_gazetteer(model, vocab)
    places = load_places()
    sections = section_map(article, source)
    recent: dict[str, int] = {}
    new_names: set[str] = set()  # folded names the article gives that the graph does not hold
    new_name_ends: set[str] = set()  # their last words ("guzman", "joaquin guzman" → "guzman")
    result = []
    for index, paragraph in enumerate(article.paragraphs()):
        found = ParagraphMentions(paragraph, sections.get(paragraph.section, paragraph.section))
        hits = gazetteer.scan(paragraph.text)
        found.candidates = _candidates(paragraph.text, hits, gazetteer, places)
        for c in found.candidates:
            folded = fold(c.name)
            if folded not in new_names:
                new_names.add(folded)
                words = folded.split()
                new_name_ends.update(" ".join(words[i:]) for i in range(1, len(words)))
        written: set[tuple[str, str]] = set()
        for hit in hits:
            _resolve(hit, found, recent, index, new_name_ends, written)
        _numbers_and_dates(paragraph.text, found)
        result.append(found)
    return result


def _numbers_and_dates(text: str, found: ParagraphMentions) -> None:
    """The paragraph's dates (the longest reading of each: "12 June 2032", not also "June 2032" and "2032") and its
    numbers outside them, each once. Linear after sorting: containment is found by sweeping spans in order."""
    stated = quantities(text)
    dates = sorted((q for q in stated if q.kind == "date"), key=lambda q: (q.start, -q.end))
    shown_dates: set[str] = set()
    covered: list[tuple[int, int]] = []  # merged spans of all dates, in order
    reach = -1  # the furthest end of the dates starting before the current span (or at it, and longer)
    previous: tuple[int, int] | None = None
    inside = False
    for q in dates:
        span = (q.start, q.end)
        if span != previous:  # readings of one span are neighbours in this order and share the answer
            inside = reach >= q.end
            reach = max(reach, q.end)
            previous = span
        if not inside and q.text not in shown_dates:
            shown_dates.add(q.text)
            found.dates.append(q.text)
        if covered and q.start <= covered[-1][1]:
            covered[-1] = (covered[-1][0], max(covered[-1][1], q.end))
        else:
            covered.append(span)
    starts = [c[0] for c in covered]
    seen_numbers: set[int] = set()
    shown_numbers: set[str] = set()
    for q in stated:
        if q.kind == "date" or q.start in seen_numbers:
            continue
        i = bisect.bisect_right(starts, q.start) - 1
        if i >= 0 and q.end <= covered[i][1]:
            continue  # part of a date
        seen_numbers.add(q.start)
        # A number in digits is shown as written ("2.6 million"); one in words by its value ("three" → 3).
        digits = any(ch.isdigit() for ch in q.text)
        if not digits and (q.value is None or q.value == 1):
            continue  # "un", "una", "one": an article far more often than a count
        shown = q.text if digits else _plain(q.value)
        if shown not in shown_numbers:
            shown_numbers.add(shown)
            found.numbers.append(shown)


def _plain(value) -> str:
    text = format(value.normalize(), "f")
    return text


def _resolve(hit: Hit, found: ParagraphMentions, recent: dict[str, int], index: int, new_name_ends: set[str],
             written: set[tuple[str, str]]) -> None:
    ids = hit.entities
    full = [s for s in hit.surfaces if s.kind != "partial"]
    folded = fold(hit.text)
    if not full and folded in new_name_ends:
        # The article named someone else in full with this surname ("Joaquín Guzmán" where the graph has only
        # Ovidio Guzmán): the surname alone is theirs as much as the graph's.
        found.ambiguous.append((hit.text, ids))
        return
    chosen = None
    if len(ids) == 1:
        chosen = ids[0]
    elif len({s.entity for s in full}) == 1:
        chosen = full[0].entity
    else:
        named = [i for i in ids if i in recent]
        if named:
            chosen = max(named, key=lambda i: recent[i])
    if chosen is None:
        found.ambiguous.append((hit.text, ids))
        return
    surface = next(s for s in hit.surfaces if s.entity == chosen)
    if surface.kind != "partial":
        recent[chosen] = index
    if (chosen, hit.text) not in written:
        written.add((chosen, hit.text))
        found.mentions.append(Mention(chosen, hit.text, surface.kind))


def _upper_letters() -> str:
    """Every upper-case letter of the Basic Multilingual Plane, as a regular-expression class body."""
    letters = "".join(chr(c) for c in range(0x10000) if chr(c).isupper() and chr(c).isalpha())
    return letters.replace("\\", "").replace("]", "").replace("^", "").replace("-", "")


_CAPITAL_TOKEN = f"[{_upper_letters()}][\\w'’.\\-]*"
_CONNECTOR_TOKEN = "(?:" + "|".join(sorted(CONNECTORS, key=len, reverse=True)) + ")(?![\\w'’.\\-])"
# A run of capitalised words, joined by blanks on one line and by connectors ("Fiscalía General del Estado"): the
# only stretches of a paragraph where a new name can be, found by the regular-expression engine in one pass.
_RUN = re.compile(f"{_CAPITAL_TOKEN}(?:[^\\S\\n]+(?:(?i:{_CONNECTOR_TOKEN})[^\\S\\n]+)*{_CAPITAL_TOKEN})*")


STATE_NAMES = {key: short for key, (short, _) in STATES.items()}
_STATE_AFTER = re.compile(r",[^\S\n]*((?:[^\W\d_][\w.]*[^\S\n]*){1,4})")


def _place_note(name: str, places, text: str = "", end: int = 0) -> str | None:
    """The gazetteer's type for a name: a state, one populated place (where, and its point), or how many. A state
    named right after it ("El Aguaje, Michoacán") is where it is looked for."""
    if places is None:
        return None
    key = places.state_key(name)
    if key is not None:
        return "State (gazetteer)"
    state = None
    after = _STATE_AFTER.match(text, end) if text else None
    if after:
        words = after.group(1).split()
        state = next((k for n in range(len(words), 0, -1) if (k := places.state_key(" ".join(words[:n])))), None)
    if state is not None:
        match = places.lookup(name, state)
        if match.place is None:
            where = places.lookup(name)
            if not where.candidates:
                return None
            return (f"not in the gazetteer in {STATE_NAMES[state]} ({where.candidates} elsewhere in Mexico): "
                    "no coordinates")
    else:
        match = places.lookup(name)
    if match.place is not None:
        p = match.place
        return f"populated place in {p.state}, GeoNames {p.geonameid}, {p.latitude}, {p.longitude}"
    if match.ambiguous:
        return f"{match.candidates} populated places of that name (GeoNames): which one depends on the state"
    return None


def _candidates(text: str, hits: list[Hit], gazetteer: Gazetteer, places=None) -> list[Candidate]:
    """Capitalised name phrases (EN and ES: "Tepochica", "Fiscalía General del Estado") that no hit covers.

    Linear in the paragraph's length: only the runs of capitalised words are looked at word by word, hits are
    walked once beside them, and runs are trimmed by index (a run of thousands of words costs its length, once).
    """
    spans = iter(sorted((h.start, h.end) for h in hits))
    span = next(spans, None)
    runs: list[list[re.Match[str]]] = []
    for run_match in _RUN.finditer(text):
        current: list[re.Match[str]] = []
        for token in _TOKEN.finditer(text, run_match.start(), run_match.end()):
            while span is not None and span[1] <= token.start():
                span = next(spans, None)
            if span is not None and span[0] <= token.start() < span[1]:
                # A name the graph holds ends the run, unless it completes a longer name after a connector
                # ("Secretaría de Seguridad de Michoacán"): then it is part of that name.
                joins = (len(current) >= 2 and _fold_word_is_connector(current[-1].group())
                         and not text[current[-1].end():token.start()].strip()) or (
                    current and current[-1].start() >= span[0])
                if joins:
                    current.append(token)
                    continue
                if current:
                    runs.append(current)
                current = []
                continue
            if current and text[current[-1].end():token.start()].strip():
                runs.append(current)  # something other than blanks between them (a hit's words)
                current = []
            if current or token.group()[:1].isupper():
                current.append(token)
        if current:
            runs.append(current)
    found: list[Candidate] = []
    names: set[str] = set()
    for run in _split_lists(runs):
        first, last = 0, len(run)
        while last > first and (fold_word(run[last - 1].group()) in CONNECTORS or not run[last - 1].group()[:1].isupper()):
            last -= 1
        while first < last and not run[first].group()[:1].isupper():
            first += 1  # a connector left at the start by a split ("de La Mora")
        while first < last and fold_word(run[first].group()) in LEADING | NOT_NAMES:
            word = run[first].group()
            if fold_word(word) in LEADING and word[:1].isupper() and first + 1 < last and (
                    not _sentence_start(text, run[first].start())
                    or (places is not None and places.is_place_name(text[run[first].start():run[last - 1].end()]))):
                break  # a capitalised article mid-sentence, or a known place's, is part of the name: "El Aguaje"
            first += 1
        if last - first > 2 and _sentence_start(text, run[first].start()) and run[first].group().endswith("s") and \
                fold_word(run[first + 1].group()) in CONNECTORS:
            # "Prosecutors of the FGR": a plural noun capitalised only because it opens the sentence.
            first += 1
            while first < last and fold_word(run[first].group()) in CONNECTORS:
                first += 1
        if first >= last:
            continue
        kept = run[first:last]
        name = text[kept[0].start():kept[-1].end()].rstrip(".")
        words = [fold_word(t.group()) for t in kept if t.group()[:1].isupper()]
        if all(w in NOT_NAMES for w in words):
            continue
        if name in names or fold(name) in gazetteer.surfaces:
            continue  # proposed already, or a name the graph holds
        place = _place_note(name, places, text, kept[-1].end())
        if len(kept) == 1 and (len(name) < 3 or words[0] in COMMON_WORDS or (
                _sentence_start(text, kept[0].start()) and place is None)):
            continue  # a capitalised word opening a sentence is no name, unless it is a known place ("Morelia")
        names.add(name)
        guess = _guess([t.group().rstrip(".") for t in kept])
        found.append(Candidate(name, "Place" if place and guess in ("?", "Person") else guess, place))
    return found


CONJUNCTIONS = frozenset({"y", "e", "and"})


def _split_lists(runs: list[list[re.Match[str]]]) -> list[list[re.Match[str]]]:
    """Runs split where a conjunction starts another name ("Totolapan y de La Mora", "Sinaloa and the Army"): a
    conjunction inside one name ("Seguridad y Protección Ciudadana") is followed by a capitalised word."""
    out = []
    for run in runs:
        start = 0
        for i in range(1, len(run) - 1):
            if fold_word(run[i].group()) in CONJUNCTIONS and fold_word(run[i + 1].group()) in CONNECTORS | LEADING:
                out.append(run[start:i])
                start = i + 1
        out.append(run[start:])
    return [r for r in out if r]


def _fold_word_is_connector(word: str) -> bool:
    return fold_word(word) in CONNECTORS


def _sentence_start(text: str, position: int) -> bool:
    """Whether `position` opens a sentence: only spaces, quotes and opening marks between it and the text's start
    or a `.!?:;` or line break (read backwards from `position`, never copying the text before it)."""
    i = position - 1
    while i >= 0 and text[i] in " \"“‘'(¿¡":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"


def _guess(written: list[str]) -> str:
    """A first guess at the kind of thing a name names, for the curator to confirm: an acronym or a word such as
    "Cartel" or "Secretaría" makes an organisation, "City" or "Municipio" a place, two to four other words a person."""
    words = {fold(w) for w in written}
    if words & ORG_WORDS or (len(written) == 1 and written[0].isupper() and len(written[0]) >= 2):
        return "Organization"
    if words & PLACE_WORDS:
        return "Place"
    capitalised = [w for w in written if w[:1].isupper()]
    if 2 <= len(capitalised) <= 4 and len(capitalised) == len(written):
        return "Person"
    return "?"
