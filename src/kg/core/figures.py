"""One presenter of the graph's numbers: a figure as its source gives it, with everything that qualifies it.

A reader who meets "35,000" must also meet "or more", "projection", "according to Shirk"; a toll counted in groups
(three women and six children) must add up to nine everywhere. Every reader-facing surface — `kg show`, the query
tables, the explorer's pages, timeline, map and charts, the CSV, workbook and ACLED exports — takes its numbers from
here, so they show one number per fact with the same qualifiers:

- a statement's number (`killed: 13`, `value: 35000`, `budgetChange: -17.5`) or its `quantity` qualifier, with its
  unit, bound (`at-least` "or more", `at-most` "or fewer", `about` "about"), hedge ("apparently", "reportedly",
  "allegedly"), status (official figure, preliminary, projection, estimate, planned, pledged), group and date;
- an observation's value with the observation's unit, status, period and producer;
- an event's death toll: the sum of its groups' counts (a total is computed here and nowhere else), or, where sources
  give different figures for one group, the range they span, flagged as disputed.

Labels of concepts (units, statuses, bounds, hedges) come from the vocabulary through a `Labels` function, so that the
texts follow the ontology in both languages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from .model import Entity, Statement, Value

Labels = Callable[[str, str], str]  # (concept id or text, "en"|"es") -> label
NUMBER_PREDICATES_TOLL = ("killed",)
# The qualifiers a figure's phrase says itself ("about 9 people, apparently"): shown there, not again beside it.
FIGURE_QUALIFIERS = ("quantity", "unit", "bound", "hedge", "status")
# How a bound reads after (or before) the number when no vocabulary label is at hand.
_BOUND_TEXT = {
    "at-least": {"en": "{n} or more", "es": "{n} o más"},
    "at-most": {"en": "up to {n}", "es": "hasta {n}"},
    "about": {"en": "about {n}", "es": "alrededor de {n}"},
}
_BOUND_SIGN = {"at-least": "≥", "at-most": "≤", "about": "≈"}


def concept_id(value: Value | None) -> str | None:
    """A concept value's local name (`https://w3id.org/mxsec/concept/at-least` → `at-least`), or a text as it is."""
    if value is None:
        return None
    return value.text.rsplit("/", 1)[-1] if value.kind == "concept" else value.text


def number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() else None


def canonical(value: Decimal) -> str:
    """`28870.0` → `28870`, `2.50` → `2.5`: the number as people write it (no exponent)."""
    return format(value.normalize(), "f") if value else "0"


def grouped(text: str, lang: str = "en") -> str:
    """A number's digits grouped for reading: 65333000000 → 65,333,000,000 (Mexico writes both languages alike)."""
    value = number(text)
    if value is None:
        return text
    whole, _, fraction = canonical(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ",".join(groups) + (f".{fraction}" if fraction else "")


@dataclass(frozen=True)
class Figure:
    """One number as a source gives it. `value` is its canonical text (`35000`, `-17.5`); every qualifier is a
    concept's local name or a text, None when the source gives none."""

    value: str
    unit: str | None = None
    bound: str | None = None  # at-least | at-most | about
    hedge: str | None = None  # apparently | reportedly | allegedly
    status: str | None = None  # official-count | preliminary | projection | analyst-estimate | planned | pledged
    group: str | None = None
    at: str | None = None  # the date or period it is for
    sources: tuple[str, ...] = ()

    @property
    def number(self) -> float:
        return float(self.value)

    def record(self) -> dict:
        """As JSON: the value and each qualifier that is set (the explorer's data, `kg show --format json`)."""
        out: dict = {"value": self.value}
        for name in ("unit", "bound", "hedge", "status", "group", "at"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out

    def text(self, lang: str = "en", labels: Labels | None = None, *, with_unit: bool = True) -> str:
        """The figure in words, as every surface prints it: "35,000 or more homicides (projection)",
        "apparently 5,000 pesos (pledged)"."""
        shown = grouped(self.value, lang)
        if self.bound:
            template = _BOUND_TEXT.get(self.bound, {}).get(lang)
            shown = template.format(n=shown) if template else f"{_BOUND_SIGN.get(self.bound, '')}{shown}"
        if with_unit and self.unit:
            shown = f"{shown}%" if self.unit == "percent" else f"{shown} {labels(self.unit, lang) if labels else self.unit}"
        if self.hedge:
            shown = f"{labels(self.hedge, lang) if labels else self.hedge} {shown}"
        notes = [labels(self.status, lang) if labels else self.status] if self.status else []
        return shown + (f" ({', '.join(notes)})" if notes else "")


def _qualifier(st: Statement, name: str) -> str | None:
    return concept_id(st.qualifiers.get(name))


def asserted(st: Statement) -> Statement | None:
    """What the graph asserts for a statement: itself, or for a recorded source error the curators' correction."""
    return st.correction if st.error else st


def statement_figure(st: Statement, *, unit: str | None = None, status: str | None = None) -> Figure | None:
    """The number a statement gives — its value when the value is a number, else its `quantity` qualifier — with the
    statement's qualifiers; `unit` and `status` are the entity's own (an observation's) when the statement has none."""
    value = st.value
    if value.kind == "literal" and value.datatype and number(value.text) is not None and not value.datatype.endswith(
            ("#date", "#gYear", "#gYearMonth", "#string")):
        text = value.text
    elif "quantity" in st.qualifiers:
        text = st.qualifiers["quantity"].text
    else:
        return None
    parsed = number(text)
    if parsed is None:
        return None
    when = st.qualifiers.get("at")
    return Figure(
        value=canonical(parsed),
        unit=_qualifier(st, "unit") or unit,
        bound=_qualifier(st, "bound"),
        hedge=_qualifier(st, "hedge"),
        status=_qualifier(st, "status") or status,
        group=_qualifier(st, "group"),
        at=when.text if when is not None else None,
        sources=tuple(sorted({c.source for c in st.citations})),
    )


def _first(entity: Entity, predicate: str) -> Statement | None:
    return next((s for st in entity.statements if st.predicate == predicate and (s := asserted(st)) is not None),
                None)


def observation_figure(entity: Entity) -> Figure | None:
    """An observation's value with its unit (`measureUnit`), status (`observationStatus`) and period."""
    value = _first(entity, "value")
    if value is None:
        return None
    unit, status, period = (_first(entity, p) for p in ("measureUnit", "observationStatus", "period"))
    figure = statement_figure(value, unit=concept_id(unit.value) if unit else None,
                              status=concept_id(status.value) if status else None)
    if figure is None:
        return None
    sources = set(figure.sources) | {c.source for c in entity.citations}
    return replace(figure, at=figure.at or (period.value.text if period else None), sources=tuple(sorted(sources)))


@dataclass(frozen=True)
class Toll:
    """An event's death toll: the total (the sum of its groups' counts), each group's figure, and where sources give
    different counts for one group, the range of totals they allow (`low`..`high`, `disputed`)."""

    total: Figure
    groups: tuple[Figure, ...]
    low: str
    high: str
    disputed: bool = False
    alternatives: dict[str, tuple[Figure, ...]] = field(default_factory=dict)  # group → the figures sources give

    def record(self) -> dict:
        out = {"total": self.total.record(), "groups": [g.record() for g in self.groups]}
        if self.disputed:
            out.update(disputed=True, low=self.low, high=self.high,
                       alternatives={g: [f.record() for f in figures] for g, figures in self.alternatives.items()})
        return out

    def text(self, lang: str = "en", labels: Labels | None = None) -> str:
        """"9 killed (3 women, 6 children)"; "8–13 killed (sources differ)"."""
        killed = {"en": "killed", "es": "muertos"}[lang]
        if self.disputed:
            differ = {"en": "sources differ", "es": "las fuentes difieren"}[lang]
            return f"{grouped(self.low)}–{grouped(self.high)} {killed} ({differ})"
        shown = f"{self.total.text(lang, labels, with_unit=False)} {killed}"
        named = [g for g in self.groups if g.group]
        if len(self.groups) > 1 and named:
            shown += " (" + ", ".join(f"{g.text(lang, labels, with_unit=False)} {g.group}" for g in named) + ")"
        return shown


def _combined_bound(figures: Iterable[Figure]) -> str | None:
    """The bound of a sum: exact parts keep it exact; any "or more" makes it "or more" (unless another part is "up
    to", which leaves it a rough figure), and so on."""
    bounds = {f.bound for f in figures if f.bound}
    if not bounds:
        return None
    if bounds == {"at-least"}:
        return "at-least"
    if bounds == {"at-most"}:
        return "at-most"
    return "about"


def event_toll(entity: Entity) -> Toll | None:
    """The event's death toll from its `killed` statements (a source's error counts by its correction), or None when
    no source gives one: the sum over groups; where sources differ on one group, the range of sums. A count without a
    group beside counts by group (an ACLED row's total beside an article's women and children) is another source's
    total, not one more group: the two are compared, never added."""
    by_group: dict[str, list[Figure]] = {}
    for st in entity.statements:
        shown = asserted(st)
        if shown is None or shown.predicate not in NUMBER_PREDICATES_TOLL:
            continue
        figure = statement_figure(shown)
        if figure is not None:
            by_group.setdefault(figure.group or "", []).append(figure)
    if not by_group:
        return None
    wholes = by_group.pop("", None) if len(by_group) > 1 and "" in by_group else None
    groups, alternatives = [], {}
    low = high = Decimal(0)
    for group, figures in by_group.items():
        values = sorted({number(f.value) for f in figures})
        low += values[0]
        high += values[-1]
        if len(values) > 1:
            alternatives[group] = tuple(figures)
        # the group's figure: the one its sources agree on, or the highest they give (the range says the rest)
        chosen = max(figures, key=lambda f: number(f.value))
        sources = tuple(sorted({s for f in figures for s in f.sources}))
        groups.append(replace(chosen, sources=sources))
    bound = _combined_bound(groups)
    sources = {s for g in groups for s in g.sources}
    if wholes is not None:  # the totals sources give whole, beside the sum of the groups
        values = sorted({number(f.value) for f in wholes})
        if values[0] != values[-1] or values[0] != low or low != high:
            alternatives[""] = tuple(wholes)
        if values[-1] > high:
            bound = max(wholes, key=lambda f: number(f.value)).bound
        low, high = min(low, values[0]), max(high, values[-1])
        sources |= {s for f in wholes for s in f.sources}
    total = Figure(value=canonical(high), unit="people", bound=bound, sources=tuple(sorted(sources)))
    return Toll(total=total, groups=tuple(groups), low=canonical(low), high=canonical(high),
                disputed=bool(alternatives), alternatives=alternatives)
