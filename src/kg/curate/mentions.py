"""`kg mentions`: for each paragraph of an article (read by `kg.text.article`, the project's one reader), the graph's
entities it names, the names it holds that the graph does not (candidate new entities), and its numbers and dates
(`kg.text.quantities`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.model import Entity, Model
from ..core.names import fold
from ..load.vocabulary import Vocabulary
from ..text.article import Article, Paragraph
from ..text.quantities import quantities
from .gazetteer import COMMON_WORDS, Gazetteer, Hit, build_gazetteer

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
PLACE_WORDS = frozenset(fold(w) for w in "city ciudad state estado municipality municipio valley valle river río sierra".split())


@dataclass
class Mention:
    entity: str
    written: str
    kind: str  # how the name matched: label, alias, acronym, officialName, nameInSource, partial


@dataclass
class Candidate:
    name: str
    guess: str  # Person | Organization | Place | ?


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
    gazetteer = gazetteer or build_gazetteer(model, vocab)
    sections = section_map(article, source)
    recent: dict[str, int] = {}
    new_names: set[str] = set()  # folded names the article gives that the graph does not hold
    result = []
    for index, paragraph in enumerate(article.paragraphs()):
        found = ParagraphMentions(paragraph, sections.get(paragraph.section, paragraph.section))
        hits = gazetteer.scan(paragraph.text)
        found.candidates = _candidates(paragraph.text, hits, gazetteer)
        new_names.update(fold(c.name) for c in found.candidates)
        for hit in hits:
            _resolve(hit, found, recent, index, new_names)
        seen_numbers: set[int] = set()
        stated = quantities(paragraph.text)
        dates = [q for q in stated if q.kind == "date"]
        for q in stated:
            if q.kind == "date":
                # "12 June 2032" is also read as "June 2032" and "2032": show the longest reading only.
                inside = any(o is not q and o.start <= q.start and q.end <= o.end and (o.end - o.start) > (q.end - q.start)
                             for o in dates)
                if not inside and q.text not in found.dates:
                    found.dates.append(q.text)
            elif q.start not in seen_numbers and not any(d.start <= q.start and q.end <= d.end for d in dates):
                seen_numbers.add(q.start)
                # A number in digits is shown as written ("2.6 million"); one in words by its value ("three" → 3).
                digits = any(ch.isdigit() for ch in q.text)
                if not digits and (q.value is None or q.value == 1):
                    continue  # "un", "una", "one": an article far more often than a count
                shown = q.text if digits else _plain(q.value)
                if shown not in found.numbers:
                    found.numbers.append(shown)
        result.append(found)
    return result


def _plain(value) -> str:
    text = format(value.normalize(), "f")
    return text


def _resolve(hit: Hit, found: ParagraphMentions, recent: dict[str, int], index: int, new_names: set[str]) -> None:
    ids = hit.entities
    full = [s for s in hit.surfaces if s.kind != "partial"]
    folded = fold(hit.text)
    if not full and any(n.endswith(" " + folded) for n in new_names):
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
    if all(m.entity != chosen or m.written != hit.text for m in found.mentions):
        found.mentions.append(Mention(chosen, hit.text, surface.kind))


def _candidates(text: str, hits: list[Hit], gazetteer: Gazetteer) -> list[Candidate]:
    """Capitalised name phrases (EN and ES: "Tepochica", "Fiscalía General del Estado") that no hit covers."""
    covered = [(h.start, h.end) for h in hits]
    tokens = [m for m in _TOKEN.finditer(text) if not any(s <= m.start() < e for s, e in covered)]
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for token in tokens:
        word = token.group().rstrip(".")
        gap = text[current[-1].end():token.start()] if current else ""
        joined = current and gap.strip() == "" and "\n" not in gap
        capital = word[:1].isupper()
        if capital and (joined or not current):
            current.append(token)
        elif capital:
            runs.append(current)
            current = [token]
        elif joined and fold(word) in CONNECTORS:
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    found: list[Candidate] = []
    for run in runs:
        while run and (fold(run[-1].group()) in CONNECTORS or not run[-1].group()[:1].isupper()):
            run = run[:-1]
        while run and fold(run[0].group()) in LEADING | NOT_NAMES:
            run = run[1:]
        if len(run) > 2 and _sentence_start(text, run[0].start()) and run[0].group().endswith("s") and \
                fold(run[1].group()) in CONNECTORS:
            # "Prosecutors of the FGR": a plural noun capitalised only because it opens the sentence.
            run = run[1:]
            while run and fold(run[0].group()) in CONNECTORS:
                run = run[1:]
        if not run:
            continue
        name = text[run[0].start():run[-1].end()].rstrip(".")
        words = [fold(t.group()) for t in run if t.group()[:1].isupper()]
        if all(w in NOT_NAMES for w in words):
            continue
        if len(run) == 1 and (_sentence_start(text, run[0].start()) or len(name) < 3 or words[0] in COMMON_WORDS):
            continue
        if fold(name) in gazetteer.surfaces or any(c.name == name for c in found):
            continue
        found.append(Candidate(name, _guess([t.group().rstrip(".") for t in run])))
    return found


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \"“‘'(¿¡")
    return not before or before[-1] in ".!?:;\n"


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
