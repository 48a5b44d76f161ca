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
from .merge import ImportResult, merge_and_render
from .reconcile import ActorIndex, CreatesEntities, PlaceIndex, defined_in
from .sesnsp_layout import MONTHS, MUNICIPAL_COLUMNS, OTHER_MUNICIPALITIES, STATE_COLUMNS, STATES
from .tables import read_table
from .yamlwriter import slug

LAYOUT = "SESNSP's incidencia delictiva layout"
SCHEME = "https://w3id.org/mxsec/concept/sesnsp-crime-types"
UNIT = "investigation files"


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

        year = int(cell["Año"]) if cell["Año"].isdigit() and len(cell["Año"]) == 4 else None
        if year is None:
            bad("Año", f"expected a year like 2019, got `{cell['Año']}`")
        state_key = int(cell["Clave_Ent"]) if cell["Clave_Ent"].isdigit() else None
        if state_key not in STATES:
            bad("Clave_Ent", f"expected a state key from 1 to 32 (INEGI), got `{cell['Clave_Ent']}`")
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
            muni_key = int(raw) if raw.isdigit() else None
            if muni_key is not None and state_key is not None and muni_key < 1000:
                muni_key += state_key * 1000  # a key written without its state part
            if muni_key is None or (state_key is not None and muni_key // 1000 != state_key):
                bad("Cve. Municipio", f"expected a municipality key of state {cell['Clave_Ent']} (five digits, "
                    f"state first, e.g. {(state_key or 1):02d}001), got `{raw}`")
            muni_name = cell["Municipio"]
            if not muni_name:
                bad("Municipio", "expected the municipality's name; the cell is empty", "missing-value")
        months: dict[int, int] = {}
        for number, month in enumerate(MONTHS, start=1):
            text = cell[month].replace(",", "")
            if not text:
                continue  # no figure yet (or none reported): not a zero
            if not text.isdigit():
                bad(month, f"expected a whole number of crimes, or a blank cell for no data; got `{cell[month]}`")
                continue
            months[number] = int(text)
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
                "id": base if base not in self.places.taken or base in self.created else self.new_id(base),
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
    for row in progress(rows) if progress else rows:
        observations.extend(importer.observations(row))
    entities = [importer.source(path.name), *importer.created.values(), *observations]
    return merge_and_render(target, entities, source_id, None, kind="Observation",
                            header="Imported by `kg import sesnsp` (SESNSP crime incidence). Edit with care: a re-import "
                                   "rewrites what it imported.")
