"""The citation check's mutation test: how often does `kg validate --texts` notice a statement made wrong on purpose?

On a copy of `graph/`, loaded once, it makes four kinds of mutation and runs the citation check on the mutated model:

- `same-section`: one article citation of a statement (or of an entity's own `cite`) moved to another paragraph of the
  same section;
- `cross-section`: the same citation moved to a paragraph of another section of the same article;
- `object`: an entity-valued statement's object swapped for another entity of the same class;
- `number`: a number (a statement's numeric value, or its `quantity`) swapped for another number the graph gives for
  the same property (for a `quantity`, another quantity), or, when there is none, a figure one digit off.

A mutation is *caught* when the check reports a warning at the mutated statement or citation that it did not report
before. A moved citation may land on a paragraph that also states the fact; the judge of that is the graph itself,
never the check: a moved citation still supports its statement when the curators cite that paragraph elsewhere for the
same subject, property and object (for an entity's own `cite`: for anything about the entity). The catch rate of the
moves is over the ones that no longer support; the others are reported apart (flagged anyway: false alarms).
A swapped object or number is always wrong unless the graph states it too (such swaps are not made).

Statements cited only to curator knowledge or to works nobody read are left out (no text can judge them); those that
cite curator knowledge beside an article are kept, and reported apart, because the check cannot see what the curators
supplied. Mutations of one kind are applied in rounds, one per statement, and the check runs once per round; a round
never holds two mutations of one citation list, nor two swapped numbers of observations of one indicator or unit (the
check compares an observation's figure with the others', which must be as the curators wrote them).
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..core.model import Citation, Entity, Model, Statement, Value
from ..core.problems import Pos, Problems
from .citations import Checker, CitationReport, make_checker

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBER_TYPES = tuple(XSD + t for t in ("decimal", "integer", "nonNegativeInteger", "positiveInteger", "double"))
KINDS = ("same-section", "cross-section", "object", "number")
TARGETS = {"same-section": 85.0, "cross-section": 95.0, "object": 90.0, "number": 90.0}


@dataclass
class Unit:
    """What one citation list supports: a statement with its own `cite`, or an entity's own `cite` with the names and
    top-level attributes it covers."""

    entity: Entity
    statements: list[Statement]
    citations: list[Citation]
    own: bool

    @property
    def positions(self) -> set[Pos]:
        return {s.pos for s in self.statements} | {c.pos for c in self.citations}


@dataclass
class Mutation:
    kind: str
    unit: Unit
    what: str  # readable: "graph/x.yaml:12: killed 13 → 14"
    supported: bool = False  # for moves: the graph cites the new paragraph for the same fact
    with_curator: bool = False  # the statement also cites curator knowledge
    caught: bool = False
    apply: list = field(default_factory=list)  # (list or object, key, new value) edits
    undo: list = field(default_factory=list)


@dataclass
class KindResult:
    kind: str
    made: int = 0
    relevant: int = 0  # moves that no longer support (for swaps: all)
    caught: int = 0
    supported: int = 0  # moves that still support
    false_alarms: int = 0
    curator: int = 0  # relevant mutations of statements that also cite curator knowledge
    curator_caught: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return 100.0 * self.caught / self.relevant if self.relevant else 100.0

    def line(self) -> str:
        target = TARGETS[self.kind]
        verdict = "meets" if self.rate >= target else "MISSES"
        text = f"{self.kind:14} {self.caught:4} of {self.relevant:4} caught ({self.rate:5.1f} %; target {target:.0f} %, {verdict})"
        if self.kind in ("same-section", "cross-section"):
            text += f"; {self.supported} moves still supported, {self.false_alarms} of them flagged"
        if self.curator:
            text += f"; of them {self.curator_caught} of {self.curator} with curator knowledge beside the article"
        return text


# ------------------------------------------------------------------------------------------------ the graph's facts
def _key(value: Value) -> tuple[str, str]:
    return (value.kind, value.text)


class Facts:
    """What the unmutated graph cites where: (subject, predicate, object) → the article paragraphs cited for it, and
    entity → the paragraphs cited for anything about it."""

    def __init__(self, model: Model, articles: set[str]):
        self.model = model
        self.articles = articles
        self.cited: dict[tuple, set[tuple]] = defaultdict(set)
        self.about: dict[str, set[tuple]] = defaultdict(set)
        self.triples: set[tuple] = set()
        for entity in model.entities.values():
            for c in entity.citations:
                self.about[entity.id].add(self.where(c))
            for s in entity.statements:
                fact = (entity.id, s.predicate, _key(s.value))
                self.triples.add(fact)
                for c in s.citations:
                    self.cited[fact].add(self.where(c))
                    self.about[entity.id].add(self.where(c))
                    if s.value.kind == "entity":
                        self.about[s.value.text].add(self.where(c))

    @staticmethod
    def where(c: Citation) -> tuple:
        return (c.source, c.section, c.paragraph)

    def supports(self, unit: Unit, moved: Citation) -> bool:
        """Whether the moved citation still supports the unit, as the curators' own citations judge it: they cite
        that paragraph for the same fact (for an entity's own `cite`: for anything about the entity)."""
        place = self.where(moved)
        if unit.own:
            return place in self.about[unit.entity.id]
        return all(place in self.cited[(unit.entity.id, s.predicate, _key(s.value))] for s in unit.statements)


# ------------------------------------------------------------------------------------------------ making mutations
def units(model: Model) -> Iterator[Unit]:
    for entity in model.entities.values():
        top = [s for s in entity.statements if s.citations is entity.citations]
        if entity.citations:
            yield Unit(entity, top, entity.citations, own=True)
        for s in entity.statements:
            if s.citations is not entity.citations:
                yield Unit(entity, [s], s.citations, own=False)


def _article_citations(unit: Unit, articles: set[str]) -> list[int]:
    return [i for i, c in enumerate(unit.citations) if c.source in articles and c.section and c.paragraph]


def _has_curator(citations: list[Citation], model: Model) -> bool:
    return any(model.entities.get(c.source) is not None and model.entities[c.source].type == "CuratorKnowledge"
               for c in citations)  # fmt: skip


def make_moves(model: Model, facts: Facts, kind: str, rng: random.Random) -> list[Mutation]:
    made = []
    for unit in units(model):
        indexes = _article_citations(unit, facts.articles)
        if not indexes:
            continue
        i = rng.choice(indexes)
        c = unit.citations[i]
        source = model.entities[c.source]
        taken = {facts.where(x) for x in unit.citations}
        if kind == "same-section":
            choices = [(c.section, p) for p in range(1, source.sections[c.section].paragraphs + 1)]
        else:
            choices = [(k, p) for k, sec in source.sections.items() if k != c.section for p in range(1, sec.paragraphs + 1)]
        choices = [(k, p) for k, p in choices if (c.source, k, p) not in taken]
        if not choices:
            continue
        section, paragraph = rng.choice(choices)
        moved = dataclasses.replace(c, section=section, paragraph=paragraph)
        what = f"{c.pos.file}:{c.pos.line}: {unit.entity.id} {'(own cite)' if unit.own else unit.statements[0].predicate}: " \
               f"{c.source} §{c.section} ¶{c.paragraph} → §{section} ¶{paragraph}"  # fmt: skip
        m = Mutation(kind, unit, what, supported=facts.supports(unit, moved),
                     with_curator=_has_curator(unit.citations, model))  # fmt: skip
        m.apply.append((unit.citations, i, moved))
        m.undo.append((unit.citations, i, c))
        made.append(m)
    return made


def _checkable(unit: Unit, articles: set[str]) -> bool:
    return bool(_article_citations(unit, articles))


def make_object_swaps(model: Model, facts: Facts, rng: random.Random) -> list[Mutation]:
    by_type: dict[str, list[str]] = defaultdict(list)
    for entity in model.entities.values():
        by_type[entity.type].append(entity.id)
    made = []
    for unit in units(model):
        if not _checkable(unit, facts.articles):
            continue
        for s in unit.statements:
            if s.value.kind != "entity" or s.value.text not in model.entities or s.error is not None:
                continue
            cls = model.entities[s.value.text].type
            candidates = [e for e in by_type[cls] if e not in (s.value.text, unit.entity.id)
                          and (unit.entity.id, s.predicate, ("entity", e)) not in facts.triples]  # fmt: skip
            if not candidates:
                continue
            new = Value("entity", rng.choice(candidates))
            m = Mutation("object", Unit(unit.entity, [s], unit.citations, unit.own),
                         f"{s.pos.file}:{s.pos.line}: {unit.entity.id} {s.predicate}: {s.value.text} → {new.text}",
                         with_curator=_has_curator(unit.citations, model))  # fmt: skip
            m.apply.append((s, "value", new))
            m.undo.append((s, "value", s.value))
            made.append(m)
    return made


def _number_of(s: Statement) -> tuple[str, Value] | None:
    """Where a statement's number is: its value, or its `quantity` qualifier."""
    if s.value.kind == "literal" and (s.value.datatype or "") in NUMBER_TYPES:
        return "value", s.value
    q = s.qualifiers.get("quantity")
    if q is not None and q.kind == "literal":
        return "quantity", q
    return None


def _one_digit_off(text: str, rng: random.Random) -> str:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    i = rng.choice(digits)
    new = str((int(text[i]) + rng.choice((1, 2, 3, 7, 8, 9))) % 10)
    out = text[:i] + new + text[i + 1:]
    return out.lstrip("0") or "0" if "." not in out else out


def make_number_swaps(model: Model, facts: Facts, rng: random.Random) -> list[Mutation]:
    pools: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in model.statements():
        found = _number_of(s)
        if found is not None:
            where, value = found
            pools[(where, s.predicate if where == "value" else "quantity")].add(value.text)
    made = []
    for unit in units(model):
        if not _checkable(unit, facts.articles):
            continue
        for s in unit.statements:
            found = _number_of(s)
            if found is None or s.error is not None:
                continue
            where, value = found
            pool = pools[(where, s.predicate if where == "value" else "quantity")]
            candidates = sorted(v for v in pool if Decimal(v) != Decimal(value.text)
                                and (unit.entity.id, s.predicate, ("literal", v)) not in facts.triples)  # fmt: skip
            text = rng.choice(candidates) if candidates else _one_digit_off(value.text, rng)
            if Decimal(text) == Decimal(value.text):
                continue
            if (value.datatype or "").endswith(("nonNegativeInteger", "positiveInteger", "integer")) and "." in text:
                text = _one_digit_off(value.text, rng)
            new = Value("literal", text, value.datatype, value.lang)
            m = Mutation("number", Unit(unit.entity, [s], unit.citations, unit.own),
                         f"{s.pos.file}:{s.pos.line}: {unit.entity.id} {s.predicate} {where}: {value.text} → {text}",
                         with_curator=_has_curator(unit.citations, model))  # fmt: skip
            if where == "value":
                m.apply.append((s, "value", new))
                m.undo.append((s, "value", value))
            else:
                m.apply.append((s.qualifiers, "quantity", new))
                m.undo.append((s.qualifiers, "quantity", value))
            made.append(m)
    return made


def _set(target, key, value) -> None:
    if isinstance(target, (list, dict)):
        target[key] = value
    else:
        setattr(target, key, value)


# ------------------------------------------------------------------------------------------------ running
@dataclass
class MutationRun:
    results: dict[str, KindResult]
    baseline: CitationReport

    def report(self, show_missed: int = 0) -> str:
        lines = [f"citation check mutation test: {self.baseline.checked} citations of articles checked, "
                 f"{self.baseline.flagged} flagged before mutating"]  # fmt: skip
        for kind in KINDS:
            if kind in self.results:
                lines.append(self.results[kind].line())
        if show_missed:
            for kind in KINDS:
                result = self.results.get(kind)
                if result and result.missed:
                    lines.append(f"missed ({kind}), first {min(show_missed, len(result.missed))} of {len(result.missed)}:")
                    lines.extend(f"  {m}" for m in result.missed[:show_missed])
        return "\n".join(lines)

    def meets_targets(self) -> bool:
        return all(r.rate >= TARGETS[k] for k, r in self.results.items())


def _warned(checker: Checker, entities: list[Entity]) -> set[Pos]:
    return {p.pos for p in checker.warnings_for(entities)}


def run_mutations(graph_dir: Path, texts_dir: Path, *, sample: int | None = None, seed: int = 1,
                  kinds: tuple[str, ...] = KINDS) -> MutationRun:  # fmt: skip
    """Copy `graph_dir`, load the copy, and make and check each kind of mutation (`sample` of each at most, chosen at
    random with `seed`); return the counts."""
    from ..load.reader import read_graph
    from ..load.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    with tempfile.TemporaryDirectory(prefix="kg-mutations-") as tmp:
        copy = Path(tmp) / "graph"
        shutil.copytree(graph_dir, copy)
        problems = Problems()
        model = read_graph(copy, vocab, problems)
        if problems.errors:
            raise ValueError("the graph has errors; fix them first:\n" + "\n".join(str(p) for p in problems.errors[:10]))
        problems = Problems()
        checker = make_checker(copy, texts_dir, model, vocab, problems)
        baseline = checker.run()
        before = {p.pos for p in problems.warnings}
        articles = {e.id for e in model.entities.values() if e.type == "Article" and e.sections}
        facts = Facts(model, articles)
        results: dict[str, KindResult] = {}
        shown = f"{copy}/"
        for kind in kinds:
            rng = random.Random(f"{seed}-{kind}")
            if kind in ("same-section", "cross-section"):
                made = make_moves(model, facts, kind, rng)
            elif kind == "object":
                made = make_object_swaps(model, facts, rng)
            else:
                made = make_number_swaps(model, facts, rng)
            if sample is not None and len(made) > sample:
                made = rng.sample(made, sample)
            results[kind] = _check_batch(made, kind, checker, before)
            results[kind].missed = [m.replace(shown, "graph/") for m in results[kind].missed]
    return MutationRun(results, baseline)


def _round_keys(m: Mutation) -> set:
    keys: set = {id(m.unit.citations)}
    if m.kind == "number":
        keys |= {(s.predicate, s.value.text) for s in m.unit.entity.statements if s.predicate in ("indicator", "measureUnit")}
    return keys


def _check_batch(made: list[Mutation], kind: str, checker: Checker, before: set[Pos]) -> KindResult:
    """Apply the mutations in as few rounds as keep two of them off one citation list (an entity's top-level
    attributes share its `cite`, so a warning there could not be told apart) and two swapped numbers off observations
    of one indicator or unit (the check reads the other observations' values: each swap must meet the others as they are),
    check the mutated entities once per round, and count."""
    result = KindResult(kind, made=len(made))
    rounds: list[tuple[set, list[Mutation]]] = []
    for m in made:
        key = _round_keys(m)
        for keys, batch in rounds:
            if not key & keys:
                keys.update(key)
                batch.append(m)
                break
        else:
            rounds.append((set(key), [m]))
    for _, batch in rounds:
        for m in batch:
            for target, key, value in m.apply:
                _set(target, key, value)
        try:
            warned = _warned(checker, list({id(m.unit.entity): m.unit.entity for m in batch}.values()))
        finally:
            for m in reversed(batch):
                for target, key, value in m.undo:
                    _set(target, key, value)
        new = warned - before
        for m in batch:
            m.caught = bool(m.unit.positions & new)
    for m in made:
        if m.supported:
            result.supported += 1
            result.false_alarms += m.caught
            continue
        result.relevant += 1
        result.caught += m.caught
        if m.with_curator:
            result.curator += 1
            result.curator_caught += m.caught
        if not m.caught:
            result.missed.append(m.what)
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    repo = Path(__file__).resolve().parents[3]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=repo / "graph", help="the graph folder (copied, never changed)")
    parser.add_argument("--texts", type=Path, default=repo.parent / "shared" / "seeds", help="the articles' texts")
    parser.add_argument("--sample", type=int, default=None, help="at most this many mutations of each kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
    parser.add_argument("--missed", type=int, default=0, metavar="N", help="list the first N missed mutations of each kind")
    args = parser.parse_args(argv)
    run = run_mutations(args.graph, args.texts, sample=args.sample, seed=args.seed, kinds=tuple(args.kind or KINDS))
    print(run.report(args.missed))
    return 0 if run.meets_targets() else 1
