"""The library of named questions: `queries/*.rq`, each with a header of `# key: value` comment lines.

    # title: Who held an office, and when
    # description: Every office holder with start and end dates and the sources that say so.
    # param: person entity(Person) optional: only this person (an id, a name or an alias)
    # param: from gYear = 2006: the first year
    # example: kg query office-holders --param person=amlo

A parameter is `NAME TYPE` (an entity parameter may name the classes it takes: `entity(Person|Organization)`),
then `optional` (left unbound when not given), `= DEFAULT`, or nothing (required), then `: what it means`. Values
are turned into typed RDF terms here and bound by the engine, never pasted into the text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UserError
from ..core.names import SLUG_RE
from ..core.namespaces import KGC, MX, PREFIXES, XSD
from ..core.problems import did_you_mean
from .engines import Term

if TYPE_CHECKING:
    from .lookup import EntityIndex

DEFAULT_LIBRARY_DIR = Path("queries")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEADER_RE = re.compile(r"^#\s*([a-z]+)\s*:\s*(.*?)\s*$")
_PARAM_RE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[A-Za-z]+)(?:\((?P<classes>[A-Za-z]+(?:\|[A-Za-z]+)*)\))?"
    r"(?:\s+(?P<optional>optional)|\s*=\s*(?P<default>[^:\s]+))?\s*(?::\s*(?P<description>.*))?$"
)
_HEADER_KEYS = ("title", "description", "param", "example")


class LibraryError(UserError):
    """A malformed query file, or a parameter value that does not fit; the message says where and why."""


def _entity(value: str) -> Term:
    if value.startswith("mx:"):
        value = value[3:]
    if re.match(r"^https?://", value):
        return Term.iri(value)
    if not SLUG_RE.match(value):
        raise ValueError("expected an entity id such as `amlo` (lower-case letters, digits, hyphens) or a full IRI")
    return Term("uri", MX + value)


def _concept(value: str) -> Term:
    if value.startswith("kgc:"):
        value = value[4:]
    if not SLUG_RE.match(value):
        raise ValueError("expected a concept id such as `armed-clash`")
    return Term("uri", KGC + value)


def _iri(value: str) -> Term:
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not value.startswith(prefix + "://"):
        return Term.iri(PREFIXES[prefix] + local)
    return Term.iri(value.strip("<>"))


def _gyear(value: str) -> Term:
    if not re.match(r"^\d{4}$", value):
        raise ValueError("expected a year such as 2019")
    return Term.literal(value, XSD + "gYear")


def _date(value: str) -> Term:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a date such as 2019-10-17") from None
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise ValueError("expected a date such as 2019-10-17")
    return Term.literal(value, XSD + "date")


def _integer(value: str) -> Term:
    if not re.match(r"^[+-]?\d+$", value):
        raise ValueError("expected a whole number such as 10")
    return Term.literal(str(int(value)), XSD + "integer")


def _decimal(value: str) -> Term:
    if not re.match(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", value):
        raise ValueError("expected a number such as 2.5")
    return Term.literal(value, XSD + "decimal")


def _string(value: str) -> Term:
    return Term.literal(value)


def _auto(value: str) -> Term:
    """For queries outside the library: a prefixed name, an http(s) IRI or <IRI> is an IRI, anything else text."""
    if value.startswith("<") and value.endswith(">"):
        return Term.iri(value[1:-1])
    if re.match(r"^https?://\S+$", value):
        return Term.iri(value)
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and re.match(r"^[\w.-]*$", local):
        return Term.iri(PREFIXES[prefix] + local)
    return Term.literal(value)


PARAM_TYPES: dict[str, tuple[Callable[[str], Term], str]] = {
    "entity": (_entity, "an entity id, e.g. amlo"),
    "concept": (_concept, "a concept id, e.g. armed-clash"),
    "iri": (_iri, "an IRI or prefixed name, e.g. kg:Person"),
    "gYear": (_gyear, "a year, e.g. 2019"),
    "date": (_date, "a date, e.g. 2019-10-17"),
    "integer": (_integer, "a whole number"),
    "decimal": (_decimal, "a number"),
    "string": (_string, "text"),
    "auto": (_auto, "a prefixed name, <IRI> or text"),
}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str = ""
    default: str | None = None
    optional: bool = False
    classes: tuple[str, ...] = ()  # entity parameters: the kg classes a value must be an instance of (any if empty)

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def convert(self, value: str) -> Term:
        """The value as a typed RDF term; LibraryError says what was expected."""
        convert, _ = PARAM_TYPES[self.type]
        try:
            return convert(value)
        except ValueError as error:
            raise LibraryError(f"--param {self.name}={value!r}: {error}") from None

    def usage(self) -> str:
        """`name=<type>` (required), `[name=<type>]` (optional) or `name=default`."""
        kind = "|".join(self.classes) if self.classes else self.type
        if self.default is not None:
            return f"{self.name}={self.default}"
        return f"[{self.name}=<{kind}>]" if self.optional else f"{self.name}=<{kind}>"


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    title: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise LibraryError(
            f"`{self.name}` has no parameter `{name}`{did_you_mean(name, [p.name for p in self.parameters])}"
            f" (its parameters: {known})"
        )


def parse_named_query(path: Path) -> NamedQuery:
    """Read one .rq file and its header; LibraryError (with file:line) if the header is malformed."""
    name = path.stem
    if not NAME_RE.match(name):
        raise LibraryError(f"{path}: a query's file name must be lower-case words with hyphens, e.g. office-holders.rq")
    text = path.read_text(encoding="utf-8")
    header: dict[str, list[tuple[int, str]]] = {}
    lines = text.splitlines()
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            body_start = number - 1
            break
        match = _HEADER_RE.match(line)
        if not match:
            continue  # a plain comment
        key, value = match.groups()
        if key not in _HEADER_KEYS:
            raise LibraryError(f"{path}:{number}: unknown header key `{key}` (use {', '.join(_HEADER_KEYS)})")
        header.setdefault(key, []).append((number, value))
    for key in ("title", "description"):
        if key not in header:
            raise LibraryError(f"{path}:1: the header needs a `# {key}:` line")
    parameters = []
    for number, spec in header.get("param", []):
        parameter = _parse_parameter(spec, f"{path}:{number}")
        if not re.search(rf"[?$]{parameter.name}\b", "\n".join(lines[body_start:])):
            raise LibraryError(f"{path}:{number}: parameter `{parameter.name}` is not used as ?{parameter.name}")
        parameters.append(parameter)
    return NamedQuery(
        name, path, text, header["title"][0][1], header["description"][0][1], parameters,
        [value for _, value in header.get("example", [])],
    )


def _parse_parameter(spec: str, where: str) -> Parameter:
    match = _PARAM_RE.match(spec)
    if not match:
        raise LibraryError(f"{where}: expected `# param: NAME TYPE [optional | = DEFAULT]: description`")
    if match["type"] not in PARAM_TYPES:
        raise LibraryError(f"{where}: unknown parameter type `{match['type']}` (use {', '.join(PARAM_TYPES)})")
    if match["classes"] and match["type"] != "entity":
        raise LibraryError(f"{where}: only an entity parameter names classes, as in `entity(Person)`")
    classes = tuple(match["classes"].split("|")) if match["classes"] else ()
    parameter = Parameter(match["name"], match["type"], match["description"] or "", match["default"],
                          bool(match["optional"]), classes)
    if parameter.default is not None:
        try:
            parameter.convert(parameter.default)
        except LibraryError as error:
            raise LibraryError(f"{where}: the default does not fit: {error}") from None
    return parameter


def load_library(directory: Path = DEFAULT_LIBRARY_DIR) -> dict[str, NamedQuery]:
    """Every named query in the directory, by name (sorted)."""
    if not directory.is_dir():
        raise LibraryError(f"no query library at {directory}/ (run kg from the project directory or pass --library)")
    queries = [parse_named_query(path) for path in sorted(directory.glob("*.rq"))]
    return {q.name: q for q in queries}


def find_query(library: Mapping[str, NamedQuery], name: str) -> NamedQuery:
    if name in library:
        return library[name]
    shown = name if len(name) <= 80 else name[:60] + f"… ({len(name):,} characters)"
    raise LibraryError(f"no query named `{shown}`{did_you_mean(name, library)} (kg query --list shows them)")


def split_param(raw: str) -> tuple[str, str | None, str]:
    """`name=value` or `name:type=value` → (name, type or None, value)."""
    key, sep, value = raw.partition("=")
    name, _, type_ = key.partition(":")
    if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
        raise LibraryError(f"--param {raw!r}: expected NAME=VALUE, e.g. --param person=amlo")
    if type_ and type_ not in PARAM_TYPES:
        raise LibraryError(f"--param {raw!r}: unknown type `{type_}` (use {', '.join(PARAM_TYPES)})")
    return name, type_ or None, value


def bind_parameters(query: NamedQuery | None, raw: Iterable[str],
                    entity_exists: Callable[[str], bool] | None = None,
                    entity_ids: Iterable[str] = (), *, index: EntityIndex | None = None) -> dict[str, Term]:
    """Typed bindings for a named query (defaults applied, required ones checked) or for an ad-hoc query.

    With `index`, an entity parameter takes a name as well as an id (`case=culiacan-2019`, `person="El Chapo"`), and
    a value that names no entity, several, or one of a class the parameter does not take raises LookupFailed.
    """
    given: dict[str, tuple[str | None, str]] = {}
    for item in raw:
        name, type_, value = split_param(item)
        if name in given:
            raise LibraryError(f"--param {name} is given twice")
        given[name] = (type_, value)
    bindings: dict[str, Term] = {}
    if query is None:
        for name, (type_, value) in given.items():
            bindings[name] = Parameter(name, type_ or "auto").convert(value)
        return bindings
    for name, (type_, value) in given.items():
        parameter = query.parameter(name)
        if type_ and type_ != parameter.type:
            raise LibraryError(f"--param {name}: `{query.name}` takes {parameter.type}, not {type_}")
        if parameter.type == "entity" and index is not None and not re.match(r"^https?://", value):
            entity = index.resolve(value.removeprefix("mx:"), classes=parameter.classes, what=f"--param {name}")
            bindings[name] = Term("uri", MX + entity.id)
            continue
        bindings[name] = parameter.convert(value)
        if parameter.type == "entity" and entity_exists is not None and bindings[name].value.startswith(MX):
            slug = bindings[name].value[len(MX):]
            if not entity_exists(slug):
                raise LibraryError(f"--param {name}={value}: no entity `{slug}` in the graph"
                                   f"{did_you_mean(slug, entity_ids)}")
    for parameter in query.parameters:
        if parameter.name in bindings:
            continue
        if parameter.default is not None:
            bindings[parameter.name] = parameter.convert(parameter.default)
        elif parameter.required:
            _, hint = PARAM_TYPES[parameter.type]
            raise LibraryError(f"`{query.name}` needs --param {parameter.name}=... ({hint}): {parameter.description}")
    return bindings
