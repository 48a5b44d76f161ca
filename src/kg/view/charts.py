"""The indicator charts' data (charts.js draws them): each indicator with its observations, every figure with its
period, value, unit, status, producing agency and the sources that report it."""

from __future__ import annotations

from ..core import figures
from ..core.model import Entity, Model, Statement
from ..load.vocabulary import Vocabulary
from .common import first_statement, number

OBSERVATION_CLASS = "Observation"


def observation_value(observation: Entity, value: Statement) -> dict:
    """An observation's figure as a chart draws it, from the one presenter (kg.core.figures.observation_figure): the
    number, its bound, hedge and status when the source gives them ("35,000 or more": {"bound": "at-least"}), and
    for a rank, how many were ranked ({"outOf": 126})."""
    presented = figures.observation_figure(observation)
    figure: dict = {"value": number(value.value.text)}
    if presented is not None:
        figure["value"] = number(presented.value)
        for qualifier in ("bound", "hedge"):
            if getattr(presented, qualifier):
                figure[qualifier] = getattr(presented, qualifier)
    out_of = first_statement(observation, "outOf")
    if out_of is not None and number(out_of.value.text) is not None:
        figure["outOf"] = number(out_of.value.text)
    return figure


def indicator_series(model: Model, vocab: Vocabulary, shown: set[str]) -> list[dict]:
    """Each indicator with its observations: period, value (with its bound, and for a rank the number ranked), unit,
    status, producing agency and reporting sources; the indicators with the most observations first (the series
    people come for), then by id."""
    by_indicator: dict[str, list[dict]] = {}
    for entity in model.entities.values():
        if entity.id not in shown or not vocab.is_a(entity.type, OBSERVATION_CLASS):
            continue
        indicator = first_statement(entity, "indicator")
        value = first_statement(entity, "value")
        period = first_statement(entity, "period")
        if indicator is None or value is None or period is None or number(value.value.text) is None:
            continue
        record = {"id": entity.id, "period": period.value.text, **observation_value(entity, value),
                  "sources": sorted({c.source for c in entity.citations}
                                    | {c.source for c in value.citations})}
        for key, predicate in (("unit", "measureUnit"), ("producer", "producedBy"), ("status", "observationStatus"),
                               ("area", "refArea")):
            st = first_statement(entity, predicate)
            if st is not None:
                record[key] = st.value.text.rsplit("/", 1)[-1] if st.value.kind == "concept" else st.value.text
        by_indicator.setdefault(indicator.value.text, []).append(record)
    out = []
    for indicator_id in sorted(by_indicator, key=lambda i: (-len(by_indicator[i]), i)):
        observations = sorted(by_indicator[indicator_id], key=lambda o: (o["period"], o.get("producer", ""), o["id"]))
        entry = {"id": indicator_id, "observations": observations}
        indicator = model.entities.get(indicator_id)
        unit = first_statement(indicator, "measureUnit") if indicator is not None else None
        if unit is not None:
            entry["unit"] = unit.value.text
        out.append(entry)
    return out
