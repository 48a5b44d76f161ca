"""What changed between two versions of the graph, statement by statement and grouped by entity.

Statements are matched by identity first: a statement's IRI is a hash of its subject, predicate, value, qualifiers
and assessment, so the same IRI on both sides is the same statement, whose citations or notes may still have changed.
What is left on each side is then paired as "the same fact" — same subject, predicate, qualifier names and
assessment — so a corrected value or date reads as one change, not as a removal and an addition: first pairs that
kept their value (its qualifiers changed), then pairs that kept their qualifiers (the value changed), then a lone
pair; and a statement that gained or lost a qualifier is paired with the one of the same value. Renamed ids
(`graph/renamed.yaml`, or the same Wikidata id under a new id) are followed: the old entity's statements are compared
under its new id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..core.model import Value
from ..core.terms import statement_iri
from ..load.side_files import RENAMED_FILE
from .reading import ReadVersion
from .renames import parse_renames
from .snapshot import EntityState, Fact
from .versions import Version

ENTITY_FIELDS = ("type", "labels", "aliases", "descriptions", "note", "same_as", "citations")


@dataclass(frozen=True)
class FactChange:
    """One statement added, removed or changed; `what` says what changed: value, qualifiers, citations, notes."""

    change: str  # added | removed | changed
    old: Fact | None
    new: Fact | None
    what: tuple[str, ...] = ()

    @property
    def fact(self) -> Fact:
        return self.new if self.new is not None else self.old  # type: ignore[return-value]


@dataclass(frozen=True)
class FieldChange:
    """A change to an entity's own fields (type, names, description, note, Wikidata id, sources)."""

    name: str
    old: object
    new: object


@dataclass
class EntityChange:
    id: str
    status: str  # added | removed | changed
    old: EntityState | None
    new: EntityState | None
    renamed_from: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    facts: list[FactChange] = field(default_factory=list)

    @property
    def state(self) -> EntityState:
        return self.new if self.new is not None else self.old  # type: ignore[return-value]


@dataclass
class Diff:
    old: ReadVersion
    new: ReadVersion
    entities: list[EntityChange]
    renames: dict[str, str]

    def counts(self) -> dict[str, int]:
        out = {"entities added": 0, "entities removed": 0, "entities changed": 0, "entities renamed": 0,
               "statements added": 0, "statements removed": 0, "statements changed": 0}
        for change in self.entities:
            out[f"entities {change.status}"] += 1
            out["entities renamed"] += change.renamed_from is not None
            for fact in change.facts:
                out[f"statements {fact.change}"] += 1
        return out

    @property
    def old_version(self) -> Version:
        return self.old.version

    @property
    def new_version(self) -> Version:
        return self.new.version


# ------------------------------------------------------------------------------------------------------ renames

def _renamed_value(value: Value, renames: dict[str, str]) -> Value:
    if value.kind == "entity" and value.text in renames:
        return replace(value, text=renames[value.text])
    return value


def _renamed_fact(fact: Fact, renames: dict[str, str]) -> Fact:
    st = fact.statement
    touched = (fact.subject in renames or (fact.value.kind == "entity" and fact.value.text in renames)
               or any(v.kind == "entity" and v.text in renames for _, v in fact.qualifiers))
    if not touched:
        return fact
    statement = replace(st, subject=renames.get(st.subject, st.subject), value=_renamed_value(st.value, renames),
                        qualifiers={k: _renamed_value(v, renames) for k, v in st.qualifiers.items()},
                        error=st.error if fact.kind == "error" else None)
    iri = statement_iri(statement, "correction" if fact.kind == "correction" else None)
    return replace(fact, iri=iri, subject=statement.subject, value=statement.value,
                   qualifiers=tuple(sorted(statement.qualifiers.items())), statement=statement)


def _renamed_state(state: EntityState, renames: dict[str, str]) -> EntityState:
    facts = {}
    for fact in state.facts.values():
        moved = _renamed_fact(fact, renames)
        facts[moved.iri] = moved
    return replace(state, id=renames.get(state.id, state.id), facts=facts)


def _renames(old: ReadVersion, new: ReadVersion) -> dict[str, str]:
    """old id → new id, for entities gone from OLD whose new id is in NEW: as `renamed.yaml` says, or by the same
    Wikidata id."""
    declared = parse_renames(new.version.side_file(RENAMED_FILE), f"{new.version.label}: {RENAMED_FILE}")
    gone = set(old.states) - set(new.states)
    arrived = set(new.states) - set(old.states)
    renames = {o: n for o, n in declared.items() if o in gone and n in arrived}
    by_qid: dict[str, list[str]] = defaultdict(list)
    for entity_id in sorted(arrived - set(renames.values())):
        for qid in new.states[entity_id].same_as:
            by_qid[qid].append(entity_id)
    for entity_id in sorted(gone - set(renames)):
        for qid in old.states[entity_id].same_as:
            if len(by_qid.get(qid, ())) == 1:
                renames[entity_id] = by_qid.pop(qid)[0]
                break
    return renames


# ------------------------------------------------------------------------------------------------------ pairing

def _what(old: Fact, new: Fact) -> tuple[str, ...]:
    what = []
    if old.value != new.value:
        what.append("value")
    if old.qualifiers != new.qualifiers:
        what.append("qualifiers")
    if old.citations != new.citations:
        what.append("citations")
    if old.notes != new.notes:
        what.append("notes")
    return tuple(what)


def compare_facts(old: dict[str, Fact], new: dict[str, Fact]) -> list[FactChange]:
    """Every statement added, removed or changed between two sets of one entity's statements."""
    changes: list[FactChange] = []
    for iri in sorted(old.keys() & new.keys()):
        what = _what(old[iri], new[iri])
        if what:
            changes.append(FactChange("changed", old[iri], new[iri], what))
    removed = [old[i] for i in sorted(old.keys() - new.keys())]
    added = [new[i] for i in sorted(new.keys() - old.keys())]

    def pair(key, rule) -> None:  # noqa: ANN001 - small local helpers
        by_key_removed, by_key_added = defaultdict(list), defaultdict(list)
        for fact in removed:
            by_key_removed[key(fact)].append(fact)
        for fact in added:
            by_key_added[key(fact)].append(fact)
        for k in sorted(by_key_removed.keys() & by_key_added.keys(), key=repr):
            for before, after in rule(by_key_removed[k], by_key_added[k]):
                removed.remove(before)
                added.remove(after)
                changes.append(FactChange("changed", before, after, _what(before, after)))

    def matching(attribute: str):  # noqa: ANN202
        def rule(before: list[Fact], after: list[Fact]):  # noqa: ANN202
            out, free = [], list(after)
            for b in before:
                match = next((a for a in free if getattr(a, attribute) == getattr(b, attribute)), None)
                if match is not None:
                    free.remove(match)
                    out.append((b, match))
            return out
        return rule

    def lone(before: list[Fact], after: list[Fact]):  # noqa: ANN202
        return [(before[0], after[0])] if len(before) == 1 and len(after) == 1 else []

    same_fact = lambda fact: fact.same_fact_key  # noqa: E731
    pair(same_fact, matching("value"))
    pair(same_fact, matching("qualifiers"))
    pair(same_fact, lone)
    pair(lambda fact: (fact.subject, fact.predicate, fact.kind, fact.value), lone)
    changes += [FactChange("removed", fact, None) for fact in removed]
    changes += [FactChange("added", None, fact) for fact in added]
    order = {"changed": 1, "added": 0, "removed": 2}
    kinds = {"": 0, "error": 1, "correction": 2}  # a source's error before the curators' correction of it
    return sorted(changes, key=lambda c: (c.fact.predicate, order[c.change], kinds[c.fact.kind], c.fact.iri))


def _field_changes(old: EntityState, new: EntityState) -> list[FieldChange]:
    out = []
    for name in ENTITY_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            out.append(FieldChange(name, before, after))
    return out


def diff_versions(old: ReadVersion, new: ReadVersion) -> Diff:
    """The changes from `old` to `new`, entity by entity (entities in id order)."""
    renames = _renames(old, new)
    old_states = {s.id: s for s in (_renamed_state(state, renames) for state in old.states.values())} \
        if renames else dict(old.states)
    changes = []
    for entity_id in sorted(old_states.keys() | new.states.keys()):
        before, after = old_states.get(entity_id), new.states.get(entity_id)
        if before is None:
            change = EntityChange(entity_id, "added", None, after, facts=compare_facts({}, after.facts))
        elif after is None:
            change = EntityChange(entity_id, "removed", before, None, facts=compare_facts(before.facts, {}))
        else:
            renamed_from = next((o for o, n in renames.items() if n == entity_id), None)
            fields = _field_changes(before, after)
            facts = compare_facts(before.facts, after.facts)
            if not fields and not facts and renamed_from is None:
                continue
            change = EntityChange(entity_id, "changed", before, after, renamed_from, fields, facts)
        changes.append(change)
    return Diff(old, new, changes, renames)
