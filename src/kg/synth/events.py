"""The events: incidents with participants in roles and tolls, legal actions and policy actions."""

from __future__ import annotations

from .corpus import describe, q
from .words import EVENT_WORDS_ES, GROUPS, INCIDENT_TYPES, LEGAL_TYPES, POLICY_TYPES
from .world import Writer


class EventWriter(Writer):
    def make_events(self, count: int, people: list[str], plan: dict[str, list[str]]) -> None:
        places = self.municipalities + self.localities or self.states
        criminal = plan["CriminalOrganization"] or plan["GovernmentAgency"]
        forces = plan["SecurityForce"] or plan["GovernmentAgency"] or criminal
        agencies = plan["GovernmentAgency"] or forces
        events: list[str] = []
        for i in range(count):
            r = self.rng.random()
            kind, types = (
                ("Incident", INCIDENT_TYPES)
                if r < 0.6
                else (("LegalAction", LEGAL_TYPES) if r < 0.85 else ("PolicyAction", POLICY_TYPES))
            )
            event_type = self.pick(types)
            place = self.pick(places)
            eid = f"{event_type}-{place.rsplit('-', 1)[0]}-{i + 1}"
            where = self.place_names[place]
            label_en = f"{event_type.replace('-', ' ').capitalize()} in {where}"
            label_es = f"{EVENT_WORDS_ES[kind]} ({event_type}) en {where}"
            lines = [f"- id: {eid}", f"  type: {kind}", f"  label: {{en: {q(label_en)}, es: {q(label_es)}}}"]
            lines.append(describe(f"A synthetic {kind} ({event_type}) in {where}.", f"Un evento sintético en {where}."))
            date = self.date()
            lines += [f"  cite: {self.cite()}", f"  eventType: {event_type}", f"  place: {place}"]
            statements: list[str] = []
            if len(date) == 4 and self.chance(0.5):
                statements += [
                    f"    - date: {date}",
                    f"      earliest: {date}-01",
                    f"      latest: {date}-12",
                    f"      cite: {self.cite_value()}",
                ]
            else:
                lines.append(f"  date: {date}")
            if kind == "Incident":
                actors = [(self.pick(criminal), "perpetrator"), (self.pick(forces), "responding-force")]
                if people and self.chance(0.5):
                    actors.append((self.pick(people), self.pick(("victim", "target"))))
                for actor, role in actors[: self.rng.randint(1, len(actors))]:
                    statements += [
                        f"    - participant: {actor}",
                        f"      role: {role}",
                        f"      cite: {self.cite_value()}",
                    ]
                killed = self.rng.choice((0, 1, 2, 3, 5, 8, 13, 20))
                statements += [f"    - killed: {killed}"]
                if self.chance(0.3):
                    statements.append(f"      group: {q(self.pick(GROUPS))}")
                statements.append(f"      cite: {self.cite_value()}")
                if self.chance(0.02):
                    statements += [
                        f"    - killed: {killed + 10}",
                        f"      cite: {self.cite()}",
                        f"      error: {q('The source adds victims of a different attack.')}",
                        f"      correction: {killed}",
                        "      correctionCite: curator",
                    ]
                if self.chance(0.3):
                    statements += [f"    - injured: {self.rng.randint(1, 30)}", f"      cite: {self.cite_value()}"]
            elif kind == "LegalAction":
                if people:
                    statements += [
                        f"    - participant: {self.pick(people)}",
                        "      role: detainee",
                        f"      cite: {self.cite_value()}",
                    ]
                statements += [
                    f"    - participant: {self.pick(forces)}",
                    "      role: arresting-authority",
                    f"      cite: {self.cite_value()}",
                ]
                if people and self.chance(0.5):
                    statements += [f"    - concerns: {self.pick(people)}", f"      cite: {self.cite_value()}"]
                if self.chance(0.2):
                    statements += [
                        f"    - count: {self.rng.randint(1, 900)}",
                        f"      unit: {q('kilograms')}",
                        f"      group: {q('cocaine seized')}",
                        f"      cite: {self.cite_value()}",
                    ]
            else:
                statements += [
                    f"    - participant: {self.pick(agencies)}",
                    "      role: decision-maker",
                    f"      cite: {self.cite_value()}",
                ]
                if self.chance(0.3):
                    statements += [
                        f"    - participant: {self.pick(forces)}",
                        "      role: deployed-force",
                        f"      quantity: {self.rng.randint(100, 5000)}",
                        f"      unit: {q('troops')}",
                        f"      cite: {self.cite_value()}",
                    ]
            if events and self.chance(0.1):
                statements += [f"    - ledTo: {self.pick(events)}", f"      cite: {self.cite_value()}"]
            if events and self.chance(0.08):  # an episode of a case: cases nest, so timelines have depth
                statements += [f"    - subEventOf: {self.pick(events[-40:])}", f"      cite: {self.cite_value()}"]
            events.append(eid)
            lines += ["  statements:", *statements]
            self.corpus.add("events", lines)
