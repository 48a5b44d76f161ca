"""The project's SHACL shapes checked in one pass over the compiled graph's sorted lines, with the findings a SHACL
engine gives (kg.check.shacl's Finding: severity, focus node, rule, message).

The shapes in ontology/shapes.ttl use a small part of SHACL Core: class targets; property shapes with a single
predicate as path; minCount, maxCount, uniqueLang, nodeKind, class, node, hasValue, minInclusive/maxInclusive,
qualifiedValueShape with qualifiedMinCount/MaxCount; and `or` / `and` / `not` of shapes. `compile_shapes` reads the
shapes file into those checks, or gives None when it uses anything else (then pyshacl-turbo checks the graph, as it
always did). A finding is made per focus node and per shape the way the engines report them (the messages carry no
value, so one violation or several of the same shape on the same node read alike). Tests compare this pass with
pyshacl-turbo on the real graph and on randomly broken ones.

A focus node's checks read its own triples and, for `class`, `node` and qualified shapes, its values' types and
triples: the pass first collects every node's rdf:type and the values of the predicates nested shapes read (a
concept's skos:inScheme), then walks each targeted node's block of lines (found by bisection: the lines are sorted).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..core.namespaces import RDF, RDFS, XSD, shorten
from ..core.problems import Pos

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = f"<{RDF}type>"
SUBCLASS = f"<{RDFS}subClassOf>"
_NUMERIC = {f"{XSD}{t}" for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                                  "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                  "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_KNOWN = {SH + name for name in (
    "targetClass", "property", "path", "minCount", "maxCount", "uniqueLang", "nodeKind", "class", "node", "hasValue",
    "minInclusive", "maxInclusive", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "or", "and",
    "not", "message", "severity", "name", "description", "order", "group", "deactivated")}
_SHAPE_TYPES = {SH + "NodeShape", SH + "PropertyShape"}


@dataclass
class Shape:
    """A shape compiled for the pass. `path` is a predicate's N-Triples term for a property shape, else None."""

    name: str  # the rule's name, as the engines' sourceShape gives it: "shacl:<local name>" or "shacl:shape"
    message: str | None
    severity: str
    path: str | None = None
    min_count: int | None = None
    max_count: int | None = None
    unique_lang: bool = False
    node_kind: str | None = None
    classes: list[str] = field(default_factory=list)  # N-Triples terms
    nodes: list[Shape] = field(default_factory=list)
    has_value: list[str] = field(default_factory=list)  # N-Triples terms
    min_inclusive: Decimal | None = None
    max_inclusive: Decimal | None = None
    qualified: Shape | None = None
    qualified_min: int | None = None
    qualified_max: int | None = None
    any_of: list[Shape] = field(default_factory=list)
    all_of: list[Shape] = field(default_factory=list)
    none_of: list[Shape] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)


@dataclass
class CompiledShapes:
    targets: dict[str, list[Shape]]  # class term → the node shapes targeting it
    read_deep: set[str]  # predicates (terms) whose values nested shapes read on value nodes


def compile_shapes(shapes_file: Path) -> CompiledShapes | None:
    """The shapes as the pass runs them; None if they use anything the pass does not do."""
    import rdflib
    from rdflib.collection import Collection

    graph = rdflib.Graph().parse(shapes_file, format="turtle")
    sh = rdflib.Namespace(SH)
    for predicate in set(graph.predicates()):
        if str(predicate).startswith(SH) and str(predicate) not in _KNOWN:
            return None
    for _, _, kind in graph.triples((None, rdflib.RDF.type, None)):
        if str(kind).startswith(SH) and str(kind) not in _SHAPE_TYPES:
            return None
    made: dict[Any, Shape] = {}

    def term(node: Any) -> str:
        return node.n3() if not isinstance(node, rdflib.Literal) else _literal_term(node)

    def number(node: Any) -> Decimal | None:
        try:
            return Decimal(str(node)) if node is not None else None
        except InvalidOperation:
            raise _Unsupported from None

    def shape(node: Any) -> Shape:
        if node in made:
            return made[node]
        if graph.value(node, sh.deactivated) is not None:
            raise _Unsupported
        name = "shacl:" + (str(node).rsplit("#", 1)[-1] if isinstance(node, rdflib.URIRef) else "shape")
        severity = graph.value(node, sh.severity)
        message = graph.value(node, sh.message)
        made[node] = built = Shape(name, str(message) if message is not None else None,
                                   "error" if severity in (None, sh.Violation) else "warning")
        path = graph.value(node, sh.path)
        if path is not None:
            if not isinstance(path, rdflib.URIRef):
                raise _Unsupported
            built.path = path.n3()
        count = graph.value(node, sh.minCount)
        built.min_count = int(count) if count is not None else None
        count = graph.value(node, sh.maxCount)
        built.max_count = int(count) if count is not None else None
        built.unique_lang = bool(graph.value(node, sh.uniqueLang))
        kind = graph.value(node, sh.nodeKind)
        built.node_kind = str(kind)[len(SH):] if kind is not None else None
        if built.node_kind is not None and built.node_kind not in _NODE_KINDS:
            raise _Unsupported
        built.classes = [c.n3() for c in graph.objects(node, sh["class"])]
        built.has_value = [term(v) for v in graph.objects(node, sh.hasValue)]
        built.min_inclusive = number(graph.value(node, sh.minInclusive))
        built.max_inclusive = number(graph.value(node, sh.maxInclusive))
        built.nodes = [shape(n) for n in graph.objects(node, sh.node)]
        qualified = graph.value(node, sh.qualifiedValueShape)
        if qualified is not None:
            built.qualified = shape(qualified)
            low, high = graph.value(node, sh.qualifiedMinCount), graph.value(node, sh.qualifiedMaxCount)
            built.qualified_min = int(low) if low is not None else None
            built.qualified_max = int(high) if high is not None else None
        for target, constraint in ((built.any_of, sh["or"]), (built.all_of, sh["and"])):
            for members in graph.objects(node, constraint):
                target += [shape(m) for m in Collection(graph, members)]
        built.none_of = [shape(n) for n in graph.objects(node, sh["not"])]
        built.properties = [shape(p) for p in graph.objects(node, sh.property)]
        return built

    targets: dict[str, list[Shape]] = {}
    try:
        for node, _, cls in sorted(graph.triples((None, sh.targetClass, None))):
            targets.setdefault(cls.n3(), []).append(shape(node))
    except _Unsupported:
        return None
    deep = {RDF_TYPE}
    seen: set[tuple[int, bool]] = set()

    def walk(built: Shape, on_focus: bool) -> None:
        """Collect the predicates read on nodes other than the focus (`on_focus`: `built` applies to the focus)."""
        if (id(built), on_focus) in seen:
            return
        seen.add((id(built), on_focus))
        if built.path is not None:
            if not on_focus:
                deep.add(built.path)
            for member in built.nodes + built.any_of + built.all_of + built.none_of:
                walk(member, False)
            if built.qualified is not None:
                walk(built.qualified, False)
        else:
            for member in built.nodes + built.any_of + built.all_of + built.none_of + built.properties:
                walk(member, on_focus)

    for shapes in targets.values():
        for built in shapes:
            walk(built, True)
    return CompiledShapes(targets, deep)


class _Unsupported(Exception):
    pass


def _literal_term(node: Any) -> str:
    from ..core.terms import literal

    if node.language:
        return literal(str(node), lang=node.language)
    return literal(str(node), str(node.datatype) if node.datatype else None)


# ---------------------------------------------------------------------------------------------- the pass
def _split(line: str) -> tuple[str, str, str]:
    s, p, o = line.split(" ", 2)
    return s, p, o[:-2]


def _literal_parts(term: str) -> tuple[str, str | None, str | None] | None:
    """(lexical form, datatype IRI, language) of an N-Triples literal term; None for an IRI or a blank node."""
    if not term.startswith('"'):
        return None
    end = term.rindex('"')
    lexical, suffix = term[1:end], term[end + 1:]
    if suffix.startswith("@"):
        return lexical, None, suffix[1:].lower()
    if suffix.startswith("^^<"):
        return lexical, suffix[3:-1], None
    return lexical, None, None


def _kind(term: str) -> str:
    return "IRI" if term.startswith("<") else "BlankNode" if term.startswith("_:") else "Literal"


_NODE_KINDS = {"IRI": {"IRI"}, "BlankNode": {"BlankNode"}, "Literal": {"Literal"},
               "BlankNodeOrIRI": {"BlankNode", "IRI"}, "BlankNodeOrLiteral": {"BlankNode", "Literal"},
               "IRIOrLiteral": {"IRI", "Literal"}}


class _Graph:
    """What the pass needs of the data: each node's types (with their superclasses) and, for value nodes, the values
    of the predicates nested shapes read; each focus node's own triples by predicate."""

    def __init__(self, lines: Sequence[str], deep: set[str]):
        self.lines = lines
        types: dict[str, set[str]] = {}
        values: dict[str, dict[str, list[str]]] = {}
        parents: dict[str, set[str]] = {}
        wanted = re.compile(" (?:" + "|".join(re.escape(p) for p in sorted(deep | {SUBCLASS})) + ") ")
        for line in filter(wanted.search, lines):  # the few lines of these predicates, found in C
            s, p, o = _split(line)
            if p == RDF_TYPE:
                types.setdefault(s, set()).add(o)
            if p == SUBCLASS:
                parents.setdefault(s, set()).add(o)
            if p in deep:
                values.setdefault(s, {}).setdefault(p, []).append(o)
        self.types = types
        self.values = values
        self._parents = parents
        self._closure: dict[str, frozenset[str]] = {}
        self._classes: dict[tuple[str, str], bool] = {}
        self.checks: dict[int, Any] = {}  # id of a property shape → its values' check

    def superclasses(self, cls: str) -> frozenset[str]:
        found = self._closure.get(cls)
        if found is None:
            seen, stack = {cls}, [cls]
            while stack:
                for parent in self._parents.get(stack.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            found = self._closure[cls] = frozenset(seen)
        return found

    def is_a(self, node: str, cls: str) -> bool:
        for node_type in self.types.get(node, ()):
            known = self._classes.get((node_type, cls))
            if known is None:
                known = self._classes[(node_type, cls)] = cls in self.superclasses(node_type)
            if known:
                return True
        return False

    def block(self, subject: str) -> dict[str, list[str]]:
        """The subject's triples: predicate term → object terms."""
        key = subject + " "
        at = bisect_left(self.lines, key)
        found: dict[str, list[str]] = {}
        lines = self.lines
        while at < len(lines) and lines[at].startswith(key):
            _, p, o = _split(lines[at])
            found.setdefault(p, []).append(o)
            at += 1
        return found


def _violations(shape: Shape, node: str, own: dict[str, list[str]], graph: _Graph) -> list[Shape]:
    """The shapes whose results `node` gets from `shape` (the shape itself, or its property shapes); `own` is the
    node's triples as far as they are known (all of a focus node's; a value node's deep predicates)."""
    found: list[Shape] = []
    if shape.path is None:
        if not _node_conforms(shape, node, own, graph):
            found.append(shape)
        for prop in shape.properties:
            if not _values_conform(prop, own.get(prop.path, []), graph):
                found.append(prop)
        return found
    if not _values_conform(shape, own.get(shape.path, []), graph):
        found.append(shape)
    return found


def _node_conforms(shape: Shape, node: str, own: dict[str, list[str]], graph: _Graph) -> bool:
    """Whether a node meets a node shape's constraints on itself (not its property shapes, checked apart)."""
    if shape.classes and not all(graph.is_a(node, c) for c in shape.classes):
        return False
    if shape.node_kind and _kind(node) not in _NODE_KINDS[shape.node_kind]:
        return False
    if shape.has_value and any(v != node for v in shape.has_value):
        return False
    if any(not _conforms(n, node, graph, own) for n in shape.nodes):
        return False
    if shape.any_of and not any(_conforms(m, node, graph, own) for m in shape.any_of):
        return False
    if any(not _conforms(m, node, graph, own) for m in shape.all_of):
        return False
    return not any(_conforms(m, node, graph, own) for m in shape.none_of)


def _conforms(shape: Shape, node: str, graph: _Graph, own: dict[str, list[str]] | None = None) -> bool:
    """Whether `node` conforms to `shape` as a whole (for sh:node, sh:or, qualified shapes)."""
    if own is None:
        own = graph.values.get(node, {})
    if shape.path is not None:
        return _values_conform(shape, own.get(shape.path, []), graph)
    return _node_conforms(shape, node, own, graph) and all(
        _values_conform(p, own.get(p.path, []), graph) for p in shape.properties)


def _values_conform(shape: Shape, values: list[str], graph: _Graph) -> bool:
    """Whether a property shape's values meet its constraints."""
    check = graph.checks.get(id(shape))
    if check is None:
        check = graph.checks[id(shape)] = _values_check(shape, graph)
    return check(values)


def _values_check(shape: Shape, graph: _Graph) -> Any:
    """A function telling whether a list of values meets the property shape's constraints, made of only the checks
    the shape has (the pass runs it on every focus node)."""
    tests: list[Any] = []
    if shape.min_count is not None:
        low = shape.min_count
        tests.append(lambda values: len(values) >= low)
    if shape.max_count is not None:
        high = shape.max_count
        tests.append(lambda values: len(values) <= high)
    if shape.unique_lang:
        def unique_lang(values: list[str]) -> bool:
            langs = [parts[2] for v in values if (parts := _literal_parts(v)) and parts[2]]
            return len(langs) == len(set(langs))
        tests.append(unique_lang)
    if shape.has_value:
        wanted = shape.has_value
        tests.append(lambda values: all(v in values for v in wanted))
    each: list[Any] = []
    if shape.node_kind:
        kinds = _NODE_KINDS[shape.node_kind]
        each.append(lambda value: _kind(value) in kinds)
    if shape.classes:
        classes = shape.classes
        each.append(lambda value: all(graph.is_a(value, c) for c in classes))
    if shape.min_inclusive is not None or shape.max_inclusive is not None:
        low_value, high_value = shape.min_inclusive, shape.max_inclusive
        each.append(lambda value: _in_range(value, low_value, high_value))
    for nested in shape.nodes:
        each.append(lambda value, nested=nested: _conforms(nested, value, graph))
    if shape.any_of:
        members = shape.any_of
        each.append(lambda value: any(_conforms(m, value, graph) for m in members))
    for member in shape.all_of:
        each.append(lambda value, member=member: _conforms(member, value, graph))
    for member in shape.none_of:
        each.append(lambda value, member=member: not _conforms(member, value, graph))
    if each:
        tests.append(lambda values: all(test(value) for value in values for test in each))
    if shape.qualified is not None:
        qualified, q_low, q_high = shape.qualified, shape.qualified_min, shape.qualified_max

        def in_count(values: list[str]) -> bool:
            count = sum(_conforms(qualified, v, graph) for v in values)
            return (q_low is None or count >= q_low) and (q_high is None or count <= q_high)
        tests.append(in_count)
    if not tests:
        return lambda values: True
    if len(tests) == 1:
        return tests[0]
    return lambda values: all(test(values) for test in tests)


def _in_range(value: str, low: Decimal | None, high: Decimal | None) -> bool:
    parts = _literal_parts(value)
    if parts is None or parts[1] not in _NUMERIC:
        return False
    try:
        number = Decimal(parts[0])
    except InvalidOperation:
        return False
    return (low is None or number >= low) and (high is None or number <= high)


def pass_findings(shapes: CompiledShapes, lines: Sequence[str], positions: Mapping[str, Pos],
                  focus: Container[str] | None = None) -> list[tuple[str, Pos, str, str, str]]:
    """Every finding of the shapes on the graph of `lines` (sorted N-Triples), each focus node once per shape, as
    (severity, position, rule, message, focus IRI); with `focus`, only those about these nodes (IRIs)."""
    graph = _Graph(lines, shapes.read_deep)
    applied_by_types: dict[frozenset[str], list[Shape]] = {}

    def applied(types: set[str]) -> list[Shape]:
        key = next(iter(types)) if len(types) == 1 else frozenset(types)
        found = applied_by_types.get(key)
        if found is None:
            found = []
            for node_type in types:
                for cls in graph.superclasses(node_type):
                    for shape in shapes.targets.get(cls, ()):
                        if shape not in found:
                            found.append(shape)
            applied_by_types[key] = found
        return found

    findings: list[tuple[str, Pos, str, str, str]] = []
    types_of = graph.types
    subject, own = None, {}

    def finish() -> None:
        node = subject
        node_types = types_of.get(node)
        if not node_types or (focus is not None and node[1:-1] not in focus):
            return
        for shape in applied(node_types):
            for failed in _violations(shape, node, own, graph):
                iri = node[1:-1] if node.startswith("<") else node
                what = shorten(iri) if node.startswith("<") else node
                path = f" ({shorten(failed.path[1:-1])})" if failed.path else ""
                text = f"{what}: {failed.message or 'violates ' + failed.name}{path}"
                findings.append((failed.severity, positions.get(iri) or Pos("<graph>", 1, 1), failed.name, text,
                                 iri))

    for line in lines:  # sorted: each subject's triples are together
        s, p, o = line.split(" ", 2)
        if s != subject:
            if subject is not None:
                finish()
            subject, own = s, {}
        values = own.get(p)
        if values is None:
            own[p] = [o[:-2]]
        else:
            values.append(o[:-2])
    if subject is not None:
        finish()
    # A typed node without a triple of its own here cannot be: its rdf:type is one.
    return findings


def lines_of(data: Any) -> Iterable[str] | None:
    """The sorted N-Triples lines of `data` when it is given as text or as lines; None for a store or a graph."""
    if isinstance(data, str):
        return sorted(line for line in data.split("\n") if line)
    if isinstance(data, list):
        return data
    return None
