"""How many independent sources stand behind a statement, counted honestly.

A reader who sees "3 independent sources" must be able to trust the number. So:

- sources are counted by **publisher**: two posts of one outlet are one voice (a source without a publisher counts
  by itself);
- a source that says where it took the value from (`reportedFrom`: "according to SESNSP", "told InSight Crime")
  counts as **that origin**, not as itself: the post that reports SESNSP's count and SESNSP are one voice;
- **curator knowledge** is never an independent source: it is shown apart ("also curator knowledge");
- a statement recorded as a **source error** is not evidence for anything: it has no independent sources, only the
  source that said it (shown as "what the source said") and the curators' correction.

Every surface that counts sources (the explorer's "why we believe it", `kg show`, the site, `kg query
corroboration`) uses this one definition.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Entity, Model, Statement

CURATOR_TYPE = "CuratorKnowledge"


@dataclass(frozen=True)
class Evidence:
    """What stands behind one statement: the independent voices (publisher or origin ids, sorted), the sources that
    give it grouped by voice, and whether curator knowledge is cited too."""

    voices: tuple[str, ...]
    sources_by_voice: dict[str, tuple[str, ...]]
    curator: bool = False
    source_error: bool = False

    @property
    def independent(self) -> int:
        return len(self.voices)

    def record(self) -> dict:
        out: dict = {"independent": self.independent, "voices": {v: list(s) for v, s in self.sources_by_voice.items()}}
        if self.curator:
            out["curator"] = True
        if self.source_error:
            out["sourceError"] = True
        return out


def _publishers(source: Entity) -> list[str]:
    return sorted({st.value.text for st in source.statements
                   if st.predicate == "publisher" and st.value.kind == "entity" and not st.error})


def voice_of(source_id: str, model: Model) -> str:
    """Whose voice a source is: its publisher (the first, by id, if several), else the source itself."""
    source = model.entities.get(source_id)
    if source is None:
        return source_id
    publishers = _publishers(source)
    return publishers[0] if publishers else source_id


def is_curator(source_id: str, model: Model) -> bool:
    source = model.entities.get(source_id)
    return source is not None and source.type == CURATOR_TYPE


def statement_evidence(statement: Statement, model: Model) -> Evidence:
    """The evidence for one statement (see the module's text)."""
    origins = sorted({v.text for name, v in statement.qualifiers.items() if name == "reportedFrom" and
                      v.kind == "entity"})
    curator = False
    by_voice: dict[str, set[str]] = {}
    for citation in statement.citations:
        if is_curator(citation.source, model):
            curator = True
            continue
        voices = origins or [voice_of(citation.source, model)]
        for voice in voices:
            by_voice.setdefault(voice, set()).add(citation.source)
    if statement.error:  # what a source said wrongly is not evidence: its sources are kept, counted as none
        return Evidence((), {v: tuple(sorted(s)) for v, s in sorted(by_voice.items())}, curator, source_error=True)
    return Evidence(tuple(sorted(by_voice)), {v: tuple(sorted(s)) for v, s in sorted(by_voice.items())}, curator)
