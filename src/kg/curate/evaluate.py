"""How well `kg mentions` finds the graph's entities, with the graph's own citations as the truth.

Which citations count: an entity whose own `cite` names a paragraph is *named* there (its labels and attributes come
from it): those are what a finder must find (recall). An entity is *linked* to a paragraph when it is named there or
is the subject or object of a statement cited to it: a found entity linked to the paragraph is a correct find
(precision); one that is not is counted wrong, although the paragraph may name it without the graph citing it, so the
precision is a floor. Only kinds a text names are scored (agents, places, laws, programs, strategies, offices):
events and indicators are described rather than named."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core.model import Model
from ..load.vocabulary import Vocabulary
from .mentions import ParagraphMentions

SCORED_KINDS = ("Agent", "Place", "Law", "SocialProgram", "Strategy", "Post")


@dataclass(frozen=True)
class Score:
    found: int  # (paragraph, entity) pairs found
    correct: int  # of those, linked to the paragraph by a citation
    named: int  # pairs the graph's entity citations name
    recalled: int  # of those, found
    in_article: int  # found pairs linked to the paragraph, or named in full and cited elsewhere in the same source

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def article_precision(self) -> float:
        """Precision when a full name of an entity the graph cites elsewhere in the same source also counts: the
        graph cites a fact once, not every paragraph that repeats a name."""
        return self.in_article / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.named if self.named else 1.0


def citation_truth(model: Model, vocab: Vocabulary, source_id: str) -> tuple[dict, dict]:
    """(named, linked): for each (section, paragraph) of the source, the entities named there and linked to it."""
    named: dict[tuple[str, int], set[str]] = defaultdict(set)
    linked: dict[tuple[str, int], set[str]] = defaultdict(set)

    def scored(entity_id: str) -> bool:
        entity = model.entities.get(entity_id)
        return entity is not None and any(vocab.is_a(entity.type, kind) for kind in SCORED_KINDS)

    for entity in model.entities.values():
        for c in entity.citations:
            if c.source == source_id and c.section and c.paragraph and scored(entity.id):
                named[(c.section, c.paragraph)].add(entity.id)
                linked[(c.section, c.paragraph)].add(entity.id)
        for st in entity.statements:
            for c in st.citations:
                if c.source != source_id or not c.section or not c.paragraph:
                    continue
                ids = [st.subject] + ([st.value.text] if st.value.kind == "entity" else [])
                linked[(c.section, c.paragraph)].update(i for i in ids if scored(i))
    return named, linked


def score(results: list[ParagraphMentions], model: Model, vocab: Vocabulary, source_id: str) -> Score:
    """Precision and recall of the entities found per paragraph against the source's citations in the graph."""
    named, linked = citation_truth(model, vocab, source_id)
    anywhere = set().union(*linked.values()) if linked else set()
    found = correct = recalled = in_article = 0
    for r in results:
        key = (r.section, r.paragraph.number)
        ids = {i for i in r.entities if any(vocab.is_a(model.entities[i].type, k) for k in SCORED_KINDS)}
        full = {m.entity for m in r.mentions if m.kind != "partial"}
        found += len(ids)
        correct += len(ids & linked.get(key, set()))
        in_article += len(ids & (linked.get(key, set()) | (anywhere & full)))
        recalled += len(ids & named.get(key, set()))
    return Score(found, correct, sum(len(v) for v in named.values()), recalled, in_article)
