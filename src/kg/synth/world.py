"""What every writer of the synthetic corpus shares: the seeded random generator, the corpus being written, the
sources and places made so far, and the small random helpers (a date of mixed precision, a citation)."""

from __future__ import annotations

import calendar
import random

from .corpus import Corpus, Source
from .words import FIRST, LAST


class World:
    """The shared state of one generation. The writers draw from one generator, in a fixed order, so the same seed
    gives the same bytes whichever writer a piece of text comes from."""

    def __init__(self, entities: int, seed: int):
        self.n = entities
        self.rng = random.Random(seed)
        self.corpus = Corpus()
        self.sources: list[Source] = []
        self.states: list[str] = []
        self.municipalities: list[str] = []
        self.localities: list[str] = []
        self.place_names: dict[str, str] = {}

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def date(self, first: int = 2006, last: int = 2024) -> str:
        """A date of day (50%), month (30%) or year (20%) precision."""
        year = self.rng.randint(first, last)
        r = self.rng.random()
        if r < 0.2:
            return f"{year}"
        month = self.rng.randint(1, 12)
        if r < 0.5:
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{self.rng.randint(1, calendar.monthrange(year, month)[1]):02d}"

    def cite(self) -> str:
        source = self.pick(self.sources)
        section, paragraphs = self.pick(source.sections)
        return f"{source.id} §{section} ¶{self.rng.randint(1, paragraphs)}"

    def cite_value(self) -> str:
        """One citation (85%), a list of two (10%) or the mapping form (5%)."""
        r = self.rng.random()
        if r < 0.85:
            return self.cite()
        if r < 0.95:
            first, second = self.cite(), self.cite()
            return f"[{first}, {second}]" if first != second else first
        source = self.pick(self.sources)
        section, paragraphs = self.pick(source.sections)
        return f"{{source: {source.id}, section: {section}, paragraph: {self.rng.randint(1, paragraphs)}}}"

    def person_name(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)} {self.pick(LAST)}"


class Writer:
    """One kind of entity's writer. It reads the shared World's state and helpers as its own attributes (`self.rng`,
    `self.pick`, `self.states`, ...), so each writer's code reads as if it were the whole generator."""

    def __init__(self, world: World):
        self.world = world

    def __getattr__(self, name: str):
        return getattr(self.world, name)
