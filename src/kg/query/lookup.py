"""Entities by the names people use: an id, a label or an alias in English or Spanish, whatever the accents or case.

One index over the model answers every command-line argument that names an entity (`--param`, `--focus`, `kg path`,
`kg show`, `kg find`): `resolve` gives exactly one entity or raises LookupFailed with a message that lists the
candidates of an ambiguous name, suggests the nearest names for an unknown one, or says why an entity of the wrong
type does not fit; `search` ranks entities whose names or descriptions contain some text.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..core.errors import UserError
from ..core.model import Entity, Model
from ..core.names import entity_names, fold
from ..load.vocabulary import Vocabulary

# How many candidates or suggestions a message lists before it says "and N more".
SHOWN = 8


class LookupFailed(UserError):
    """A name that gives no single entity of the wanted type; the message is one paragraph for the user."""

    def __init__(self, message: str, candidates: list[Entity] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


@dataclass(frozen=True)
class Match:
    """A search hit: the entity, how well it matched (higher first) and the name or text that matched."""

    entity: Entity
    score: float
    matched: str


def _label(entity: Entity, lang: str = "en") -> str:
    return entity.labels.get(lang) or next(iter(entity.labels.values()), entity.id)


def describe(entity: Entity) -> str:
    """`id (Label, Type)`: how a candidate is listed in a message."""
    return f"{entity.id} ({_label(entity)}, {entity.type})"


class EntityIndex:
    """Every entity of a model by each of its folded names."""

    def __init__(self, model: Model, vocab: Vocabulary):
        self.model = model
        self.vocab = vocab

    @cached_property
    def by_name(self) -> dict[str, set[str]]:
        """Folded name → ids; made on first use (an argument that is already an id never needs it)."""
        by_name: dict[str, set[str]] = {}
        for entity in self.model.entities.values():
            for name in entity_names(entity):
                by_name.setdefault(fold(name.text), set()).add(entity.id)
            by_name.setdefault(fold(entity.id), set()).add(entity.id)
        return by_name

    def label(self, entity_id: str, lang: str = "en") -> str:
        """The entity's label in `lang` (English, else any), or the id itself for an unknown id."""
        entity = self.model.entities.get(entity_id)
        return _label(entity, lang) if entity is not None else entity_id

    def fits(self, entity: Entity, classes: Iterable[str]) -> bool:
        """True when the entity is of one of `classes` (or a subclass); no classes means any entity fits."""
        wanted = list(classes)
        return not wanted or any(entity.type == c or self.vocab.is_a(entity.type, c) for c in wanted)

    def _sorted(self, ids: Iterable[str]) -> list[Entity]:
        return [self.model.entities[i] for i in sorted(ids)]

    def resolve(self, text: str, *, classes: Iterable[str] = (), what: str = "") -> Entity:
        """The one entity `text` names (an id, or a label or alias in any language, accents and case ignored).

        `classes` narrows an ambiguous name to the entities of those types and rejects an entity of another type;
        `what` names the argument in messages (e.g. "--param case"). Raises LookupFailed otherwise.
        """
        wanted = list(classes)
        where = f"{what}: " if what else ""
        kinds = " or ".join(wanted)
        if text in self.model.entities:
            found = [self.model.entities[text]]
        else:
            found = self._sorted(self.by_name.get(fold(text), ()))
        fitting = [e for e in found if self.fits(e, wanted)]
        if len(fitting) == 1:
            return fitting[0]
        if len(fitting) > 1:
            listed = "; ".join(describe(e) for e in fitting[:SHOWN])
            more = f"; and {len(fitting) - SHOWN} more" if len(fitting) > SHOWN else ""
            raise LookupFailed(f"{where}`{text}` names {len(fitting)} entities: {listed}{more}. Give the id.", fitting)
        if found:
            # The name exists, but not as the kind of entity wanted: say what it is and offer ones that fit.
            others = [m.entity for m in self.search(text, classes=wanted, limit=SHOWN)]
            offer = f" Did you mean {'; '.join(describe(e) for e in others)}?" if others else ""
            what_it_is = "; ".join(describe(e) for e in found[:SHOWN])
            raise LookupFailed(f"{where}`{text}` is {what_it_is}, not {_article(kinds)}.{offer}", others)
        near = self.nearest(text, classes=wanted)
        offer = f" Did you mean {'; '.join(describe(e) for e in near)}?" if near else ""
        raise LookupFailed(f"{where}no {kinds or 'entity'} named `{text}` in the graph.{offer}", near)

    def nearest(self, text: str, *, classes: Iterable[str] = (), limit: int = 3) -> list[Entity]:
        """Entities whose names, or single words of them, are closest in spelling to `text` (difflib's ratio, at
        least 0.6), best first; then those whose names contain it."""
        wanted = list(classes)
        folded = fold(text)
        matcher = difflib.SequenceMatcher(b=folded)
        scores: dict[str, tuple[float, float]] = {}
        for name, ids in self.by_name.items():
            fitting = [i for i in ids if self.fits(self.model.entities[i], wanted)]
            if not fitting:
                continue
            best = 0.0
            for candidate in {name, *name.split()}:
                matcher.set_seq1(candidate)
                if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                    best = max(best, matcher.ratio())
            if best >= 0.6:
                # Among equally close words, the entity whose whole name is closest (the shortest) comes first.
                matcher.set_seq1(name)
                score = (best, matcher.ratio())
                for i in fitting:
                    scores[i] = max(scores.get(i, (0.0, 0.0)), score)
        ranked = sorted(scores, key=lambda i: (-scores[i][0], -scores[i][1], i))
        chosen = {i: self.model.entities[i] for i in ranked[:limit]}
        if len(chosen) < limit:
            for match in self.search(text, classes=wanted, limit=limit):
                chosen.setdefault(match.entity.id, match.entity)
        return list(chosen.values())[:limit]

    def search(self, text: str, *, classes: Iterable[str] = (), limit: int | None = 20) -> list[Match]:
        """Entities whose names or descriptions contain every word of `text`, best first: an exact name, then a name
        starting with it, then a name holding its words, then a description holding them; among equal fits the
        shorter matching name first, then by label."""
        words = fold(text).split()
        if not words:
            return []
        wanted = list(classes)
        phrase = " ".join(words)
        hits: list[Match] = []
        for entity in self.model.entities.values():
            if not self.fits(entity, wanted):
                continue
            best: tuple[float, str] | None = None
            for name in [*(n.text for n in entity_names(entity) if n.kind != "id"), entity.id]:
                folded = fold(name)
                padded = f" {folded} "
                if folded == phrase:
                    score = 4.0
                elif folded.startswith(phrase):
                    score = 3.0
                elif f" {phrase} " in padded:
                    score = 2.5
                elif all(f" {w}" in padded for w in words):
                    score = 2.0
                else:
                    continue
                # Per entity, its best-fitting name; among equal fits the shortest, the most specific.
                if best is None or (score, -len(name)) > (best[0], -len(best[1])):
                    best = (score, name)
            if best is None:
                for description in entity.descriptions.values():
                    folded = f" {fold(description)} "
                    if all(f" {w}" in folded for w in words):
                        best = (1.0, description)
                        break
            if best is not None:
                hits.append(Match(entity, best[0], best[1]))
        hits.sort(key=lambda m: (-m.score, len(m.matched) if m.score > 1.0 else 0, fold(_label(m.entity)),
                                 m.entity.id))
        return hits if limit is None else hits[:limit]


def _article(kinds: str) -> str:
    return f"{'an' if kinds[:1].lower() in 'aeiou' else 'a'} {kinds}" if kinds else "an entity"
