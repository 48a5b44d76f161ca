"""The organisations: criminal groups, agencies, security forces, media, research centres and posts."""

from __future__ import annotations

from .corpus import ascii_slug, describe, q
from .words import AGENCY_TOPICS, AGENCY_WORDS, CARTEL_WORDS, MEDIA_WORDS, PLACE_NAMES, RESEARCH_WORDS, STATES
from .world import Writer


class OrganizationWriter(Writer):
    def plan_orgs(self, count: int) -> dict[str, list[str]]:
        shares = (
            ("CriminalOrganization", 30),
            ("GovernmentAgency", 20),
            ("SecurityForce", 15),
            ("MediaOutlet", 10),
            ("ResearchOrganization", 10),
            ("Post", 15),
        )
        plan: dict[str, list[str]] = {kind: [] for kind, _ in shares}
        for i in range(count):
            kind = (
                shares[i % len(shares)][0]
                if i < len(shares)
                else self.rng.choices([k for k, _ in shares], [w for _, w in shares])[0]
            )
            plan[kind].append(f"{ascii_slug(kind)}-{i + 1}")
        return plan

    def org_name(self, kind: str) -> str:
        if kind == "CriminalOrganization":
            return f"{self.pick(CARTEL_WORDS)} {self.pick(PLACE_NAMES)}"
        if kind in ("GovernmentAgency", "SecurityForce"):
            return f"{self.pick(AGENCY_WORDS)} {self.pick(AGENCY_TOPICS)} de {self.pick(STATES)}"
        if kind == "MediaOutlet":
            return f"{self.pick(MEDIA_WORDS)} {self.pick(PLACE_NAMES)}"
        if kind == "Post":
            return f"Titular de {self.pick(AGENCY_WORDS)} {self.pick(AGENCY_TOPICS)}"
        return f"{self.pick(RESEARCH_WORDS)} {self.pick(AGENCY_TOPICS)} {self.pick(PLACE_NAMES)}"

    def make_orgs(self, plan: dict[str, list[str]]) -> None:
        places = self.municipalities or self.states
        agencies = plan["GovernmentAgency"] + plan["SecurityForce"]
        for kind, ids in plan.items():
            for i, oid in enumerate(ids):
                name = self.org_name(kind)
                lines = [f"- id: {oid}", f"  type: {kind}", f"  label: {q(name)}"]
                lines.append(
                    describe(f'A synthetic {kind} named "{name}".', f"Una entidad sintética ({kind}): «{name}».")
                )
                lines.append(f"  cite: {self.cite()}")
                statements: list[str] = []
                if kind == "Post":
                    if agencies:
                        lines.append(f"  postIn: {self.pick(agencies)}")
                    lines.append(f"  termYears: {self.pick((3, 6))}")
                else:
                    lines.append(f"  basedIn: {self.pick(places)}")
                    if self.chance(0.4):
                        lines.append(f"  acronym: {q(''.join(w[0] for w in name.split() if w[0].isupper()))}")
                    founded = self.rng.randint(1930, 2015)
                    statements += [f"    - founded: {founded}", f"      cite: {self.cite_value()}"]
                    if self.chance(0.1):
                        statements += [
                            f"    - dissolved: {self.rng.randint(founded + 1, 2024)}",
                            f"      cite: {self.cite_value()}",
                        ]
                if kind in ("GovernmentAgency", "SecurityForce"):
                    lines.append(f"  officialName: {{es: {q(name)}}}")
                if kind == "SecurityForce" and plan["GovernmentAgency"]:
                    statements += [
                        f"    - subOrganizationOf: {self.pick(plan['GovernmentAgency'])}",
                        f"      cite: {self.cite_value()}",
                    ]
                if kind == "CriminalOrganization" and i > 0:
                    rival = ids[self.rng.randrange(i)]
                    statements += [
                        f"    - rivalOf: {rival}",
                        f"      start: {self.date(2000, 2020)}",
                        f"      cite: {self.cite_value()}",
                    ]
                    if self.chance(0.15):
                        statements += [
                            f"    - splinterOf: {ids[self.rng.randrange(i)]}",
                            f"      at: {self.date(1990, 2020)}",
                            f"      cite: {self.cite_value()}",
                        ]
                if statements:
                    lines += ["  statements:", *statements]
                self.corpus.add("organizations", lines)
