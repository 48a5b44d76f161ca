"""A synthetic corpus in the project's own YAML format, for measuring the real loader, checker and compiler at scale.

The mix follows what the curated graph will grow into: about 30% people, 10% organisations (and offices), 10% places
(a country, states, municipalities and localities with parents and coordinates), 45% events (incidents, legal and
policy actions with participants in roles, dates of mixed precision, killed counts), plus indicator series
(Indicator and Observation entities), a few laws, social programs and strategies, and sources (articles with
sections). Statements carry qualifiers and citations; a few are source errors with corrections. The same seed gives
byte-identical files.
"""

from __future__ import annotations

import calendar
import json
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 2000  # entities per file: large enough to be realistic, small enough to read

FIRST = (
    "María",
    "José",
    "Juan",
    "Guadalupe",
    "Francisco",
    "Ana",
    "Luis",
    "Verónica",
    "Jesús",
    "Rosa",
    "Miguel",
    "Alejandra",
    "Pedro",
    "Sofía",
    "Ramón",
    "Lucía",
    "Héctor",
    "Carmen",
    "Joaquín",
    "Adriana",
    "Ismael",
    "Beatriz",
    "Ovidio",
    "Patricia",
    "Rafael",
    "Elena",
    "Arturo",
    "Claudia",
    "Óscar",
    "Marisol",
)
LAST = (
    "Hernández",
    "García",
    "Martínez",
    "López",
    "González",
    "Pérez",
    "Rodríguez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Reyes",
    "Jiménez",
    "Torres",
    "Díaz",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
    "Ortiz",
    "Castillo",
    "Moreno",
    "Romero",
    "Zambada",
    "Guzmán",
    "Beltrán",
    "Caro",
)
NICK = (
    "El Flaco",
    "El Güero",
    "La Jefa",
    "El Chapito",
    "El Mencho",
    "El Contador",
    "El Licenciado",
    "La Tía",
    "El Mayo",
    "El Ingeniero",
    "El Compa",
    "El Viejo",
)
PLACE_WORDS = ("San", "Santa", "Villa", "Real", "Nuevo", "Valle", "Río", "Cerro", "Puerto", "Ciudad")
PLACE_NAMES = (
    "Guadalupe",
    "Ignacio",
    "Miguel",
    "Pedro",
    "Lucía",
    "Juárez",
    "Hidalgo",
    "Morelos",
    "Zaragoza",
    "Allende",
    "Victoria",
    "Tlalpan",
    "Culiacán",
    "Navolato",
    "Apatzingán",
    "Tepalcatepec",
    "Iguala",
    "Reynosa",
    "Matamoros",
    "Tijuana",
    "Chilpancingo",
    "Acapulco",
    "Uruapan",
    "Zamora",
    "Fresnillo",
)
STATES = (
    "Aguascalientes",
    "Baja California",
    "Baja California Sur",
    "Campeche",
    "Chiapas",
    "Chihuahua",
    "Ciudad de México",
    "Coahuila",
    "Colima",
    "Durango",
    "Guanajuato",
    "Guerrero",
    "Hidalgo",
    "Jalisco",
    "México",
    "Michoacán",
    "Morelos",
    "Nayarit",
    "Nuevo León",
    "Oaxaca",
    "Puebla",
    "Querétaro",
    "Quintana Roo",
    "San Luis Potosí",
    "Sinaloa",
    "Sonora",
    "Tabasco",
    "Tamaulipas",
    "Tlaxcala",
    "Veracruz",
    "Yucatán",
    "Zacatecas",
)
CARTEL_WORDS = ("Cártel", "Los", "La Familia", "Guerreros", "Caballeros", "Nueva Generación", "Del Golfo", "Unidos")
AGENCY_WORDS = ("Secretaría de", "Fiscalía de", "Instituto de", "Comisión de", "Dirección de")
AGENCY_TOPICS = ("Seguridad", "Justicia", "Gobernación", "Estadística", "Derechos Humanos", "Inteligencia")
MEDIA_WORDS = ("Diario", "El Sol de", "Noticias", "La Voz de", "Semanario")
RESEARCH_WORDS = ("Observatorio", "Centro de Estudios", "Colectivo", "Programa", "Instituto")
INDICATORS = (
    ("Intentional homicide victims", "Víctimas de homicidio doloso", "victims"),
    ("Perception of insecurity", "Percepción de inseguridad", "percent"),
    ("Disappeared persons", "Personas desaparecidas", "persons"),
    ("Rule-of-law index", "Índice de estado de derecho", "index points"),
)

INCIDENT_TYPES = (
    "armed-clash",
    "attack",
    "abduction-forced-disappearance",
    "remote-explosive",
    "grenade",
    "government-regains-territory",
    "mob-violence",
    "peaceful-protest",
    "arrests",
)
LEGAL_TYPES = ("arrest", "charge", "release", "transfer-of-custody", "acquittal", "conviction", "investigation")
POLICY_TYPES = ("deployment", "announcement", "appointment", "law-approved", "budget-allocation", "press-conference")
INCIDENT_ROLES = ("perpetrator", "victim", "target", "responding-force")
EVENT_WORDS_ES = {"Incident": "Incidente", "LegalAction": "Acción legal", "PolicyAction": "Acción de gobierno"}
GROUPS = ("police officers", "soldiers", "civilians", "gunmen", "women", "minors")


def describe(en: str, es: str) -> str:
    """The YAML line of an English and Spanish description."""
    return f"  description: {{en: {q(en)}, es: {q(es)}}}"


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    return "-".join(words)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), so no text is read as a number or a boolean."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Source:
    id: str
    sections: list[tuple[str, int]]  # (slug, paragraph count)


@dataclass
class Corpus:
    """Generated entities, as YAML text blocks grouped by kind."""

    blocks: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, lines: list[str]) -> None:
        self.blocks.setdefault(kind, []).append("\n".join(lines) + "\n")

    def files(self) -> list[tuple[str, str]]:
        """(relative path, text) for every file, kinds in a fixed order, CHUNK entities per file."""
        out = []
        for kind in ("sources", "places", "organizations", "people", "events", "policies", "indicators"):
            blocks = self.blocks.get(kind, [])
            for start in range(0, len(blocks), CHUNK):
                name = f"{kind}.yaml" if len(blocks) <= CHUNK else f"{kind}/{kind}-{start // CHUNK + 1:03d}.yaml"
                header = f"# Synthetic {kind} ({len(blocks[start : start + CHUNK])} entities), written by `kg synth`.\n"
                out.append((name, header + "".join(blocks[start : start + CHUNK])))
        return out

    def __len__(self) -> int:
        return sum(len(b) for b in self.blocks.values())


class Synthesizer:
    def __init__(self, entities: int, seed: int):
        self.n = entities
        self.rng = random.Random(seed)
        self.corpus = Corpus()
        self.sources: list[Source] = []

    # ------------------------------------------------------------------ small random helpers
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

    # ------------------------------------------------------------------ the corpus
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

        self.plan_sources(n_sources)
        self.make_places(n_places)
        org_ids = self.plan_orgs(n_orgs)
        names = [self.person_name() for _ in range(n_people)]
        people = [f"{ascii_slug(name)}-{i + 1}" for i, name in enumerate(names)]
        self.make_sources(people, org_ids)
        self.make_orgs(org_ids)
        self.make_people(people, names, org_ids)
        self.make_events(n_events, people, org_ids)
        self.make_indicators(n_indicators, n_observations, org_ids)
        self.make_policies(n_laws, n_programs, n_strategies, people, org_ids)
        return self.corpus

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

    def make_places(self, count: int) -> None:
        self.states: list[str] = []
        self.municipalities: list[str] = []
        self.localities: list[str] = []
        self.place_names: dict[str, str] = {"mexico": "México"}
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


def synthesize(entities: int, seed: int = 1) -> list[tuple[str, str]]:
    """(relative path, YAML text) of a valid corpus of about `entities` entities; the same seed gives the same text."""
    if entities < 50:
        raise ValueError("a synthetic corpus needs at least 50 entities for its mix of kinds")
    return Synthesizer(entities, seed).generate().files()


def write_corpus(files: list[tuple[str, str]], out_dir: Path) -> list[Path]:
    """Write the corpus under `out_dir` all at once (nothing is written if one file fails)."""
    from ..outputs.rdf_exports import write_all_or_nothing

    return write_all_or_nothing((out_dir / name, text.encode("utf-8")) for name, text in files)
