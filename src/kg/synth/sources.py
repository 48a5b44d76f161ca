"""The sources: articles with sections (and the curators), which every other writer cites."""

from __future__ import annotations

from .corpus import Source, q
from .words import INCIDENT_TYPES, STATES
from .world import Writer


class SourceWriter(Writer):
    def plan_sources(self, count: int) -> None:
        for i in range(count):
            sections = [("byline", 1)] + [
                (f"part-{k + 1}", self.rng.randint(3, 12)) for k in range(self.rng.randint(4, 9))
            ]
            self.sources.append(Source(f"article-{i + 1:04d}", sections))

    def make_sources(self, people: list[str], orgs: dict[str, list[str]]) -> None:
        self.corpus.add(
            "sources",
            [
                "- id: curator",
                "  type: CuratorKnowledge",
                '  label: {en: "Curators\' knowledge", es: "Conocimiento de los curadores"}',
                "  cite: curator",
            ],
        )
        for i, source in enumerate(self.sources):
            sections = source.sections
            title = f"{self.pick(STATES)}: {self.pick(INCIDENT_TYPES).replace('-', ' ')} and security, part {i + 1}"
            lines = [
                f"- id: {source.id}",
                "  type: Article",
                f"  label: {{en: {q(title)}, es: {q(title)}}}",
                f"  title: {q(title)}",
                f"  published: {self.date(2010, 2024)}",
            ]
            if people and self.chance(0.8):
                lines.append(f"  author: {self.pick(people)}")
            if orgs["MediaOutlet"]:
                lines.append(f"  publisher: {self.pick(orgs['MediaOutlet'])}")
            lines.append(f"  cite: {source.id} §byline ¶1")
            lines.append("  sections:")
            for slug, paragraphs in sections:
                heading = "Title and byline" if slug == "byline" else f"Part {slug[5:]}"
                lines.append(f"    {slug}: {{heading: {q(heading)}, paragraphs: {paragraphs}}}")
            self.corpus.add("sources", lines)
