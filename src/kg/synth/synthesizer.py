"""A synthetic corpus in the project's own YAML format, for measuring the real loader, checker and compiler at scale.

The mix follows what the curated graph will grow into: about 30% people, 10% organisations (and offices), 10% places
(a country, states, municipalities and localities with parents and coordinates), 45% events (incidents, legal and
policy actions with participants in roles, dates of mixed precision, killed counts), plus indicator series
(Indicator and Observation entities), a few laws, social programs and strategies, and sources (articles with
sections). Statements carry qualifiers and citations; a few are source errors with corrections. The same seed gives
byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from .corpus import CHUNK, Corpus, Source, ascii_slug, describe, q
from .events import EventWriter
from .indicators import IndicatorWriter
from .organizations import OrganizationWriter
from .people import PersonWriter
from .places import PlaceWriter
from .policies import PolicyWriter
from .sources import SourceWriter
from .words import INDICATORS
from .world import World

__all__ = ["CHUNK", "Corpus", "Source", "Synthesizer", "ascii_slug", "describe", "q", "synthesize", "write_corpus"]


class Synthesizer:
    """Plans the mix of kinds for the size and runs one writer per kind, in a fixed order, over one shared World."""

    def __init__(self, entities: int, seed: int):
        self.world = World(entities, seed)
        self.n = entities
        self.corpus = self.world.corpus
        self.sources = SourceWriter(self.world)
        self.places = PlaceWriter(self.world)
        self.orgs = OrganizationWriter(self.world)
        self.people = PersonWriter(self.world)
        self.events = EventWriter(self.world)
        self.indicators = IndicatorWriter(self.world)
        self.policies = PolicyWriter(self.world)

    def generate(self) -> Corpus:
        n = self.n
        n_sources = max(2, n // 500)
        n_observations = max(4, n * 4 // 100)
        n_indicators = max(1, min(len(INDICATORS) * 8, n_observations // 40))
        n_people = n * 30 // 100
        n_orgs = max(6, n * 10 // 100)
        n_places = max(4, n * 10 // 100)
        n_laws, n_programs, n_strategies = max(1, n // 200), max(1, n // 300), max(1, n // 500)
        n_policies = n_laws + n_programs + n_strategies
        n_events = max(3, n - 1 - n_sources - n_observations - n_indicators - n_people - n_orgs - n_places - n_policies)

        # The order of these calls is the order of the random draws: changing it changes every corpus.
        self.sources.plan_sources(n_sources)
        self.places.make_places(n_places)
        org_ids = self.orgs.plan_orgs(n_orgs)
        names = [self.world.person_name() for _ in range(n_people)]
        people = [f"{ascii_slug(name)}-{i + 1}" for i, name in enumerate(names)]
        self.sources.make_sources(people, org_ids)
        self.orgs.make_orgs(org_ids)
        self.people.make_people(people, names, org_ids)
        self.events.make_events(n_events, people, org_ids)
        self.indicators.make_indicators(n_indicators, n_observations, org_ids)
        self.policies.make_policies(n_laws, n_programs, n_strategies, people, org_ids)
        return self.corpus


def synthesize(entities: int, seed: int = 1) -> list[tuple[str, str]]:
    """(relative path, YAML text) of a valid corpus of about `entities` entities; the same seed gives the same text."""
    if entities < 50:
        raise ValueError("a synthetic corpus needs at least 50 entities for its mix of kinds")
    return Synthesizer(entities, seed).generate().files()


def write_corpus(files: list[tuple[str, str]], out_dir: Path) -> list[Path]:
    """Write the corpus under `out_dir` all at once (nothing is written if one file fails)."""
    from ..core.writing import write_all_or_nothing

    return write_all_or_nothing((out_dir / name, text.encode("utf-8")) for name, text in files)
