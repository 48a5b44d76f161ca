"""The indicators: series (Indicator entities) and their yearly observations by area."""

from __future__ import annotations

from .corpus import ascii_slug, describe, q
from .words import INDICATORS
from .world import Writer


class IndicatorWriter(Writer):
    def make_indicators(self, n_indicators: int, n_observations: int, plan: dict[str, list[str]]) -> None:
        producers = plan["GovernmentAgency"] or plan["ResearchOrganization"] or plan["SecurityForce"]
        areas = ["mexico"] + self.states
        indicators = []
        for i in range(n_indicators):
            en, es, unit = INDICATORS[i % len(INDICATORS)]
            iid = f"{ascii_slug(en)}-{i + 1}"
            indicators.append((iid, unit, f"{en} ({i + 1})"))
            self.corpus.add(
                "indicators",
                [
                    f"- id: {iid}",
                    "  type: Indicator",
                    f"  label: {{en: {q(f'{en} ({i + 1})')}, es: {q(f'{es} ({i + 1})')}}}",
                    describe(f"A synthetic series of {unit} by year and state.", "Una serie sintética."),
                    f"  cite: {self.cite()}",
                    f"  measureUnit: {q(unit)}",
                    f"  producedBy: {self.pick(producers)}",
                ],
            )
        for i in range(n_observations):
            iid, unit, label = indicators[i % len(indicators)]
            area = areas[(i // len(indicators)) % len(areas)]
            year = 2000 + (i // (len(indicators) * len(areas))) % 25
            value = (
                f"{self.rng.uniform(0, 1000):.1f}"
                if unit in ("percent", "index points")
                else str(self.rng.randint(0, 40000))
            )
            status = "official-count" if self.rng.random() < 0.8 else self.pick(("preliminary", "projection"))
            self.corpus.add(
                "indicators",
                [
                    f"- id: {iid}-{area}-{year}-{i + 1}",
                    "  type: Observation",
                    f"  label: {q(f'{label}, {self.place_names[area]}, {year}')}",
                    describe(
                        f"The value of {label} for {self.place_names[area]} in {year}.", "Una observación sintética."
                    ),
                    f"  cite: {self.cite()}",
                    f"  indicator: {iid}",
                    f"  refArea: {area}",
                    f"  period: {year}",
                    f"  value: {value}",
                    f"  producedBy: {self.pick(producers)}",
                    f"  observationStatus: {status}",
                ],
            )
