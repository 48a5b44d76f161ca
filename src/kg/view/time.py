"""The explorer's two kinds of time (its script, time.js, draws the controls): *when it was published* — the first
day each statement and entity was known (kg.history.as_of), for the "as known on" control — and *when it held* — the
spells of relations and entities (kg.outputs.spells), for the network's year stepper. The period filter, when things
happened, is the page's own (entities.py).

Days are written once, in `days`, and referred to by their index: a statement record gets `k` (the index of its first
known day; its correction its own), so the page filters by one comparison and the file stays small.
"""

from __future__ import annotations

from ..core.model import Model
from ..history.as_of import known_since
from ..history.release import Release
from ..load.vocabulary import Vocabulary
from ..outputs.spells import spell_records


def add_time_data(data: dict, model: Model, vocab: Vocabulary, *, as_of: str | None = None,
                  release: Release | None = None) -> None:
    """Put into the page's data (made by page_data) each statement record's first known day (`k`), and `time`: the
    days, each entity's and source's first known day, the spells and, for a page drawn `--as-of`, that day."""
    known = known_since(model, vocab)
    days = sorted({d for d in [*known.statements.values(), *known.entities.values(),
                               *(d for d in known.sources.values() if d is not None)]})
    index = {day: i for i, day in enumerate(days)}

    def mark(record: dict, st) -> None:  # noqa: ANN001 - a model Statement
        day = known.statement_day(st)
        if day is not None:
            record["k"] = index[day]
        if st.correction is not None and "correction" in record:
            mark(record["correction"], st.correction)

    pages = data["entities"]
    drawn = set(pages)
    incoming: dict[str, list] = {}
    for entity in model.entities.values():
        page = pages.get(entity.id)
        for position, st in enumerate(entity.statements):
            if page is not None:
                mark(page["statements"][position], st)
            # The same walk as entities.view_data: statements of undrawn subjects listed under their targets.
            targets = {st.value.text} if st.value.kind == "entity" else set()
            if st.correction is not None and st.correction.value.kind == "entity":
                targets.add(st.correction.value.text)
            for target in targets & drawn:
                if target != entity.id and entity.id not in drawn:
                    incoming.setdefault(target, []).append(st)
    for target, statements in incoming.items():
        for record, st in zip(pages[target]["incoming"], statements, strict=True):
            mark(record, st)

    spells = spell_records(model, vocab)
    relations = {iri: spell for iri, spell in spells["relations"].items() if iri in data["edgeMeta"]}
    data["time"] = {
        "days": days,
        "entities": {eid: index[day] for eid, day in sorted(known.entities.items()) if eid in drawn},
        "sources": {sid: day for sid, day in sorted(known.sources.items()) if day is not None},
        "spells": {"entities": {k: v for k, v in spells["entities"].items() if k in drawn}, "relations": relations},
        "years": spells["years"],
        "asOf": as_of,
        "release": {"version": release.version, "date": release.date} if release is not None else None,
    }
