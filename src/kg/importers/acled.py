"""`kg import acled`: an ACLED export (CSV, ACLED's 31 columns) → YAML incidents, places and actors, every statement
cited to the dataset row (a section of the dataset source named after `event_id_cnty`) and to the reports the row
names in `source`. Places and actors the graph holds are reused; the rest are created. The file it writes is merged
by id with what an earlier import wrote there, so re-importing changes nothing and a newer export updates what
changed."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.acled_layout import (
    ACLED_COLUMNS,
    EVENT_TYPES,
    INTER_CODES,
    INTER_NAMES,
    SUB_EVENT_TYPES,
    actor_type_for,
    roles_for,
)
from ..core.model import Model
from ..core.problems import Pos, Problems
from ..load.vocabulary import Vocabulary
from .cells import decimal, hidden_character, shown, whole_number
from .merge import ImportResult, merge_and_render
from .reconcile import ActorIndex, CreatesEntities, PlaceIndex, fold
from .tables import Table, read_table
from .yamlwriter import slug

if TYPE_CHECKING:
    from .review import ReviewFile

LAYOUT = "ACLED's export layout"
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")
# ACLED time_precision 2 means the source gives a span of days (about a week) around the recorded date.
WEEK_SPAN = datetime.timedelta(days=3)
GEO_NOTES = {
    2: "ACLED geo_precision 2: the source names a part of a larger area or a place near it; the coordinates are of the nearest named place",
    3: "ACLED geo_precision 3: the source names only a larger region; the coordinates are of its administrative centre",
}


@dataclass
class AcledEvent:
    """One checked row of an ACLED export."""

    line: int
    event_id: str
    date: datetime.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actors: list[tuple[str, str, int]]  # (name, actor type, side 1 or 2), actor1 and its associates first
    country: str
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    sources: list[str]
    notes: str
    fatalities: int


def read_acled(path: Path, problems: Problems) -> list[AcledEvent]:
    """Every row of the export, checked; bad cells are reported as problems (file:line:column) and the rows dropped.
    Two rows whose event ids are the same, or would give the same incident id (`MEX1` and `mex1`, `MEX_1` and
    `MEX-1`), are both reported: neither is imported over the other."""
    table = read_table(path, ACLED_COLUMNS, problems, layout=LAYOUT)
    if table is None:
        return []
    events: list[AcledEvent] = []
    seen: dict[str, tuple[int, str]] = {}  # incident id → (line, event id as written)
    for line, row in table.records(ACLED_COLUMNS):
        event = _check_row(table, line, row, problems)
        if event is None:
            continue
        key = slug(event.event_id)
        if key in seen:
            first_line, first_id = seen[key]
            same = "is already" if first_id == event.event_id else f"would give the same incident id (`acled-{key}`) as `{first_id}`"
            problems.error(table.pos(line, "event_id_cnty"), "duplicate-event",
                           f"event_id_cnty: `{event.event_id}` {same} on line {first_line}; expected one row per "
                           "event, each with its own id")
            continue
        seen[key] = (line, event.event_id)
        events.append(event)
    if not events and not problems.errors:
        problems.error(Pos(str(path), 1, 1), "no-rows", f"no events in the file; expected rows in {LAYOUT}")
    return events


# Cells that become names in the graph (one line, no control characters) and cells that become text (line breaks
# allowed).
NAME_COLUMNS = ("event_id_cnty", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2",
                "location", "source")
TEXT_COLUMNS = ("notes",)


def _check_row(table: Table, line: int, row: dict[str, str], problems: Problems) -> AcledEvent | None:
    ok = True

    def bad(column: str, message: str, rule: str = "bad-cell") -> None:
        nonlocal ok
        ok = False
        problems.error(table.pos(line, column), rule, f"{column}: {message}")

    row["notes"] = row["notes"].replace("\r\n", "\n").replace("\r", "\n")
    for columns, one_line in ((NAME_COLUMNS, True), (TEXT_COLUMNS, False)):
        for column in columns:
            hidden = hidden_character(row[column], one_line=one_line)
            if hidden:
                what = "a name" if one_line else "text"
                bad(column, f"contains {hidden}, which the graph refuses in {what} (it would be hidden or change how "
                    "the text is shown); remove it", "hidden-character")
    event_id = row["event_id_cnty"]
    if not event_id or len(event_id) > 40 or not re.fullmatch(r"[A-Za-z0-9_-]+", event_id):
        bad("event_id_cnty", f"expected an event id like `MEX12345` (ASCII letters, digits, `-` or `_`), got "
            f"`{shown(event_id)}`")
    date = _parse_date(row["event_date"])
    if date is None:
        bad("event_date", f"`{shown(row['event_date'])}` is not a date: expected YYYY-MM-DD (or `17 October 2019`) "
            "in ASCII digits", "bad-date")
    if row["year"]:
        year = whole_number(row["year"], 4)
        if year is None or (date is not None and year != date.year):
            expected = f"{date.year}, the year of event_date" if date is not None else "a year like 2019"
            bad("year", f"expected {expected} (ASCII digits), got `{shown(row['year'])}`")
    precision = _small_int(row["time_precision"], (1, 2, 3))
    if precision is None:
        bad("time_precision", f"expected 1 (day), 2 (week) or 3 (month), got `{shown(row['time_precision'])}`")
    event_type, sub = row["event_type"], row["sub_event_type"]
    if event_type not in EVENT_TYPES:
        bad("event_type", f"unknown event type `{shown(event_type)}`: expected one of {', '.join(EVENT_TYPES)}",
            "unknown-event-type")
    elif sub not in SUB_EVENT_TYPES or SUB_EVENT_TYPES[sub][0] != event_type:
        expected = [s for s, (e, _) in SUB_EVENT_TYPES.items() if e == event_type]
        bad("sub_event_type", f"unknown sub-event type `{shown(sub)}` for {event_type}: expected one of "
            f"{', '.join(expected)}", "unknown-event-type")
    actors: list[tuple[str, str, int]] = []
    for side in (1, 2):
        name, inter_cell = row[f"actor{side}"], row[f"inter{side}"]
        inter = _inter(inter_cell)
        if name and inter is None:
            bad(f"inter{side}", f"expected ACLED's actor type of actor{side} (1-8 or a name such as `Political "
                f"militia`), got `{shown(inter_cell)}`")
            continue
        if not name:
            if side == 1:
                bad("actor1", "every ACLED event has an actor1; the cell is empty", "missing-value")
            continue
        actors.append((name, inter or "", side))
        for assoc in _split(row[f"assoc_actor_{side}"]):
            actors.append((assoc, "", side))
    lat, lon = _coordinate(row["latitude"], 90), _coordinate(row["longitude"], 180)
    if row["latitude"] and lat is None:
        bad("latitude", f"expected a decimal number from -90 to 90 in ASCII digits, got `{shown(row['latitude'])}`")
    if row["longitude"] and lon is None:
        bad("longitude", f"expected a decimal number from -180 to 180 in ASCII digits, got "
            f"`{shown(row['longitude'])}`")
    geo = _small_int(row["geo_precision"], (1, 2, 3))
    if geo is None:
        bad("geo_precision", f"expected 1, 2 or 3, got `{shown(row['geo_precision'])}`")
    fatalities = _small_int(row["fatalities"], None)
    if fatalities is None:
        bad("fatalities", f"expected a whole number of 0 or more in ASCII digits (at most 9), got "
            f"`{shown(row['fatalities'])}`")
    if not row["country"]:
        bad("country", "expected the country's name; the cell is empty", "missing-value")
    if not ok:
        return None
    return AcledEvent(line, event_id, date, precision, event_type, sub, actors, row["country"], row["admin1"],
                      row["admin2"], row["location"], lat, lon, geo, _split(row["source"]), row["notes"], fatalities)


def _parse_date(text: str) -> datetime.date | None:
    if not text.isascii():  # strptime's %Y and %d take any Unicode digit: `２０１９` would be read as 2019
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _small_int(text: str, allowed: tuple[int, ...] | None) -> int | None:
    value = whole_number(text)
    return value if value is not None and (allowed is None or value in allowed) else None


def _inter(text: str) -> str | None:
    if text in ("", "0"):
        return ""
    return INTER_CODES.get(text) or INTER_NAMES.get(text.casefold())


def _coordinate(text: str, limit: float) -> float | None:
    value = decimal(text)
    return value if value is not None and -limit <= value <= limit else None


def _split(cell: str) -> list[str]:
    """ACLED's `;`-separated lists (associated actors, sources), without blanks or repeats, in order."""
    parts: list[str] = []
    for part in cell.split(";"):
        part = part.strip()
        if part and part not in parts:
            parts.append(part)
    return parts


@dataclass
class AcledImporter(CreatesEntities):
    """Turns checked ACLED events into entities, reusing the graph's places and actors."""

    vocab: Vocabulary
    places: PlaceIndex
    actors: ActorIndex
    source_id: str
    publisher: str | None
    created: dict[str, dict[str, Any]] = field(default_factory=dict)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    matched_actors: set[str] = field(default_factory=set)
    gazetteer_source: str | None = None  # the graph's source entity for the gazetteer of places, when it has one
    _actor_ids: dict[str, str] = field(default_factory=dict)
    _outlet_ids: dict[str, str] = field(default_factory=dict)

    def row_cite(self, event: AcledEvent) -> str:
        return f"{self.source_id} §{slug(event.event_id)} ¶1"

    # ------------------------------------------------------------------ places
    def place_for(self, event: AcledEvent, cite: str) -> tuple[str, list[str]]:
        """The most precise place of the event (found or created) and notes on what the place cannot say."""
        notes = []
        country = self.places.find("Country", None, event.country) or self._create_place(
            "Country", None, event.country, cite, None)
        place = country
        state = None
        if event.admin1:
            state = self.places.find("State", country, event.admin1) or self._create_place(
                "State", country, event.admin1, cite, None)
            place = state
        municipality = None
        if state and event.admin2:
            coords = event if fold(event.location) == fold(event.admin2) and event.geo_precision == 1 else None
            municipality = self.places.find("Municipality", state, event.admin2) or self._create_place(
                "Municipality", state, event.admin2, cite, coords, event.admin1)
            place = municipality
        location = event.location
        if municipality and location and fold(location) != fold(event.admin2):
            found = self.places.find("Municipality", state, location)
            if found:
                place = found
            else:
                coords = event if event.geo_precision == 1 else None
                place = self.places.find("Locality", municipality, location) or self._create_place(
                    "Locality", municipality, location, cite, coords, event.admin1)
        elif not municipality and location and fold(location) not in (fold(event.admin1), fold(event.country)):
            notes.append(f"ACLED's location is {location}, which has no municipality (admin2) to place it in")
        if event.geo_precision in GEO_NOTES:
            notes.append(GEO_NOTES[event.geo_precision] + (
                f" ({event.latitude}, {event.longitude})" if event.latitude is not None else ""))
        return place, notes

    def _create_place(self, level: str, parent: str | None, name: str, cite: str, coords: AcledEvent | None,
                      state_name: str = "") -> str:
        parent_label = self.created.get(parent or "", {}).get("label") if parent else None
        qualifier = slug(parent_label) if isinstance(parent_label, str) else (parent or "")
        kind = {"Country": "A country", "State": "A state", "Municipality": "A municipality",
                "Locality": "A locality"}[level]
        tipo = {"Country": "Un país", "State": "Un estado", "Municipality": "Un municipio",
                "Locality": "Una localidad"}[level]
        entity: dict[str, Any] = {
            "id": self.new_id(slug(name), qualifier), "type": level, "label": name,
            "description": {"en": f"{kind} named in ACLED's event data.",
                            "es": f"{tipo} que aparece en los datos de eventos de ACLED."},
            "cite": cite,
        }
        statements: list[dict[str, Any]] = [{"locatedIn": parent, "cite": cite}] if parent else []
        if coords is not None and coords.latitude is not None and coords.longitude is not None:
            entity["latitude"] = coords.latitude
            entity["longitude"] = coords.longitude
        elif level in ("Municipality", "Locality") and state_name:
            statements += self._gazetteer_point(level, name, state_name)
        if statements:
            entity["statements"] = statements
        self.places.add(level, parent, name, entity["id"])
        return self.add(entity)

    def _gazetteer_point(self, level: str, name: str, state_name: str) -> list[dict[str, Any]]:
        """Coordinates for a place ACLED gives none for (or only a nearby place's), from the gazetteer of Mexico's
        places when one place of that name lies in the state, cited to it; none when the graph has no gazetteer
        source (`geonames`) or the name is missing or repeated there."""
        from ..text.places import load_places

        if not self.gazetteer_source:
            return []
        gazetteer = load_places()
        state = gazetteer.state_key(state_name)
        match = gazetteer.lookup(name, state) if state is not None else None
        if match is None or match.place is None:
            return []
        what = "the municipal seat" if level == "Municipality" else "the locality"
        note = f"{match.place.describe()}: the point of {what} (proposed by kg import acled)."
        return [{"latitude": match.place.latitude, "cite": self.gazetteer_source, "note": note},
                {"longitude": match.place.longitude, "cite": self.gazetteer_source, "note": note}]

    # ------------------------------------------------------------------ actors and reports
    def actor_for(self, name: str, inter: str, cite: str) -> tuple[str, str | None]:
        """The actor's id and, when it was matched under another spelling, a note saying so."""
        if name in self._actor_ids:
            entity_id = self._actor_ids[name]
        else:
            match = self.actors.match(name)
            if match is not None:
                entity_id = match.id
                self.matched_actors.add(entity_id)
            else:
                entity_id = self.new_id(slug(name), "acled")
                kind = inter or "an associated actor"
                self.add({
                    "id": entity_id, "type": actor_type_for(inter, name), "label": name,
                    "description": {"en": f"An actor in ACLED's event data ({kind}).",
                                    "es": f"Un actor de los datos de eventos de ACLED ({kind})."},
                    "cite": cite,
                    "statements": [{"nameInSource": name, "cite": cite}],
                })
            self._actor_ids[name] = entity_id
        if entity_id in self.created:
            return entity_id, None
        match = self.actors.match(name)
        if match is not None and match.score < 100 or fold(name) not in self.actors.names:
            return entity_id, f"ACLED names this actor “{name}”"
        return entity_id, None

    def outlet_for(self, name: str, cite: str) -> str:
        if name not in self._outlet_ids:
            entity: dict[str, Any] = {
                "id": self.new_id(f"{slug(name)}-reports"), "type": "CitedWork",
                "label": {"en": f"{name} (reports cited by ACLED)", "es": f"{name} (notas citadas por ACLED)"},
                "title": name, "citedBy": self.source_id, "cite": cite,
            }
            outlet = self.actors.match(name)
            if outlet is not None and outlet.score == 100:
                entity["publisher"] = outlet.id
            self._outlet_ids[name] = self.add(entity)
        return self._outlet_ids[name]

    # ------------------------------------------------------------------ incidents
    def incident(self, event: AcledEvent) -> dict[str, Any]:
        """The incident entity of one event, with its place, participants, toll and date, all cited to the row."""
        row = self.row_cite(event)
        self.sections[slug(event.event_id)] = {"heading": event.event_id, "paragraphs": 1}
        cites = [row] + [self.outlet_for(name, row) for name in event.sources]
        concept = SUB_EVENT_TYPES[event.sub_event_type][1]
        labels = dict(self.vocab.concepts[concept or EVENT_TYPES[event.event_type]].labels)
        if concept is None:
            labels = {"en": event.sub_event_type, "es": f"{labels['es']} ({event.sub_event_type})"}
        where = event.location or event.admin2 or event.admin1 or event.country
        entity: dict[str, Any] = {
            "id": f"acled-{slug(event.event_id)}", "type": "Incident",
            "label": {"en": f"{labels['en']} in {where} ({event.event_id})",
                      "es": f"{labels['es']} en {where} ({event.event_id})"},
            "description": {
                "en": f"{labels['en']} in {where} on {event.date.isoformat()}, as ACLED records it (event "
                      f"{event.event_id}); {event.fatalities} killed by its count.",
                "es": f"{labels['es']} en {where} el {event.date.isoformat()}, según los datos de ACLED (evento "
                      f"{event.event_id}); {event.fatalities} muertos según su conteo.",
            },
        }
        if concept is None:
            entity["note"] = (f"ACLED sub-event type “{event.sub_event_type}”, which the ontology's scheme does not "
                              "list yet: typed by its event type.")
        entity["cite"] = cites
        entity["eventType"] = concept or EVENT_TYPES[event.event_type]
        statements: list[dict[str, Any]] = []
        if event.time_precision == 1:
            entity["date"] = event.date.isoformat()
        elif event.time_precision == 3:
            entity["date"] = event.date.strftime("%Y-%m")
        else:
            statements.append({
                "date": event.date.isoformat(), "earliest": (event.date - WEEK_SPAN).isoformat(),
                "latest": (event.date + WEEK_SPAN).isoformat(), "cite": cites,
                "note": "ACLED time_precision 2: the source gives a span of days (about a week) around this date.",
            })
        place, notes = self.place_for(event, row)
        place_statement: dict[str, Any] = {"place": place, "cite": cites}
        if notes:
            place_statement["note"] = "; ".join(notes) + "."
        statements.append(place_statement)
        inter2 = next((inter for _, inter, side in event.actors if side == 2 and inter), "")
        roles = roles_for(event.event_type, event.sub_event_type, inter2)
        seen: set[tuple[str, str]] = set()
        for name, inter, side in event.actors:
            actor, note = self.actor_for(name, inter, row)
            role = roles[side - 1]
            if (actor, role) in seen:
                continue
            seen.add((actor, role))
            statement: dict[str, Any] = {"participant": actor, "role": role, "cite": cites}
            if note:
                statement["note"] = note + "."
            statements.append(statement)
        statements.append({"killed": event.fatalities, "cite": cites})
        if event.notes:
            statements.append({"claim": event.notes, "cite": cites})
        entity["statements"] = statements
        return entity

    def dataset_source(self, first_section: str) -> dict[str, Any]:
        entity: dict[str, Any] = {
            "id": self.source_id, "type": "CitedWork",
            "label": {"en": "ACLED event data", "es": "Datos de eventos de ACLED"},
            "description": {
                "en": "Events from the Armed Conflict Location & Event Data Project (ACLED), imported with "
                      "`kg import acled`; each section is one event, named by its event_id_cnty.",
                "es": "Eventos del Armed Conflict Location & Event Data Project (ACLED), importados con "
                      "`kg import acled`; cada sección es un evento, nombrado por su event_id_cnty.",
            },
            "cite": f"{self.source_id} §{first_section} ¶1",
            "title": "ACLED event data export",
        }
        if self.publisher:
            entity["publisher"] = self.publisher
        return entity


def import_acled(path: Path, events: list[AcledEvent], model: Model, vocab: Vocabulary, target: Path, *,
                 source_id: str = "acled-data",
                 progress: Callable[[Iterable[AcledEvent]], Iterable[AcledEvent]] | None = None,
                 review: ReviewFile | None = None, match: bool = True) -> ImportResult:
    """The YAML text `target` should hold after importing the checked `events` (from `read_acled(path)`) into the
    checked graph `model`, with counts of what changed.

    With `match`, each row is compared with the graph's events (kg.importers.matching): matches above the threshold are
    proposed in `review` (the graph's event-matches.yaml), never merged; a row whose match a curator accepted there
    becomes statements of that event instead of an incident of its own (`result.others` holds the files that
    changes), and a rejected pair is not proposed again."""
    from .acled_report import merge_accepted, row_record
    from .matching import GraphPlaces, best_matches, graph_records
    from .reconcile import defined_in
    from .review import Review, ReviewFile

    ours = defined_in(model, target)
    actors = ActorIndex(model, vocab, skip_ids=ours)
    publisher = next((m.id for name in ("ACLED", "Armed Conflict Location & Event Data Project")
                      if (m := actors.match(name)) is not None and m.score == 100), None)
    importer = AcledImporter(vocab, PlaceIndex(model, vocab, skip_ids=ours), actors, source_id, publisher)
    importer.gazetteer_source = "geonames" if "geonames" in model.entities else None
    # The incidents' ids are claimed first, so that no place, actor or outlet the import creates takes one of them.
    importer.places.taken.update(f"acled-{slug(event.event_id)}" for event in events)
    importer.places.taken.update(i for i in ours if model.entities[i].type == "Incident")
    importer.places.taken.add(source_id)
    write_review = review is not None  # a caller without the graph's review file gets the proposals in the counts
    review = review if review is not None else ReviewFile(target.parent / "event-matches.yaml")
    places = GraphPlaces(model, vocab)
    records = []
    accepted: dict[str, list[tuple[str, dict[str, Any]]]] = {}  # event id → [(record id, incident)]
    merged_ids: set[str] = set()

    def entities() -> Iterator[dict[str, Any]]:
        # Incidents first, each rendered and dropped by the merge as it comes (100k rows: no 100k dicts held); the
        # dataset source last, when its sections are all known.
        for event in progress(events) if progress else events:
            incident = importer.incident(event)
            decision = review.accepted(incident["id"]) if match else None
            if decision is not None:
                accepted.setdefault(decision.event, []).append((incident["id"], incident))
                merged_ids.add(incident["id"])
                continue
            if match:
                records.append(row_record(incident, event, importer, places, vocab, source_id))
            yield incident
        yield importer.dataset_source(min(importer.sections))
        yield from importer.created.values()

    result = merge_and_render(target, entities(), source_id, importer.sections, kind="Incident",
                              header="Imported by `kg import acled` (ACLED event data). Edit with care: a re-import "
                                     "rewrites what it imported.", drop=merged_ids)
    result.counts["actors matched"] = len(importer.matched_actors)  # known once the generator has run
    if not match:
        return result
    candidates = graph_records(model, vocab, skip=ours | merged_ids)
    proposed = 0
    for found in best_matches(records, candidates, exclude=lambda r, e: review.rejected(r, e)):
        review.propose(Review(found.record.id, source_id, found.event.id, found.score, found.reasons))
        proposed += 1
    others = merge_accepted(accepted, model, review)
    review_text = review.text()
    if write_review and (not review.path.exists() or review.path.read_text(encoding="utf-8") != review_text):
        others[review.path] = review_text
    result.proposals = review
    result.others = others
    result.changed = result.changed or any(
        not p.exists() or p.read_text(encoding="utf-8") != t for p, t in others.items())
    result.counts["match(es) proposed"] = proposed
    result.counts["merged into the graph's events"] = len(merged_ids)
    return result
