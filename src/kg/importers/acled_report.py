"""An ACLED row as one report among others: its record for matching (kg.importers.matching), and, once a curator has
accepted its match, its statements added to the graph's event (kg.importers.merge_event)."""

from __future__ import annotations

import calendar
import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.model import Model
from ..core.problems import Pos, Problem
from ..load.vocabulary import Vocabulary
from .matching import EventRecord, GraphPlaces, kinds_of
from .merge import ImportCollision

if TYPE_CHECKING:
    from .review import ReviewFile

WEEK = datetime.timedelta(days=3)


def _bounds(event: Any) -> tuple[datetime.date, datetime.date]:
    if event.time_precision == 2:
        return event.date - WEEK, event.date + WEEK
    if event.time_precision == 3:
        last = calendar.monthrange(event.date.year, event.date.month)[1]
        return event.date.replace(day=1), event.date.replace(day=last)
    return event.date, event.date


def _chain(place: str, importer: Any, places: GraphPlaces) -> list[str]:
    """The place and every place it lies in, through the places this import creates and then the graph's."""
    order = []
    current: str | None = place
    while current is not None and current in importer.created and current not in order:
        order.append(current)
        parents = [st["locatedIn"] for st in importer.created[current].get("statements", []) if "locatedIn" in st]
        current = parents[0] if parents else None
    if current is not None and current not in order:
        order.extend(places.chain(current))
    return order


def row_record(incident: dict[str, Any], event: Any, importer: Any, places: GraphPlaces,
               vocab: Vocabulary, group: str) -> EventRecord:
    """The matching record of one row, from the incident the import makes of it."""
    statements = incident.get("statements", [])
    where = [st["place"] for st in statements if "place" in st]
    within = [p for place in where for p in _chain(place, importer, places)]
    states = [p for p in within if (importer.created.get(p, {}).get("type") == "State")
              or (p in places.model.entities and vocab.is_a(places.model.entities[p].type, "State"))]
    point = (event.latitude, event.longitude) if event.latitude is not None and event.longitude is not None else \
        places.point([p for p in within if p in places.model.entities])
    earliest, latest = _bounds(event)
    return EventRecord(
        incident["id"], incident["label"]["en"], earliest, latest, frozenset(where), frozenset(within),
        states[0] if states else None, point, kinds_of([incident["eventType"]], vocab),
        frozenset(st["participant"] for st in statements if "participant" in st), event.fatalities, group)


def report_statements(incident: dict[str, Any], event_id: str) -> list[dict[str, Any]]:
    """What the row states about the event, as statements each cited to the row (and the reports it names): its
    type and date (top-level attributes of the incident, cited by the incident's `cite`), its other statements, and
    ACLED's id for it as a `nameInSource`."""
    cites = list(incident["cite"])
    row = cites[0]
    out: list[dict[str, Any]] = [{"eventType": incident["eventType"], "cite": cites}]
    if "date" in incident:
        out.append({"date": incident["date"], "cite": cites})
    out += [dict(st) for st in incident.get("statements", [])]
    out.append({"nameInSource": event_id, "cite": [row],
                "note": "ACLED's id for this event (a match accepted in event-matches.yaml)."})
    return out


def merge_accepted(accepted: dict[str, list[tuple[str, dict[str, Any]]]], model: Model,
                   review: ReviewFile) -> dict[Path, str]:
    """The new text of every file holding an event an accepted match adds to (files that do not change left out)."""
    from .merge_event import MergeError, merge_into_file

    texts: dict[Path, str] = {}
    originals: dict[Path, str] = {}
    problems = []
    for event_id, rows in sorted(accepted.items()):
        entity = model.entities.get(event_id)
        for record_id, incident in rows:
            entry = review.accepted(record_id)
            where = entry.pos if entry is not None and entry.pos is not None else Pos(str(review.path), 1, 1)
            if entity is None:
                problems.append(Problem("error", where, f"the accepted match {record_id} → {event_id} names an event "
                                                        "the graph does not hold", "unknown-event"))
                continue
            path = Path(entity.pos.file)
            if path not in texts:
                originals[path] = texts[path] = path.read_text(encoding="utf-8")
            try:
                texts[path] = merge_into_file(texts[path], event_id, report_statements(incident, _acled_id(incident)))
            except MergeError as exc:
                problems.append(Problem("error", entity.pos, f"cannot add {record_id} to {event_id}: {exc}",
                                        "merge-failed"))
    if problems:
        raise ImportCollision(f"{len(problems)} accepted match(es) cannot be applied", problems)
    return {path: text for path, text in texts.items() if text != originals[path]}


def _acled_id(incident: dict[str, Any]) -> str:
    """ACLED's event id, as the incident's label ends with it: "... (MEX90001)"."""
    return incident["label"]["en"].rsplit("(", 1)[-1].rstrip(")")
