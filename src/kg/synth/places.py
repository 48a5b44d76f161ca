"""The places: a country, states, municipalities and localities with parents and coordinates."""

from __future__ import annotations

from .corpus import ascii_slug, describe, q
from .words import PLACE_NAMES, PLACE_WORDS, STATES
from .world import Writer


class PlaceWriter(Writer):
    def make_places(self, count: int) -> None:
        self.world.place_names["mexico"] = "México"
        self.corpus.add(
            "places",
            [
                "- id: mexico",
                "  type: Country",
                '  label: {en: "Mexico", es: "México"}',
                describe("The country.", "El país."),
                "  sameAs: Q96",
                "  cite: curator",
            ],
        )
        n_states = min(len(STATES), max(1, (count - 1) // 10))
        rest = count - 1 - n_states
        n_municipalities = max(1, rest * 6 // 10)
        for i in range(n_states):
            sid = ascii_slug(STATES[i]) + "-state"
            self.states.append(sid)
            self.place("State", sid, STATES[i], "mexico")
        for i in range(n_municipalities):
            name = f"{self.pick(PLACE_WORDS)} {self.pick(PLACE_NAMES)}"
            mid = f"{ascii_slug(name)}-{i + 1}"
            self.municipalities.append(mid)
            self.place("Municipality", mid, name, self.pick(self.states))
        for i in range(rest - n_municipalities):
            name = f"Colonia {self.pick(PLACE_NAMES)}"
            lid = f"{ascii_slug(name)}-{i + 1}"
            self.localities.append(lid)
            self.place("Locality", lid, name, self.pick(self.municipalities))

    def place(self, type_name: str, pid: str, name: str, parent: str) -> None:
        self.place_names[pid] = name
        lines = [
            f"- id: {pid}",
            f"  type: {type_name}",
            f"  label: {q(name)}",
            describe(f"A synthetic {type_name.lower()}.", "Un lugar sintético."),
            f"  latitude: {self.rng.uniform(14.6, 32.6):.4f}",
            f"  longitude: {self.rng.uniform(-117.0, -86.8):.4f}",
            "  cite: curator",
            "  statements:",
            f"    - locatedIn: {parent}",
            "      cite: curator",
        ]
        if type_name != "State" and self.chance(0.03):
            # A source that puts the place in the wrong parent: recorded as its claim, corrected by the curators.
            wrong = self.pick(self.states if type_name == "Municipality" else self.municipalities)
            if wrong != parent:
                lines += [
                    f"    - locatedIn: {wrong}",
                    f"      cite: {self.cite()}",
                    f"      error: {q('The source places ' + name + ' in the wrong ' + ('state' if type_name == 'Municipality' else 'municipality') + '.')}",
                    f"      correction: {parent}",
                ]
        self.corpus.add("places", lines)
