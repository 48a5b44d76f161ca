"""`kg import sesnsp`: a SESNSP crime-incidence table (state or municipal layout; UTF-8 or the Latin-1 of older
files) → monthly observations of one indicator per crime (type, subtype, modality) for each state or municipality,
produced by SESNSP and cited to the file. A blank month is no data, not zero: it gives no observation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.model import Model
from ..core.names import fold
from ..core.problems import Pos, Problems, did_you_mean
from ..load.vocabulary import Vocabulary
from .cells import grouped_number, hidden_character, shown, whole_number
from .merge import ImportCollision, ImportResult, merge_and_render
from .reconcile import ActorIndex, CreatesEntities, PlaceIndex, defined_in
from .sesnsp_layout import MONTHS, MUNICIPAL_COLUMNS, OTHER_MUNICIPALITIES, STATE_COLUMNS, STATES
from .tables import read_table
from .yamlwriter import slug

LAYOUT = "SESNSP's incidencia delictiva layout"
SCHEME = "https://w3id.org/mxsec/concept/sesnsp-crime-types"
UNIT = "investigation files"
# Cells that become names or labels in the graph: one line, no control characters.
NAME_COLUMNS = ("Entidad", "Bien jurídico afectado", "Tipo de delito", "Subtipo de delito", "Modalidad", "Municipio")


@dataclass
class CrimeRow:
    """One checked row: a year, an area and a crime, with the months that have a figure (blank months left out)."""

    line: int
    year: int
    state_key: int
    state_name: str
    municipality_key: int | None  # five digits, state key first; None in the state layout
    municipality_name: str | None
    crime_type: str  # the concept of kgc:sesnsp-crime-types
    subtype: str
    modality: str
    months: dict[int, int]


def read_sesnsp(path: Path, vocab: Vocabulary, problems: Problems) -> list[CrimeRow]:
    """Every row of the table, checked; bad cells are reported as file:line:column and their rows dropped."""
    table = read_table(path, STATE_COLUMNS, problems, optional=(*MUNICIPAL_COLUMNS, *MONTHS), layout=LAYOUT)
    if table is None:
        return []
    missing = [m for m in MONTHS if m not in table.index]
    if missing:
        problems.error(Pos(str(path), 1, 1), "missing-column",
                       f"missing month column(s) {', '.join(missing)}: expected {LAYOUT} (Enero … Diciembre)")
        return []
    municipal = all(c in table.index for c in MUNICIPAL_COLUMNS)
    crime_types = {fold(c.labels.get("es", "")): name for name, c in vocab.concepts_in(SCHEME).items()
                   if c.broader is not None}
    rows: list[CrimeRow] = []
    seen: dict[tuple, int] = {}
    for line, cell in table.records((*STATE_COLUMNS, *MUNICIPAL_COLUMNS, *MONTHS)):
        errors = len(problems.errors)

        def bad(column: str, message: str, rule: str = "bad-cell") -> None:
            problems.error(table.pos(line, column), rule, f"{column}: {message}")  # noqa: B023 - used in this loop

        for column in NAME_COLUMNS:
            hidden = hidden_character(cell.get(column, ""), one_line=True)
            if hidden:
                bad(column, f"contains {hidden}, which the graph refuses in a name (it would be hidden or change how "
                    "the text is shown); remove it", "hidden-character")
        year = whole_number(cell["Año"], 4)
        if year is None or len(cell["Año"]) != 4:
            year = None
            bad("Año", f"expected a year like 2019 in ASCII digits, got `{shown(cell['Año'])}`")
        state_key = whole_number(cell["Clave_Ent"], 2)
        if state_key not in STATES:
            bad("Clave_Ent", f"expected a state key from 1 to 32 (INEGI) in ASCII digits, got "
                f"`{shown(cell['Clave_Ent'])}`")
        crime_type = crime_types.get(fold(cell["Tipo de delito"]))
        if crime_type is None:
            bad("Tipo de delito", f"unknown crime type `{cell['Tipo de delito']}`: expected one of SESNSP's"
                f" {len(crime_types)} types (kgc:sesnsp-crime-types in ontology/sesnsp.ttl)"
                f"{did_you_mean(fold(cell['Tipo de delito']), crime_types)}", "unknown-crime-type")
        for column in ("Subtipo de delito", "Modalidad", "Entidad"):
            if not cell[column]:
                bad(column, "expected text; the cell is empty", "missing-value")
        muni_key = muni_name = None
        if municipal:
            raw = cell["Cve. Municipio"]
            muni_key = whole_number(raw, 5)
            if muni_key is not None and state_key is not None and muni_key < 1000:
                muni_key += state_key * 1000  # a key written without its state part
            if muni_key is None or (state_key is not None and muni_key // 1000 != state_key):
                bad("Cve. Municipio", f"expected a municipality key of state {shown(cell['Clave_Ent'])} (five ASCII "
                    f"digits, state first, e.g. {(state_key or 1):02d}001), got `{shown(raw)}`")
            muni_name = cell["Municipio"]
            if not muni_name:
                bad("Municipio", "expected the municipality's name; the cell is empty", "missing-value")
        months: dict[int, int] = {}
        for number, month in enumerate(MONTHS, start=1):
            text = cell[month]
            if not text:
                continue  # no figure yet (or none reported): not a zero
            value = grouped_number(text)
            if value is None:
                bad(month, "expected a whole number of crimes in ASCII digits (thousands may be grouped with commas: "
                    f"1,234), or a blank cell for no data; got `{shown(text)}`")
                continue
            months[number] = value
        if len(problems.errors) > errors:
            continue
        key = (year, state_key, muni_key, fold(cell["Tipo de delito"]), fold(cell["Subtipo de delito"]),
               fold(cell["Modalidad"]))
        if key in seen:
            problems.error(Pos(str(path), line, 1), "duplicate-row",
                           f"the same year, area and crime is already on line {seen[key]}; expected one row each")
            continue
        seen[key] = line
        rows.append(CrimeRow(line, year, state_key, cell["Entidad"], muni_key, muni_name, crime_type,
                             cell["Subtipo de delito"], cell["Modalidad"], months))
    if not rows and not problems.errors:
        problems.error(Pos(str(path), 1, 1), "no-rows", f"no rows in the file; expected rows in {LAYOUT}")
    return rows


class SesnspImporter(CreatesEntities):
    """Turns checked rows into indicators, observations and the places they measure."""

    def __init__(self, model: Model, vocab: Vocabulary, source_id: str, ours: frozenset[str]):
        self.vocab = vocab
        self.source_id = source_id
        self.places = PlaceIndex(model, vocab, skip_ids=ours)
        actors = ActorIndex(model, vocab, skip_ids=ours)
        self.labels = {e.id: e.labels.get("es") or e.labels.get("en") or e.id for e in model.entities.values()}
        self.created: dict[str, dict[str, Any]] = {}
        match = actors.match("SESNSP")
        if match is not None and match.score == 100:
            self.agency = match.id
        else:
            self.agency = self.add({
                "id": self.new_id("sesnsp"), "type": "GovernmentAgency",
                "label": {"en": "Executive Secretariat of the National Public Security System",
                          "es": "Secretariado Ejecutivo del Sistema Nacional de Seguridad Pública"},
                "description": {"en": "The federal body that publishes Mexico's crime-incidence statistics.",
                                "es": "El órgano federal que publica la incidencia delictiva de México."},
                "cite": source_id, "acronym": "SESNSP",
            })
        self.indicators: dict[tuple[str, str, str], str] = {}
        self.indicator_keys: dict[str, tuple[str, str, str]] = {}  # id → (crime type, subtype, modality)
        # Indicators an earlier import wrote to the same file, by id: (crime type, English label).
        self.earlier_indicators: dict[str, tuple[str, str]] = {}
        for entity_id in ours:
            entity = model.entities[entity_id]
            if entity.type == "Indicator":
                crime = next((st.value.text.rsplit("/", 1)[-1] for st in entity.statements
                              if st.predicate == "crimeType"), "")
                self.earlier_indicators[entity_id] = (crime, entity.labels.get("en", ""))
        self.areas: dict[tuple[int, int | None], str] = {}

    def _place(self, level: str, parent: str | None, names: list[str], label: str, description: dict[str, str],
               qualifier: str = "") -> str:
        for name in names:
            found = self.places.find(level, parent, name)
            if found:
                return found
        entity: dict[str, Any] = {"id": self.new_id(slug(label), qualifier), "type": level, "label": label,
                                  "description": description, "cite": self.source_id}
        if parent:
            entity["statements"] = [{"locatedIn": parent, "cite": self.source_id}]
        for name in names:
            self.places.add(level, parent, name, entity["id"])
        return self.add(entity)

    def area(self, row: CrimeRow) -> str:
        """The state, municipality or "other municipalities" region the row counts, found in the graph or created."""
        key = (row.state_key, row.municipality_key)
        if key in self.areas:
            return self.areas[key]
        country = self._place("Country", None, ["México", "Mexico"], "México",
                              {"en": "Mexico.", "es": "México."})
        short, official = STATES[row.state_key]
        state = self._place("State", country, [n for n in (short, official, row.state_name) if n], short,
                            {"en": f"A state of Mexico (INEGI key {row.state_key:02d}).",
                             "es": f"Un estado de México (clave INEGI {row.state_key:02d})."})
        place = state
        if row.municipality_key is not None:
            code = f"{row.municipality_key:05d}"
            if row.municipality_key % 1000 == OTHER_MUNICIPALITIES:
                place = self._place("Region", state, [], f"Other municipalities of {short}", {
                    "en": f"The crimes SESNSP does not assign to a municipality of {short} (key {code}).",
                    "es": f"Los delitos que el SESNSP no asigna a un municipio de {short} (clave {code}).",
                })
                self.created[place]["label"] = {"en": f"Other municipalities of {short}",
                                                "es": f"Otros municipios de {short}"}
            else:
                place = self._place("Municipality", state, [row.municipality_name or ""], row.municipality_name or code,
                                    {"en": f"A municipality of {short} (INEGI key {code}).",
                                     "es": f"Un municipio de {short} (clave INEGI {code})."}, slug(short))
        self.areas[key] = place
        return place

    def indicator(self, row: CrimeRow) -> str:
        key = (row.crime_type, fold(row.subtype), fold(row.modality))
        if key not in self.indicators:
            name = row.subtype if fold(row.modality) in ("", fold(row.subtype)) else f"{row.subtype}: {row.modality}"
            base = "sesnsp-" + (slug(row.subtype) if fold(row.modality) == fold(row.subtype)
                                else f"{slug(row.subtype)}-{slug(row.modality)}")
            entity: dict[str, Any] = {
                "id": self._indicator_id(base, key, name),
                "type": "Indicator",
                "label": {"en": f"{name} (SESNSP)", "es": f"{name} (SESNSP)"},
                "description": {
                    "en": f"Monthly number of investigation files (carpetas de investigación) opened for this crime "
                          f"({self.vocab.concepts[row.crime_type].labels.get('en', '')}), as SESNSP counts them.",
                    "es": "Número mensual de carpetas de investigación abiertas por este delito, según el SESNSP.",
                },
                "cite": self.source_id, "crimeType": row.crime_type, "measureUnit": UNIT,
            }
            entity["producedBy"] = self.agency
            self.indicators[key] = entity["id"]
            self.created.setdefault(entity["id"], entity)
        return self.indicators[key]

    def _indicator_id(self, base: str, key: tuple[str, str, str], name: str) -> str:
        """`base` unless it names another crime's indicator (one this import made, or an earlier import of the same
        file did: same id, another crime type or name); then `base-<crime type>`, numbered if need be."""
        def free(candidate: str) -> bool:
            if candidate in self.indicator_keys:
                return self.indicator_keys[candidate] == key
            if candidate in self.earlier_indicators:
                return self.earlier_indicators[candidate] == (key[0], f"{name} (SESNSP)")
            return candidate not in self.places.taken and candidate not in self.created

        for candidate in (base, f"{base}-{slug(key[0])}"):
            if free(candidate):
                break
        else:
            n = 2
            while not free(f"{base}-{slug(key[0])}-{n}"):
                n += 1
            candidate = f"{base}-{slug(key[0])}-{n}"
        self.indicator_keys[candidate] = key
        return candidate

    def observations(self, row: CrimeRow) -> list[dict[str, Any]]:
        area = self.area(row)
        indicator = self.indicator(row)
        label = self.created[indicator]["label"]["es"].removesuffix(" (SESNSP)")
        area_label = self._label(area)
        result = []
        for month, value in sorted(row.months.items()):
            period = f"{row.year}-{month:02d}"
            entity: dict[str, Any] = {
                "id": f"{indicator}-{area}-{period}",
                "type": "Observation",
                "label": f"{label}, {area_label}, {period} (SESNSP)",
                "description": {"en": f"{value} investigation files in {area_label} in {period}, by SESNSP's count.",
                                "es": f"{value} carpetas de investigación en {area_label} en {period}, según el SESNSP."},
                "cite": self.source_id,
                "indicator": indicator, "value": value, "measureUnit": UNIT, "period": period, "refArea": area,
            }
            entity["producedBy"] = self.agency
            entity["observationStatus"] = "official-count"
            result.append(entity)
        return result

    def _label(self, place: str) -> str:
        if place in self.created:
            label = self.created[place]["label"]
            return label["es"] if isinstance(label, dict) else label
        return self.labels.get(place, place)

    def source(self, file_name: str) -> dict[str, Any]:
        entity: dict[str, Any] = {
            "id": self.source_id, "type": "CitedWork",
            "label": {"en": f"SESNSP crime incidence table {file_name}",
                      "es": f"Tabla de incidencia delictiva del SESNSP {file_name}"},
            "description": {"en": "A table of SESNSP's crime-incidence statistics (incidencia delictiva del fuero "
                                  "común), imported with `kg import sesnsp`.",
                            "es": "Una tabla de la incidencia delictiva del fuero común del SESNSP, importada con "
                                  "`kg import sesnsp`."},
            "cite": self.source_id, "title": file_name,
        }
        entity["author"] = self.agency
        return entity


def import_sesnsp(path: Path, rows: list[CrimeRow], model: Model, vocab: Vocabulary, target: Path, *,
                  source_id: str,
                  progress: Callable[[Iterable[CrimeRow]], Iterable[CrimeRow]] | None = None) -> ImportResult:
    """The YAML text `target` should hold after importing the checked `rows` (from `read_sesnsp(path)`), with counts
    of the observations added, updated, unchanged and kept."""
    importer = SesnspImporter(model, vocab, source_id, defined_in(model, target))
    observations: list[dict[str, Any]] = []
    made: dict[str, int] = {}  # observation id → the line of the row that made it
    collisions = Problems()
    for row in progress(rows) if progress else rows:
        for observation in importer.observations(row):
            first = made.setdefault(observation["id"], row.line)
            if first != row.line:
                collisions.error(Pos(str(path), row.line, 1), "duplicate-row",
                                 f"this row gives the observation `{observation['id']}` that line {first} gives too "
                                 "(the same crime, area and month: two municipalities of one state with one name?); "
                                 "expected one row per crime and area")
                break
            observations.append(observation)
    if collisions.errors:
        raise ImportCollision(f"{len(collisions.errors)} row(s) collide with others", collisions.items)
    entities = [importer.source(path.name), *importer.created.values(), *observations]
    return merge_and_render(target, entities, source_id, None, kind="Observation",
                            header="Imported by `kg import sesnsp` (SESNSP crime incidence). Edit with care: a re-import "
                                   "rewrites what it imported.")
