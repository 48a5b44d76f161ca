"""The reverse crosswalk of `kg import acled`: the graph's incidents as rows in ACLED's 31-column layout, so that
analysts can set them beside ACLED data. Imported incidents keep their ACLED event id; the graph's own get
`mxsec:<id>`. Fields the graph does not hold (admin3, source_scale, tags, timestamp) are left blank."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from ...core.acled_layout import ACLED_COLUMNS, DISORDER_TYPES, FIRST_SIDE_ROLES
from ...core.figures import event_toll
from ...core.model import Entity, Model, Statement
from ...load.vocabulary import Vocabulary
from ..cells import inert_row
from . import EXPORT_NAME, ExportFormat, ExportInputs, Files

ACLED_SCHEME = "https://w3id.org/mxsec/concept/acled"
ISO_CODES = {"mexico": ("484", "Central America"), "united states": ("840", "North America")}
_SUB_EVENT_NOTE = re.compile(r"ACLED sub-event type “([^”]+)”")
_STATE_TYPES = ("SecurityForce", "GovernmentAgency", "Government", "Legislature", "Court")


def _asserted(entity: Entity, predicate: str) -> Iterator[Statement]:
    """The entity's statements of `predicate` the graph asserts (a source error counts by its correction)."""
    for st in entity.statements:
        if st.predicate == predicate:
            chosen = st.correction if st.error else st
            if chosen is not None:
                yield chosen


def _concept(iri: str) -> str:
    """A concept's local name (the model keeps concept values as full IRIs)."""
    return iri.rsplit("/", 1)[-1]


def _first(entity: Entity, predicate: str) -> Statement | None:
    return next(_asserted(entity, predicate), None)


def _label(entity: Entity, *langs: str) -> str:
    for lang in (*langs, "en", "es", ""):
        if entity.labels.get(lang):
            return entity.labels[lang]
    return entity.id


class AcledRows:
    """Builds ACLED rows from the resolved model."""

    def __init__(self, model: Model, vocab: Vocabulary):
        self.model = model
        self.vocab = vocab

    def entity(self, entity_id: str) -> Entity | None:
        return self.model.entities.get(entity_id)

    def rows(self) -> list[dict[str, str]]:
        """One row per incident typed with an ACLED concept, ordered by date and event id."""
        rows = []
        for entity in self.model.entities.values():
            if self.vocab.is_a(entity.type, "Incident"):
                row = self.row(entity)
                if row is not None:
                    rows.append(row)
        return sorted(rows, key=lambda r: (r["event_date"], r["event_id_cnty"]))

    def row(self, incident: Entity) -> dict[str, str] | None:
        typed = _first(incident, "eventType")
        concept = self.vocab.concepts.get(_concept(typed.value.text)) if typed else None
        if concept is None or ACLED_SCHEME not in concept.schemes:
            return None
        if concept.broader:
            event_type = self.vocab.concepts[concept.broader].labels.get("en", "")
            sub_event_type = concept.labels.get("en", "")
        else:
            event_type = concept.labels.get("en", "")
            found = _SUB_EVENT_NOTE.search(incident.note or "")
            sub_event_type = found.group(1) if found else ""
        row = dict.fromkeys(ACLED_COLUMNS, "")
        row.update(event_type=event_type, sub_event_type=sub_event_type, disorder_type=DISORDER_TYPES.get(event_type, ""))
        row["event_id_cnty"] = self.event_id(incident)
        self.date(incident, row)
        self.actors(incident, row, event_type)
        self.place(incident, row)
        row["source"] = "; ".join(self.sources(incident))
        claims = [st.value.text for st in _asserted(incident, "claim")]
        row["notes"] = " ".join(claims) or incident.descriptions.get("en", "")
        # ACLED writes 0 when no fatality is reported and, where reports differ, the most conservative figure, noted.
        # The graph's sources may simply not say: an event without a toll is left blank, never 0 (docs/analysis.md).
        toll = event_toll(incident)
        if toll is not None:
            row["fatalities"] = toll.low
            if toll.disputed:
                row["notes"] += f" Fatalities: sources differ ({toll.low}–{toll.high}); the lowest is given."
        return row

    def event_id(self, incident: Entity) -> str:
        """ACLED's id for an imported incident (the heading of the dataset section it cites), or for an event an
        accepted match merged a row into (a `nameInSource` cited to the dataset section of that heading), else
        `mxsec:<id>`."""
        if incident.id.startswith("acled-"):
            for citation in incident.citations:
                if self._heading(citation).casefold() == incident.id.removeprefix("acled-"):
                    return self._heading(citation)
        for st in _asserted(incident, "nameInSource"):
            if any(self._heading(c) == st.value.text for c in st.citations):
                return st.value.text
        return f"mxsec:{incident.id}"

    def _heading(self, citation) -> str:
        source = self.entity(citation.source)
        section = source.sections.get(citation.section or "") if source else None
        return section.heading if section is not None else ""

    def date(self, incident: Entity, row: dict[str, str]) -> None:
        st = _first(incident, "date") or _first(incident, "startDate")
        if st is None:
            return
        text = st.value.text
        parts = text.split("-")
        if len(parts) == 3:
            row["event_date"], row["time_precision"] = text, "2" if "earliest" in st.qualifiers else "1"
        elif len(parts) == 2:
            row["event_date"], row["time_precision"] = f"{text}-15", "3"  # ACLED: the middle of the month
        else:
            row["event_date"], row["time_precision"] = f"{text}-07-01", "3"
        row["year"] = parts[0]

    def actors(self, incident: Entity, row: dict[str, str], event_type: str) -> None:
        sides: dict[int, list[str]] = {1: [], 2: []}
        roles = []
        for st in _asserted(incident, "participant"):
            role = _concept(st.qualifiers["role"].text) if "role" in st.qualifiers else ""
            roles.append((st.value.text, role))
        for actor, role in roles:
            side = 1 if role in FIRST_SIDE_ROLES or (not sides[1] and role == "decision-maker") else 2
            sides[side].append(actor)
        # With no actor on the first side (a perpetrator the sources do not name), actor1 stays blank rather than
        # putting a victim or a responding force in the perpetrator's column.
        inters = {}
        for side in (1, 2):
            if not sides[side]:
                continue
            names = [self.actor_name(a) for a in sides[side]]
            row[f"actor{side}"] = names[0]
            row[f"assoc_actor_{side}"] = "; ".join(names[1:])
            inters[side] = self.inter(sides[side][0], names[0])
            row[f"inter{side}"] = inters[side]
        named = [inters[side] for side in (1, 2) if inters.get(side)]
        if named:
            row["interaction"] = "-".join(named) + (" only" if len(named) == 1 else "")
        if event_type == "Violence against civilians" or inters.get(2) == "Civilians":
            row["civilian_targeting"] = "Civilian targeting"

    def actor_name(self, actor_id: str) -> str:
        entity = self.entity(actor_id)
        if entity is None:
            return actor_id
        named = _first(entity, "nameInSource")
        return named.value.text if named else _label(entity, "en")

    def inter(self, actor_id: str, name: str) -> str:
        lowered = name.casefold()
        for prefix, inter in (("civilians", "Civilians"), ("protesters", "Protesters"), ("rioters", "Rioters"),
                              ("unidentified armed group", "Political militia")):
            if lowered.startswith(prefix):
                return inter
        entity = self.entity(actor_id)
        if entity is None:
            return ""
        if self.vocab.is_a(entity.type, "ForeignGovernmentAgency"):
            return "External/Other forces"
        if any(self.vocab.is_a(entity.type, t) for t in _STATE_TYPES):
            return "State forces"
        if self.vocab.is_a(entity.type, "CriminalOrganization"):
            return "Political militia"
        return ""

    def place(self, incident: Entity, row: dict[str, str]) -> None:
        st = _first(incident, "place")
        place = self.entity(st.value.text) if st else None
        if place is None:
            return
        chain = [place]
        while len(chain) < 10:
            parent = _first(chain[-1], "locatedIn")
            parent_entity = self.entity(parent.value.text) if parent else None
            if parent_entity is None or parent_entity in chain:
                break
            chain.append(parent_entity)
        levels: dict[str, Entity] = {}
        for entity in chain:
            for level in ("Country", "State", "Municipality", "Locality"):
                if self.vocab.is_a(entity.type, level):
                    levels.setdefault(level, entity)
        if "Country" in levels:
            country = _label(levels["Country"], "en")
            row["country"] = country
            row["iso"], row["region"] = ISO_CODES.get(country.casefold(), ("", ""))
        row["admin1"] = _label(levels["State"], "es") if "State" in levels else ""
        row["admin2"] = _label(levels["Municipality"], "es") if "Municipality" in levels else ""
        row["location"] = _label(place, "es")
        for depth, entity in enumerate(chain):
            lat, lon = _first(entity, "latitude"), _first(entity, "longitude")
            if lat and lon:
                row["latitude"], row["longitude"] = lat.value.text, lon.value.text
                local = self.vocab.is_a(entity.type, "Municipality") or self.vocab.is_a(entity.type, "Locality")
                row["geo_precision"] = "1" if depth == 0 and local else "2" if local else "3"
                break

    def sources(self, incident: Entity) -> list[str]:
        """The names of the works the incident cites (titles, else labels), the dataset it came from left out."""
        names: list[str] = []
        for citation in incident.citations:
            source = self.entity(citation.source)
            if source is None or source.sections and citation.section and source.id.startswith("acled"):
                continue
            if self.vocab.is_a(source.type, "CuratorKnowledge"):
                continue
            title = _first(source, "title")
            name = title.value.text if title else _label(source, "en")
            if name not in names:
                names.append(name)
        return names


def acled_csv(model: Model, vocab: Vocabulary, raw: bool = False) -> bytes:
    """The incidents as a UTF-8 CSV file in ACLED's layout (header first, one row per incident); a cell a spreadsheet
    would run as a formula is made inert unless `raw` (kg.outputs.cells)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    writer.writerows(inert_row([row[c] for c in ACLED_COLUMNS], raw) for row in AcledRows(model, vocab).rows())
    return out.getvalue().encode("utf-8")


def _render(inputs: ExportInputs) -> Files:
    return {EXPORT_NAME + "-acled.csv": [acled_csv(inputs.model, inputs.vocab, raw=inputs.raw)]}


FORMAT = ExportFormat("acled", "the incidents as rows in ACLED's 31-column layout (beside ACLED data)",
                      (EXPORT_NAME + "-acled.csv",), "csv (ACLED layout)", _render, spreadsheet=True)
