"""The resolved model: entities and statements as the curators wrote them, each with where it was written."""

from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Pos


@dataclass(frozen=True)
class Value:
    """An object of a statement: an entity id, a concept id, or a typed literal (lexical form + datatype or lang)."""

    kind: str  # entity | concept | literal
    text: str
    datatype: str | None = None  # full IRI, for typed literals
    lang: str | None = None


@dataclass(frozen=True)
class Citation:
    source: str
    section: str | None
    paragraph: int | None
    pos: Pos


@dataclass
class Statement:
    subject: str
    predicate: str
    value: Value
    citations: list[Citation]
    pos: Pos
    qualifiers: dict[str, Value] = field(default_factory=dict)
    note: str | None = None
    error: str | None = None  # set: the source states this wrongly; no direct triple is asserted
    correction: Statement | None = None  # the curators' corrected version of an erroneous claim


@dataclass(frozen=True)
class Section:
    slug: str
    heading: str
    paragraphs: int
    pos: Pos


@dataclass
class Entity:
    id: str
    type: str
    pos: Pos
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    same_as: list[str] = field(default_factory=list)
    note: str | None = None
    citations: list[Citation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sections: dict[str, Section] = field(default_factory=dict)


@dataclass
class Model:
    entities: dict[str, Entity] = field(default_factory=dict)

    def statements(self):
        for entity in self.entities.values():
            yield from entity.statements
