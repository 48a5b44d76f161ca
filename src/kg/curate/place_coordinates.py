"""Coordinates for the graph's places from the gazetteer (`kg match places`): each municipality and locality without
coordinates is looked up by every name it goes by, within the state the graph places it in (its `locatedIn` chain);
one GeoNames place → a proposal, cited to the gazetteer; none or several → left unplaced, and said so."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Entity, Model
from ..core.names import entity_names
from ..load.vocabulary import Vocabulary
from ..text.places import SOURCE_ID, GazetteerPlace, PlaceGazetteer

PLACED_KINDS = ("Municipality", "Locality")


@dataclass(frozen=True)
class CoordinateProposal:
    """What the gazetteer says about one place of the graph."""

    entity: str
    kind: str
    state: str | None  # the state entity the graph places it in
    place: GazetteerPlace | None
    reason: str  # why it was or was not matched

    @property
    def precision(self) -> str:
        """What the point stands for: the locality itself, or the seat of a municipality."""
        return "the municipal seat" if self.kind == "Municipality" else "the locality"

    def statements_yaml(self) -> str:
        """The two statements to add to the place, cited to the gazetteer."""
        assert self.place is not None
        note = f"{self.place.describe()}: the point of {self.precision}."
        lines = []
        for key, value in (("latitude", self.place.latitude), ("longitude", self.place.longitude)):
            lines += [f"    - {key}: {value}", f"      cite: {SOURCE_ID}", f"      note: \"{note}\""]
        return "\n".join(lines)


def _parents(entity: Entity) -> list[str]:
    found = []
    for st in entity.statements:
        if st.predicate == "locatedIn":
            chosen = st.correction if st.error else st
            if chosen is not None and chosen.value.kind == "entity":
                found.append(chosen.value.text)
    return found


def state_of(entity: Entity, model: Model, vocab: Vocabulary) -> Entity | None:
    """The State the graph places `entity` in (up its asserted `locatedIn` chain), or None."""
    seen = {entity.id}
    frontier = _parents(entity)
    while frontier:
        current = model.entities.get(frontier.pop(0))
        if current is None or current.id in seen:
            continue
        seen.add(current.id)
        if vocab.is_a(current.type, "State"):
            return current
        frontier.extend(_parents(current))
    return None


def has_coordinates(entity: Entity) -> bool:
    return any(st.predicate == "latitude" for st in entity.statements)


def propose_coordinates(model: Model, vocab: Vocabulary, gazetteer: PlaceGazetteer, *,
                        include_placed: bool = False) -> list[CoordinateProposal]:
    """A proposal (or the reason there is none) for every municipality and locality of the graph without
    coordinates (with `include_placed`, those with coordinates too)."""
    proposals = []
    for entity in sorted(model.entities.values(), key=lambda e: e.id):
        kind = next((k for k in PLACED_KINDS if vocab.is_a(entity.type, k)), None)
        if kind is None or (has_coordinates(entity) and not include_placed):
            continue
        state = state_of(entity, model, vocab)
        key = None
        if state is not None:
            key = next((k for n in entity_names(state) if (k := gazetteer.state_key(n.text)) is not None), None)
        if key is None:
            proposals.append(CoordinateProposal(entity.id, kind, state.id if state else None, None,
                                                "the graph places it in no Mexican state: not looked up"))
            continue
        found: dict[int, GazetteerPlace] = {}
        counts = []
        for name in entity_names(entity):
            if name.kind == "id":
                continue
            match = gazetteer.lookup(name.text, key)
            counts.append(match.candidates)
            if match.place is not None:
                found[match.place.geonameid] = match.place
        if len(found) == 1 and max(counts, default=0) <= 1:
            place = next(iter(found.values()))
            proposals.append(CoordinateProposal(entity.id, kind, state.id, place, f"one match in {place.state}"))
        elif found or max(counts, default=0) > 1:
            proposals.append(CoordinateProposal(entity.id, kind, state.id, None,
                                                f"ambiguous: {max(len(found), max(counts, default=0))} places of "
                                                f"that name in {state.id}; left unplaced"))
        else:
            proposals.append(CoordinateProposal(entity.id, kind, state.id, None,
                                                f"no place of that name in {state.id} in the gazetteer"))
    return proposals
