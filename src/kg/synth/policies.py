"""Strategies pursued by officials, laws approved by agencies, social programs with budgets."""

from __future__ import annotations

from .corpus import describe, q
from .words import GROUPS
from .world import Writer


class PolicyWriter(Writer):
    def make_policies(
        self, n_laws: int, n_programs: int, n_strategies: int, people: list[str], plan: dict[str, list[str]]
    ) -> None:
        """Strategies pursued by officials, laws approved by agencies, social programs with budgets."""
        agencies = plan["GovernmentAgency"] or plan["SecurityForce"] or plan["ResearchOrganization"]
        strategies = [f"security-strategy-{i + 1}" for i in range(n_strategies)]
        for i, sid in enumerate(strategies):
            start = self.rng.randint(2000, 2022)
            statements = [
                f"    - pursuedBy: {self.pick(people or agencies)}",
                f"      start: {start}",
                f"      cite: {self.cite_value()}",
            ]
            if i > 0:
                statements += [
                    f"    - contrastsWith: {strategies[self.rng.randrange(i)]}",
                    f"      cite: {self.cite_value()}",
                ]
            self.corpus.add(
                "policies",
                [
                    f"- id: {sid}",
                    "  type: Strategy",
                    f'  label: {{en: "Security strategy {i + 1}", es: "Estrategia de seguridad {i + 1}"}}',
                    describe("A synthetic security strategy.", "Una estrategia de seguridad sintética."),
                    f"  cite: {self.cite()}",
                    f"  launched: {start}",
                    "  statements:",
                    *statements,
                ],
            )
        laws: list[str] = []
        for i in range(n_laws):
            lid = f"security-law-{i + 1}"
            statements = [
                f"    - approvedBy: {self.pick(agencies)}",
                f"      at: {self.date(2000, 2024)}",
                f"      cite: {self.cite_value()}",
                f"    - provision: {q('Sets prison terms for a synthetic offence.')}",
                f"      quantity: {self.rng.randint(1, 40)}",
                f"      unit: {q('years')}",
                f"      cite: {self.cite_value()}",
            ]
            if laws and self.chance(0.3):
                statements += [
                    f"    - {self.pick(('amends', 'replaces'))}: {self.pick(laws)}",
                    f"      at: {self.date(2000, 2024)}",
                    f"      cite: {self.cite_value()}",
                ]
            laws.append(lid)
            self.corpus.add(
                "policies",
                [
                    f"- id: {lid}",
                    "  type: Law",
                    f'  label: {{en: "Security law {i + 1}", es: "Ley de seguridad {i + 1}"}}',
                    describe("A synthetic law.", "Una ley sintética."),
                    f"  cite: {self.cite()}",
                    "  country: mexico",
                    f"  partOfStrategy: {self.pick(strategies)}",
                    "  statements:",
                    *statements,
                ],
            )
        for i in range(n_programs):
            year = self.rng.randint(2005, 2022)
            statements = [
                f"    - budgetChange: {self.rng.uniform(-40, 40):.1f}",
                f"      unit: {q('percent')}",
                f"      at: {year + 1}",
                f"      baseline: {year}",
                f"      cite: {self.cite_value()}",
                f"    - beneficiaries: {self.rng.randint(1000, 2_000_000)}",
                f"      group: {q(self.pick(GROUPS))}",
                f"      cite: {self.cite_value()}",
            ]
            self.corpus.add(
                "policies",
                [
                    f"- id: social-program-{i + 1}",
                    "  type: SocialProgram",
                    f'  label: {{en: "Social program {i + 1}", es: "Programa social {i + 1}"}}',
                    describe("A synthetic social program.", "Un programa social sintético."),
                    f"  cite: {self.cite()}",
                    f"  launched: {year}",
                    f"  runBy: {self.pick(agencies)}",
                    f"  launchedBy: {self.pick(people or agencies)}",
                    f"  partOfStrategy: {self.pick(strategies)}",
                    "  statements:",
                    *statements,
                ],
            )
