"""A gazetteer of the graph's names and a scan of text against it: every label, alias, acronym, official name and
name-as-written of an entity, plus the partial names a reader recognises (a person's surnames, a nickname without
its article: "Guzmán", "Mencho"), matched whole-word and accent-, case- and punctuation-insensitively with one
Aho-Corasick automaton (pyahocorasick)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..core.model import Model
from ..core.names import entity_names, fold
from ..load.vocabulary import Vocabulary

SCAN_WINDOW = 50_000  # words a scan holds at once
# Kinds of entity a text names; sources, observations and statements are not looked for.
NAMED_KINDS = ("Agent", "Place", "Law", "SocialProgram", "Strategy", "Post", "Event", "Indicator")
ARTICLES = ("el", "la", "los", "las", "the")
# Words that are names only when capitalised mid-sentence, and never on their own as a partial name.
COMMON_WORDS = frozenset("""
a an and as at by de del en for from he her his in is it its la las le los no not of on or our per por que se she
the their they this to un una we with y general president presidente army ejercito police policia government
gobierno state estado city ciudad national nacional federal guard guardia new nueva security seguridad court
cartel cartels carteles minister ministro secretary secretario mexico united states republic republica north south
""".split())
_WORD = re.compile(r"\w+")
# One word folded: the same words come back all through a text (cached, as kg.importers.reconcile does for names).
fold_word = functools.lru_cache(maxsize=1 << 16)(fold)


@functools.lru_cache(maxsize=1 << 16)
def _scan_word(word: str) -> str:
    """A word as the scan compares it: folded, without the spaces folding leaves inside it ("Mexico’s" → "mexicos")."""
    return "".join(fold(word).split())


@dataclass(frozen=True)
class Surface:
    """One way of writing an entity's name: the folded text matched, how it was derived, and how it must look."""

    entity: str
    folded: str
    kind: str  # label | alias | acronym | officialName | nameInSource | partial
    written: str  # the name as the graph writes it
    upper_only: bool  # an acronym: matches only in capitals (so "UN" is not the Spanish "un")
    capitalised: bool  # must start with a capital letter in the text


@dataclass(frozen=True)
class Hit:
    """A name found in a text: character offsets in the original text and the surfaces it matched (one per entity)."""

    start: int
    end: int
    text: str
    surfaces: tuple[Surface, ...]

    @property
    def entities(self) -> tuple[str, ...]:
        return tuple(sorted({s.entity for s in self.surfaces}))


@dataclass
class Gazetteer:
    """Every surface form of every named entity, compiled into one automaton."""

    surfaces: dict[str, list[Surface]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    known_words: set[str] = field(default_factory=set)
    longest: int = 1  # the most words in one name
    _automaton: object = None

    def add(self, surface: Surface) -> None:
        if not surface.folded:
            return
        found = self.surfaces.setdefault(surface.folded, [])
        if not any(s.entity == surface.entity for s in found):
            found.append(surface)
        self.known_words.update(surface.folded.split())
        self.longest = max(self.longest, len(surface.folded.split()))

    def compile(self) -> None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for folded in self.surfaces:
            automaton.add_word(f" {folded} ", folded)
        automaton.make_automaton()
        self._automaton = automaton

    def scan(self, text: str) -> list[Hit]:
        """The names in `text`, leftmost-longest, never overlapping; a name ambiguous between entities is one hit
        carrying all of them.

        The text's words are read in windows of SCAN_WINDOW words, each overlapping the next by the longest name's
        length, so that time and memory stay proportional to the text (a 20 MB paragraph is not held as millions of
        tuples at once) and no name across a window's edge is missed."""
        words = ((m.start(), m.end(), f) for m in _WORD.finditer(text) if (f := _scan_word(m.group())))
        hits: list[Hit] = []
        buffer: list[tuple[int, int, str]] = []
        taken, min_first, done = -1, 0, False
        while True:
            while not done and len(buffer) < SCAN_WINDOW + self.longest + 1:
                word = next(words, None)
                if word is None:
                    done = True
                else:
                    buffer.append(word)
            cut = len(buffer) if done else len(buffer) - self.longest
            taken = self._scan_window(text, buffer, min_first, cut, taken, hits)
            if done:
                return hits
            keep = max(cut, taken + 1) - 1  # one word before the next window's first, for its neighbour check
            buffer = buffer[keep:]
            taken, min_first = taken - keep, 1

    def _scan_window(self, text: str, tokens: list[tuple[int, int, str]], min_first: int, cut: int, taken: int,
                     hits: list[Hit]) -> int:
        """Add to `hits` the names starting at word min_first..cut-1 of `tokens` after word `taken`; returns the last
        word taken."""
        folded_parts, starts = [], []
        position = 1
        for _, _, word in tokens:
            starts.append(position)
            folded_parts.append(word)
            position += len(word) + 1
        haystack = " " + " ".join(folded_parts) + " "
        index_of = {start: i for i, start in enumerate(starts)}
        candidates = []
        for end, folded in self._automaton.iter(haystack):  # type: ignore[attr-defined]
            begin = end - len(folded) - 1 + 1  # the leading space of the pattern
            first = index_of.get(begin)
            if first is None or not min_first <= first < cut:
                continue
            last = first + len(folded.split()) - 1
            candidates.append((first, last, folded))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        for first, last, folded in candidates:
            if first <= taken:
                continue
            start, end = tokens[first][0], tokens[last][1]
            written = text[start:end]
            inside_name = _capitalised_neighbour(text, tokens, first, last)
            # A partial name inside a longer capitalised name ("Pérez" in "Rodrigo Invento Pérez") is someone else.
            surfaces = tuple(s for s in self.surfaces[folded]
                             if _looks_right(s, written) and not (s.kind == "partial" and inside_name))
            if surfaces and all(s.upper_only for s in surfaces) and _beside_number(text, start, end):
                continue  # "USD 300", "300 MXN": a unit, not the organisation with that acronym
            if not surfaces:
                continue
            hits.append(Hit(start, end, written, surfaces))
            taken = last
        return taken


def _capitalised_neighbour(text: str, tokens: list[tuple[int, int, str]], first: int, last: int) -> bool:
    """Whether the words right before or after tokens first..last (same line, only spaces between) are capitalised."""
    for other, gap in ((first - 1, (lambda o: text[tokens[o][1]:tokens[first][0]])),
                       (last + 1, (lambda o: text[tokens[last][1]:tokens[o][0]]))):
        if 0 <= other < len(tokens) and gap(other).strip(" ") == "":
            word = text[tokens[other][0]:tokens[other][1]]
            if word[:1].isupper() and fold(word) not in ARTICLES:
                return True
    return False


def _beside_number(text: str, start: int, end: int) -> bool:
    """Whether the nearest non-blank character before `start` or after `end` is a digit (scanned, not sliced: a
    slice of the rest of the text per hit made a long paragraph quadratic)."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    return (i >= 0 and text[i].isdigit()) or (j < len(text) and text[j].isdigit())


def _looks_right(surface: Surface, written: str) -> bool:
    letters = [ch for ch in written if ch.isalpha()]
    if surface.upper_only:
        return all(ch.isupper() for ch in letters)
    if surface.capitalised:
        return bool(letters) and written.lstrip()[0].isupper()
    return True


def _is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return 1 < len(letters) <= 8 and all(ch.isupper() for ch in letters) and " " not in name.strip()


def build_gazetteer(model: Model, vocab: Vocabulary) -> Gazetteer:
    """The gazetteer of every entity of a named kind in the model."""
    gazetteer = Gazetteer()
    partials: dict[str, set[str]] = {}
    partial_written: dict[tuple[str, str], str] = {}
    for entity in model.entities.values():
        if not any(vocab.is_a(entity.type, kind) for kind in NAMED_KINDS):
            continue
        gazetteer.types[entity.id] = entity.type
        gazetteer.labels[entity.id] = entity.labels.get("en") or entity.labels.get("es") or entity.id
        for name in entity_names(entity):
            if name.kind == "id":
                continue
            folded = fold(name.text)
            # A one-word name written with a capital ("Defensa", "Army", "Washington") is a name only when the text
            # capitalises it too; longer names ("national guard") are recognised in any case.
            capitalised = name.text[:1].isupper() and (" " not in folded or folded in COMMON_WORDS)
            gazetteer.add(Surface(entity.id, folded, name.kind, name.text, _is_acronym(name.text), capitalised))
            bare = " ".join(w for w in folded.split() if w not in ("de", "del"))
            if bare != folded and len(bare.split()) >= 3:
                # Spanish names are written with or without "de": "Cártel (de) Jalisco Nueva Generación".
                gazetteer.add(Surface(entity.id, bare, name.kind, name.text, False, False))
            for partial in _partial_names(name.text, vocab.is_a(entity.type, "Person")):
                key = fold(partial)
                if key and key != folded and key not in COMMON_WORDS:
                    partials.setdefault(key, set()).add(entity.id)
                    partial_written.setdefault((key, entity.id), partial)
    for key, ids in partials.items():
        if key in gazetteer.surfaces:
            continue  # a full name of some entity wins over anyone's partial name
        for entity_id in sorted(ids):
            gazetteer.add(Surface(entity_id, key, "partial", partial_written[(key, entity_id)], False, True))
    gazetteer.compile()
    return gazetteer


def _partial_names(name: str, person: bool) -> list[str]:
    """Shorter forms a reader takes for the name: without a leading article ("El Mencho" → "Mencho"); for a person,
    the surnames (the last one or two words: "Joaquín Guzmán Loera" → "Guzmán Loera", "Guzmán")."""
    words = name.replace('"', " ").split()
    found = []
    if len(words) > 1 and fold(words[0]) in ARTICLES:
        found.append(" ".join(words[1:]))
    if person and len(words) >= 2 and not _is_acronym(name):
        capitalised = [w for w in words if w[:1].isupper() and fold(w) not in ARTICLES and "." not in w]
        if len(capitalised) == 2:
            found.append(capitalised[-1])  # "David Shirk" → "Shirk"
        elif len(capitalised) >= 3:
            # Spanish names end in the father's and the mother's surname; the father's is the one used alone.
            found.append(" ".join(capitalised[-2:]))
            found.append(capitalised[-2])
    return [f for f in found if len(f) >= 4]
