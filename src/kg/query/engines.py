"""SPARQL over the compiled graph: Oxigraph (default) or rdflib, read-only, project prefixes pre-bound.

Every query passes one gate, whatever the engine: rdflib's SPARQL parser gives the query form, finds SPARQL Update
(refused: `kg query` never changes data), and reports syntax errors with line and column. For Oxigraph a light gate
(parse_query_light) lets plain queries through without importing that parser, and sends anything else, and any query
Oxigraph cannot parse, through the full one, so the messages are the same. Results come
back engine-neutral (`Term`, `QueryResult`), so the local engines and a remote endpoint print, compare and serialise
the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:  # rdflib and its SPARQL grammar cost ~0.3 s to import: only the rdflib engine and the full gate do
    import rdflib
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.sparql import Query

from ..compile.compiler import CompiledGraph
from ..core.errors import UserError
from ..core.figures import grouped
from ..core.memory import paused_gc  # a large answer's acyclic rows: made, pickled and unpickled without the collector
from ..core.namespaces import PREFIXES, RDF, XSD, shorten
from ..core.terms import literal as nt_literal

ENGINES = ("rdflib", "oxigraph")
FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
LANG_STRING = RDF + "langString"
XSD_STRING = XSD + "string"
XSD_DECIMAL = XSD + "decimal"
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                              "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_PROLOGUE_RE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s*[\w.-]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', re.S)
_WORD = re.compile(r"[?$]?[\w:.-]+")


def canonical_decimal(text: str) -> str:
    """The XSD 1.1 canonical form of a decimal: no exponent, no trailing zeros, no point for whole numbers."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return text  # ill-typed: shown as written
    if not value.is_finite():
        return text
    return format(value.normalize(), "f") if value else "0"


# Numbers a table shows with their digits grouped; a year (xsd:gYear) or a code stays as written.
_GROUPED_NUMBERS = frozenset(XSD + name for name in ("integer", "decimal", "double", "float", "nonNegativeInteger",
                                                     "positiveInteger", "long", "int"))


class QueryError(UserError):
    """A query that cannot be run or answered, with a one-line message for the user."""


@dataclass(frozen=True, order=True)
class Term:
    """One RDF term in a result, engine-neutral: kind is "uri", "literal" or "bnode"."""

    kind: str
    value: str
    datatype: str = ""  # literals only: full IRI (rdf:langString when lang is set)
    lang: str = ""

    @classmethod
    def iri(cls, iri: str) -> Term:
        if not iri or _IRI_FORBIDDEN.search(iri) or ":" not in iri:
            raise ValueError(f"`{iri}` is not an absolute IRI")
        return cls("uri", iri)

    @classmethod
    def literal(cls, text: str, datatype: str = XSD_STRING, lang: str = "") -> Term:
        """A literal; an xsd:decimal in its canonical form, so every engine prints 28870 (not one 28870.0)."""
        if datatype == XSD_DECIMAL:
            text = canonical_decimal(text)
        return cls("literal", text, LANG_STRING if lang else (datatype or XSD_STRING), lang.lower())

    def n3(self) -> str:
        """The term in N-Triples syntax, escaped: safe to place in query or data text."""
        if self.kind == "uri":
            return f"<{Term.iri(self.value).value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        return nt_literal(self.value, None if self.lang else self.datatype, self.lang or None)

    def plain(self) -> str:
        """The IRI or the literal's lexical form, as CSV and TSV cells show it."""
        return self.value if self.kind != "bnode" else f"_:{self.value}"

    def short(self) -> str:
        """The term with IRIs as prefixed names, literals as their text."""
        if self.kind == "uri":
            return shorten(self.value)
        return self.plain()

    def display(self) -> str:
        """The term as a table shows it: `short`, with a number's digits grouped (65,333,000,000; CSV and JSON
        keep numbers raw)."""
        if self.kind == "literal" and self.datatype in _GROUPED_NUMBERS:
            return grouped(self.value)
        return self.short()

    def to_json(self) -> dict[str, str]:
        """The term as a SPARQL 1.1 Query Results JSON binding."""
        if self.kind != "literal":
            return {"type": self.kind, "value": self.value}
        out = {"type": "literal", "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype != XSD_STRING:
            out["datatype"] = self.datatype
        return out

    @classmethod
    def from_json(cls, binding: Mapping[str, str]) -> Term:
        kind = binding.get("type", "")
        if kind in ("literal", "typed-literal"):  # "typed-literal" is SPARQL 1.0 JSON, still sent by Virtuoso
            return cls.literal(binding["value"], binding.get("datatype", XSD_STRING), binding.get("xml:lang", ""))
        if kind in ("uri", "bnode"):
            return cls(kind, binding["value"])
        raise QueryError(f"the endpoint sent a result term of unknown type {kind!r}")

    @classmethod
    def from_rdflib(cls, node: Any) -> Term:
        import rdflib

        if isinstance(node, rdflib.URIRef):
            return cls("uri", str(node))
        if isinstance(node, rdflib.BNode):
            return cls("bnode", str(node))
        if isinstance(node, rdflib.Literal):
            return cls.literal(str(node), str(node.datatype or XSD_STRING), node.language or "")
        raise QueryError(f"unsupported result term {node!r}")

    @classmethod
    def from_oxigraph(cls, node: Any) -> Term:
        if isinstance(node, ox.NamedNode):
            return cls("uri", node.value)
        if isinstance(node, ox.BlankNode):
            return cls("bnode", node.value)
        if isinstance(node, ox.Literal):
            return cls.literal(node.value, node.datatype.value, node.language or "")
        raise QueryError(f"unsupported result term {node!r}")

    def to_rdflib(self) -> rdflib.term.Identifier:
        import rdflib

        if self.kind == "uri":
            return rdflib.URIRef(self.value)
        if self.kind == "bnode":
            return rdflib.BNode(self.value)
        if self.lang:
            return rdflib.Literal(self.value, lang=self.lang)
        return rdflib.Literal(self.value, datatype=None if self.datatype == XSD_STRING else self.datatype)

    def canonical(self) -> tuple:
        """A comparison key equal for equal values: numbers by value ("13" integer = "13.0" decimal)."""
        if self.kind == "literal" and self.datatype in _NUMERIC:
            try:
                return ("number", Decimal(self.value).normalize())
            except InvalidOperation:
                pass
        return (self.kind, self.value, "" if self.datatype == XSD_STRING else self.datatype, self.lang)


Row = tuple[Term | None, ...]


@dataclass
class QueryResult:
    """A query's answer: rows for SELECT, a boolean for ASK, triples for CONSTRUCT and DESCRIBE."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)

    def to_json(self) -> dict:
        """SPARQL 1.1 Query Results JSON (SELECT and ASK)."""
        if self.form == "ASK":
            return {"head": {}, "boolean": bool(self.boolean)}
        bindings = [{v: t.to_json() for v, t in zip(self.variables, row, strict=True) if t is not None} for row in self.rows]
        return {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}

    def cells(self, short: bool, table: bool = False) -> list[list[str]]:
        """Rows as text cells: prefixed names (short), full IRIs otherwise, and numbers grouped for a table;
        unbound is empty."""
        if table:
            return [["" if t is None else t.display() for t in row] for row in self.rows]
        return [["" if t is None else (t.short() if short else t.plain()) for t in row] for row in self.rows]

    def ntriples(self) -> str:
        return "".join(sorted({f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in self.triples}))

    def turtle(self) -> str:
        """The triples as Turtle with the project's prefixes, as the exports write it (stable output)."""
        from ..outputs.formats.turtle import turtle

        return turtle(CompiledGraph(self.ntriples().splitlines())).decode("utf-8")

    def canonical(self) -> list:
        """The answer as comparable values, for checking two engines agree."""
        if self.form == "ASK":
            return [bool(self.boolean)]
        if self.form == "SELECT":
            return [tuple(None if t is None else t.canonical() for t in row) for row in self.rows]
        return sorted({tuple(t.canonical() for t in triple) for triple in self.triples})


@dataclass(frozen=True)
class ParsedQuery:
    """A query that passed the gate: its text (as the user wrote it), form, and rdflib's algebra for it (None when
    it passed the light gate of parse_query_light: the rdflib engine then parses it itself)."""

    text: str
    form: str
    algebra: Query | None = field(repr=False, compare=False)


def _first_keyword(text: str) -> str:
    rest = text[_PROLOGUE_RE.match(text).end():]
    word = re.match(r"[A-Za-z]+", rest)
    return word.group(0).upper() if word else ""


def _syntax_error(error: ParseBaseException) -> QueryError:
    near = error.line[error.col - 1:].strip() if error.line else ""
    where = f"line {error.lineno}, column {error.col}"
    if not near:
        return QueryError(f"syntax error at {where}: the query ends too early (an unclosed brace or string?)")
    return QueryError(f"syntax error at {where}: unexpected `{near[:60]}`")


def parse_query(text: str, *, limits: bool = True) -> ParsedQuery:
    """Parse and check a query (project prefixes pre-bound); raises QueryError for an update, a syntax error, or (with
    `limits`, for the local engines and `kg serve`) a query nested beyond check_query_shape's limits."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if not text.strip():
        raise QueryError("the query is empty")
    if not code_only(text).strip():
        raise QueryError("the query is empty: it holds only comments")
    if limits:
        check_query_shape(text)
    with _parser_depth():
        try:
            parsed = parseQuery(text)
        except ParseBaseException as error:
            keyword = _first_keyword(text)
            try:
                # An update with no operation (a prologue alone) is not one: it is a query that ends too early.
                is_update = "request" in parseUpdate(text).keys()
            except ParseBaseException:
                is_update = keyword in _UPDATE_WORDS
            except RecursionError:
                raise _too_deep() from None
            if is_update:
                raise QueryError(
                    f"refused: this is a SPARQL Update ({keyword or 'update'}); kg query is read-only"
                    " (change the data in the YAML under graph/ and rebuild)"
                ) from None
            raise _syntax_error(error) from None
        except RecursionError:
            raise _too_deep() from None
        unknown = undeclared_prefixes(text)
        if unknown:
            raise QueryError(f"unknown prefix `{unknown[0]}:` (pre-bound prefixes: {', '.join(PREFIXES)})")
        try:
            algebra = translateQuery(parsed, initNs=PREFIXES)
        except RecursionError:
            raise _too_deep() from None
        except Exception as error:  # rdflib raises bare Exception for an undeclared prefix
            message = str(error)
            prefix = re.search(r"Unknown namespace prefix\s*:\s*(\S+)", message)
            if prefix:
                known = ", ".join(PREFIXES)
                raise QueryError(f"unknown prefix `{prefix.group(1)}:` (pre-bound prefixes: {known})") from None
            raise QueryError(f"invalid query: {message}") from None
    return ParsedQuery(text, FORMS[parsed[1].name], algebra)


# How deep a query may nest brackets, and how many triple patterns one group may chain with `.`, for the local
# engines and `kg serve`. rdflib's parser recurses once per nesting level and once per pattern of a group: at Python's
# default recursion limit it fails at ~25 nested parentheses or ~84 patterns in one group (RecursionError). Within these
# limits it parses with the deeper stack _parser_depth gives it; beyond them both engines refuse the query alike.
MAX_NESTING = 32
MAX_GROUP_PATTERNS = 64
_PARSER_RECURSION = 4000
_SHAPE_TOKENS = re.compile(r"[{}()\[\]]|(?<![\w:%-])\.|\.(?![\w:%-])")


def check_query_shape(text: str) -> None:
    """Raise QueryError if the query nests brackets deeper than MAX_NESTING or chains more than MAX_GROUP_PATTERNS
    triple patterns in one group (linear in the text; strings, IRIs and comments are skipped)."""
    stack: list[list[int]] = []  # per open bracket: [1 for a `{` group / 0 otherwise, patterns so far]
    deepest = longest = 0
    for match in _SHAPE_TOKENS.finditer(code_only(text)):
        char = match.group(0)
        if char == ".":
            if stack and stack[-1][0]:
                stack[-1][1] += 1
                longest = max(longest, stack[-1][1])
        elif char in "{([":
            stack.append([char == "{", 1])
            deepest = max(deepest, len(stack))
        elif stack:
            stack.pop()
    if deepest > MAX_NESTING:
        raise QueryError(f"the query nests brackets {deepest} deep, more than the {MAX_NESTING} kg accepts: "
                         "simplify it")
    if longest > MAX_GROUP_PATTERNS:
        raise QueryError(f"one group of the query chains {longest} triple patterns with `.`, more than the "
                         f"{MAX_GROUP_PATTERNS} kg accepts: split it into several {{ … }} groups")


def _too_deep() -> QueryError:
    return QueryError("the query is nested too deeply for the SPARQL parser: simplify it")


class _parser_depth:
    """Python's recursion limit raised while rdflib's recursive-descent parser runs (restored after)."""

    def __enter__(self) -> None:
        import sys

        self._saved = sys.getrecursionlimit()
        sys.setrecursionlimit(max(self._saved, _PARSER_RECURSION))

    def __exit__(self, *exc: object) -> None:
        import sys

        sys.setrecursionlimit(self._saved)


_LIGHT_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_SERVICE = re.compile(r"(?i)\bSERVICE\b")


def parse_query_light(text: str) -> ParsedQuery:
    """The gate for engines that parse the query themselves (Oxigraph), without rdflib's parser (~0.3 s to import).

    A plain query (it starts with SELECT, ASK, CONSTRUCT or DESCRIBE and uses only known prefixes) passes with its form
    read from that keyword; anything else (an update, an unknown prefix, SERVICE, an empty text) goes through
    parse_query and its messages. A query the engine then cannot parse is checked by parse_query too (see
    OxigraphEngine), so every error reads the same as through the full gate.
    """
    keyword = _first_keyword(text)
    if keyword not in _LIGHT_FORMS or undeclared_prefixes(text) or _SERVICE.search(code_only(text)):
        return parse_query(text)
    check_query_shape(text)
    return ParsedQuery(text, keyword, None)


@dataclass(frozen=True)
class Group:
    """A `{ ... }` block at the top level of a query: where it opens and closes, and the word before it."""

    start: int
    end: int  # index of the closing brace
    after: str  # the keyword just before the brace, upper-cased ("WHERE", "CONSTRUCT", ...)


def code_only(text: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length), leaving only SPARQL syntax to scan."""
    out = list(text)
    i = 0
    while i < len(text):
        char = text[i]
        match = None
        if char == "#":
            newline = text.find("\n", i)
            match_end = len(text) if newline < 0 else newline
        elif char in "\"'" and (match := _STRING.match(text, i)):
            match_end = match.end()
        elif char == "<" and (match := _IRIREF.match(text, i)):
            match_end = match.end()
        else:
            i += 1
            continue
        out[i:match_end] = [" "] * (match_end - i)
        i = match_end
    return "".join(out)


def top_level_groups(text: str) -> list[Group]:
    """The query's top-level brace blocks, skipping strings, IRIs and comments."""
    code = code_only(text)
    groups: list[Group] = []
    depth, start, word, last_word, i = 0, 0, "", "", 0
    while i < len(code):
        char = code[i]
        if char == "{":
            if depth == 0:
                start, word = i, last_word
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                groups.append(Group(start, i, word))
        elif depth == 0 and (char.isalpha() or char in "?$"):
            match = _WORD.match(code, i)
            last_word = match.group(0).upper()
            i = match.end()
            continue
        i += 1
    return groups


def declared_prefixes(text: str) -> set[str]:
    """The prefixes the query's own PREFIX lines declare."""
    return set(re.findall(r"(?i:PREFIX)\s+([A-Za-z][\w.-]*|)\s*:", code_only(text)))


def undeclared_prefixes(text: str) -> list[str]:
    """Prefixes the query uses that neither it nor the project declares (rdflib would guess some, like foaf:)."""
    code = code_only(text)
    declared = set(PREFIXES) | declared_prefixes(text)
    used = re.findall(r"(?<![\w.:?$-])([A-Za-z][\w.-]*|)(?<!\.):", code)
    return sorted({prefix for prefix in used if prefix not in declared})


def where_group(text: str, form: str) -> Group | None:
    """The query's WHERE block (for CONSTRUCT, not its template)."""
    for group in top_level_groups(text):
        if form == "CONSTRUCT" and group.after == "CONSTRUCT":
            continue
        return group
    return None


def values_block(bindings: Mapping[str, Term]) -> str:
    """One single-variable VALUES block per parameter (Virtuoso 7.2 fails on multi-variable ones beside OPTIONAL)."""
    return " ".join(f"VALUES ?{name} {{ {bindings[name].n3()} }}" for name in sorted(bindings))


def with_values(text: str, form: str, bindings: Mapping[str, Term]) -> str:
    """The query with its parameters bound by a VALUES block opening its WHERE clause."""
    if not bindings:
        return text
    group = where_group(text, form)
    if group is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return f"{text[:group.start + 1]} {values_block(bindings)}\n{text[group.start + 1:]}"


def _run_in_child(connection, function: Callable[[], QueryResult]) -> None:
    try:
        result = function()
        with paused_gc():
            connection.send(("ok", result))
    except QueryError as error:
        connection.send(("error", str(error)))
    except Exception as error:  # noqa: BLE001 - reported to the parent as one line
        connection.send(("error", f"the query failed: {type(error).__name__}: {error}"))
    finally:
        connection.close()


def call_with_timeout(function: Callable[[], QueryResult], timeout: float | None) -> QueryResult:
    """Run `function`; with a timeout, in a forked child that is killed when time runs out (threads cannot be)."""
    if not timeout:
        return function()
    import multiprocessing  # here: only a query with a timeout needs it

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run_in_child, args=(sender, function), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(f"the query took longer than {timeout:g} s and was stopped (raise --timeout?)")
        try:
            with paused_gc():
                status, payload = receiver.recv()
        except EOFError:
            raise QueryError("the query engine stopped without an answer (out of memory?)") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "error":
        raise QueryError(payload)
    return payload


_SERVICE = re.compile(r"(?<![?$:\w-])SERVICE(?![\w:-])", re.IGNORECASE)  # the keyword, not ?service or ex:service


def refuse_service(text: str) -> None:
    """Raise QueryError if the query calls SERVICE: both engines would send a request, and rdflib local data with it,
    to whatever server the query names. A local query stays on this machine unless the user allows it."""
    if _SERVICE.search(code_only(text)):
        raise QueryError(
            "refused: the query uses SERVICE, which sends a request (with data from the local graph) to another"
            " server; local queries stay on this machine (give --allow-service to let it)"
        )


class LocalEngine:
    """What both local engines share: SERVICE refused unless allowed, a timeout enforced in a child process."""

    name = ""
    allow_service = False  # SERVICE reaches other servers: refused unless the user opts in

    def _execute(self, query: ParsedQuery, bindings: Mapping[str, Term]) -> QueryResult:
        raise NotImplementedError

    def run(self, query: ParsedQuery, bindings: Mapping[str, Term] | None = None,
            timeout: float | None = None) -> QueryResult:
        if not self.allow_service:
            refuse_service(query.text)
        return call_with_timeout(lambda: self._execute(query, bindings or {}), timeout)


class RdflibEngine(LocalEngine):
    """Queries an rdflib Graph; parameters become initBindings."""

    name = "rdflib"

    def __init__(self, graph: rdflib.Graph):
        self.graph = graph

    def _execute(self, query: ParsedQuery, bindings: Mapping[str, Term]) -> QueryResult:
        if query.algebra is None:
            query = parse_query(query.text)
        init = {name: term.to_rdflib() for name, term in bindings.items()}
        result = self.graph.query(query.algebra, initBindings=init)
        if query.form == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        if query.form == "SELECT":
            variables = [str(v) for v in result.vars or []]
            rows = [tuple(None if t is None else Term.from_rdflib(t) for t in row) for row in result]
            return QueryResult("SELECT", variables, rows)
        triples = [tuple(Term.from_rdflib(t) for t in triple) for triple in result]
        return QueryResult(query.form, triples=triples)



def oxigraph_rows(solutions: Iterable[ox.QuerySolution]) -> list[Row]:
    """Oxigraph's solutions as rows of Terms, the same as converting each cell with Term.from_oxigraph.

    An answer repeats its terms (the same sources, properties, subjects on many rows), so each distinct term is
    converted once and shared (Terms are immutable); and the collector is paused while the rows are made: they hold no
    cycles, and on a large answer its passes over the whole heap cost more than the rows themselves.
    """
    cache: dict[Any, Term] = {}
    rows: list[Row] = []
    append = rows.append
    with paused_gc():
        for solution in solutions:
            cells = []
            for node in solution:
                if node is None:
                    cells.append(None)
                    continue
                term = cache.get(node)
                if term is None:
                    term = cache[node] = Term.from_oxigraph(node)
                cells.append(term)
            append(tuple(cells))
    return rows


class OxigraphEngine(LocalEngine):
    """Queries an Oxigraph store; parameters become a VALUES block opening the WHERE clause (pyoxigraph's own
    `substitutions` only bind variables the query projects, which a parameter often is not)."""

    name = "oxigraph"

    def __init__(self, store: ox.Store):
        self.store = store

    def _execute(self, query: ParsedQuery, bindings: Mapping[str, Term]) -> QueryResult:
        try:
            result = self.store.query(with_values(query.text, query.form, bindings), prefixes=PREFIXES)
        except SyntaxError as error:
            if query.algebra is None:
                parse_query(query.text)  # raises the full gate's message (syntax error with line, update refused)
            raise QueryError(f"Oxigraph cannot parse the query: {str(error).splitlines()[0]}") from None
        if query.form == "ASK":
            return QueryResult("ASK", boolean=bool(result))
        if query.form == "SELECT":
            variables = [v.value for v in result.variables]
            return QueryResult("SELECT", variables, oxigraph_rows(result))
        triples = [(Term.from_oxigraph(t.subject), Term.from_oxigraph(t.predicate), Term.from_oxigraph(t.object))
                   for t in result]
        return QueryResult(query.form, triples=triples)



def local_engine(name: str, compiled: CompiledGraph, allow_service: bool = False) -> LocalEngine:
    """The named local engine, loaded with a compiled graph; it refuses SERVICE unless `allow_service`. (The CLI
    gives Oxigraph the store kept in the compiled-graph cache instead.)"""
    if name not in ("oxigraph", "rdflib"):
        raise QueryError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
    engine: LocalEngine
    if name == "oxigraph":
        from ..cache.kept_store import memory_store

        engine = OxigraphEngine(memory_store(compiled.ntriples_chunks()))
    else:
        from ..compile.rdflib_graph import rdflib_graph

        engine = RdflibEngine(rdflib_graph(compiled))
    engine.allow_service = allow_service
    return engine
