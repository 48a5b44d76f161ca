"""The people: members and leaders of groups, officials in posts, experts, with family ties and source errors."""

from __future__ import annotations

from .corpus import describe, q
from .words import NICK
from .world import Writer


class PersonWriter(Writer):
    def make_people(self, people: list[str], names: list[str], plan: dict[str, list[str]]) -> None:
        criminal, posts = plan["CriminalOrganization"], plan["Post"]
        employers = plan["ResearchOrganization"] + plan["MediaOutlet"] + plan["GovernmentAgency"]
        for i, (pid, name) in enumerate(zip(people, names, strict=True)):
            lines = [f"- id: {pid}", "  type: Person", f"  label: {q(name)}"]
            if self.chance(0.1):
                lines.append(f"  aliases: [{q(self.pick(NICK))}]")
            lines.append(describe("A synthetic person.", "Una persona sintética."))
            lines.append(f"  cite: {self.cite()}")
            lines.append("  nationality: mexico")
            statements: list[str] = []
            r = self.rng.random()
            if r < 0.45 and criminal:
                start = self.rng.randint(1990, 2018)
                statements += [f"    - memberOf: {self.pick(criminal)}", f"      start: {start}"]
                if self.chance(0.3):
                    statements.append(f"      end: {self.rng.randint(start + 1, 2024)}")
                statements.append(f"      cite: {self.cite_value()}")
                if self.chance(0.05):
                    statements += [f"    - leaderOf: {self.pick(criminal)}", f"      cite: {self.cite_value()}"]
            elif r < 0.8 and employers:
                statements += [f"    - affiliatedWith: {self.pick(employers)}", f"      cite: {self.cite_value()}"]
            elif posts:
                start = self.rng.randint(2000, 2020)
                statements += [
                    f"    - heldPosition: {self.pick(posts)}",
                    f"      start: {start}-{self.rng.randint(1, 12):02d}",
                    f"      end: {start + self.rng.randint(1, 6)}",
                    f"      cite: {self.cite_value()}",
                ]
            if self.chance(0.25):
                statements += [
                    f"    - birthPlace: {self.pick(self.municipalities or self.states)}",
                    f"      cite: {self.cite_value()}",
                ]
            if i > 0 and self.chance(0.05):
                statements += [f"    - childOf: {people[self.rng.randrange(i)]}", f"      cite: {self.cite_value()}"]
            if self.chance(0.005):
                statements += [
                    f"    - nameInSource: {q(name.replace('a', 'á', 1))}",
                    f"      cite: {self.cite()}",
                    f"      error: {q('The source misspells the name.')}",
                    f"      correction: {q(name)}",
                ]
            if statements:
                lines += ["  statements:", *statements]
            self.corpus.add("people", lines)
