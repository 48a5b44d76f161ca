"""Each entity's own triples, as the dumps hold them.

An entity's triples are lines of the compiled graph (the sorted N-Triples every export is written from): the lines
whose subject is the entity, its statement nodes (the subjects of `rdf:subject <entity>`), and the citation nodes
those cite (`prov:wasDerivedFrom`). The site writes the whole graph's Turtle and JSON-LD dumps first, with the
exports' own writers; both write one block per subject in the order of the sorted lines, so an entity's Turtle and
JSON-LD files are its subjects' blocks cut from the dumps, under the dumps' prefixes — the same text the writers
give for those lines alone (`entity_turtle`, `entity_jsonld`; the tests check every entity against them), made in a
fraction of the time. If a dump's blocks ever fail to line up with the subjects, every file is written by the
writers instead.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Sequence
from pathlib import Path

from ..compile.compiler import CompiledGraph
from ..core.namespaces import CIT, MX, PREFIXES, PROV, RDF, ST
from ..outputs import jsonld_text
from ..outputs.formats.turtle import turtle

_KEPT = (f"<{MX}", f"<{ST}", f"<{CIT}")
_RDF_SUBJECT = f"<{RDF}subject>"
_DERIVED = f"<{PROV}wasDerivedFrom>"
_SHORT = {f"<{MX}": "mx:", f"<{ST}": "st:", f"<{CIT}": "cit:"}
TURTLE_HEADER = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()).encode("utf-8") + b"\n"
_TURTLE_BLOCK = re.compile(rb"\n(?=[^\t\n])")  # a subject's block starts on a line of its own, not indented
_JSONLD_NODE = re.compile(rb'\n  \{\n   "@id": ')


def entity_turtle(lines: Sequence[str]) -> bytes:
    """The lines as Turtle, by the Turtle export's writer."""
    return turtle(CompiledGraph(list(lines)))


def entity_jsonld(lines: Sequence[str]) -> bytes:
    """The lines as JSON-LD, by the JSON-LD export's plain definition."""
    return b"".join(jsonld_text.jsonld_chunks(lines))


class EntityTriples:
    """The compiled graph's subjects, each entity's statement nodes and the citations each node cites, found in one
    pass over the sorted lines; then each entity's Turtle and JSON-LD cut from the dumps (`attach_dumps`)."""

    def __init__(self, compiled: CompiledGraph):
        self._compiled: CompiledGraph | None = compiled
        self.subjects: list[str] = []  # every distinct subject, in the lines' order: block i of a dump is subject i
        self._first_line: list[int] = []  # subject i's lines are lines[_first_line[i]:_first_line[i + 1]]
        self._index: dict[str, int] = {}  # entity, statement and citation subjects → their position
        self._nodes: dict[str, list[int]] = {}  # entity term → its statement nodes
        self._cites: dict[int, list[int]] = {}  # entity or statement node → the citation nodes it cites
        citation_terms: dict[int, list[str]] = {}
        subject = None
        position = -1
        kept = False
        for number, line in enumerate(compiled.lines):  # sorted: one subject's lines are together
            cut = line.find(" ")
            s = line[:cut]
            if s != subject:
                subject = s
                position += 1
                self.subjects.append(s)
                self._first_line.append(number)
                kept = s.startswith(_KEPT)
                if kept:
                    self._index[s] = position
            if not kept:
                continue
            rest = line[cut + 1:]
            if rest.startswith(_RDF_SUBJECT) and s.startswith(_KEPT[1]):
                self._nodes.setdefault(rest[len(_RDF_SUBJECT) + 1:-2], []).append(position)
            elif rest.startswith(_DERIVED):
                citation_terms.setdefault(position, []).append(rest[len(_DERIVED) + 1:-2])
        self._first_line.append(len(compiled.lines))
        index = self._index
        self._cites = {k: [index[t] for t in terms if t in index] for k, terms in citation_terms.items()}
        self._turtle: tuple[mmap.mmap, list[int]] | None = None
        self._jsonld: tuple[mmap.mmap, list[int], int] | None = None

    def positions(self, entity_id: str) -> list[int]:
        """The positions of the entity's subjects: itself, its statement nodes and the citations they cite, in the
        lines' order."""
        own = self._index.get(f"<{MX}{entity_id}>")
        if own is None:
            return []
        found = {own, *self._nodes.get(f"<{MX}{entity_id}>", ())}
        for position in list(found):
            found.update(self._cites.get(position, ()))
        return sorted(found)

    def lines(self, entity_id: str) -> list[str]:
        """The entity's lines, its statement nodes' and the citation nodes they cite, in N-Triples order."""
        lines, first = self._compiled.lines, self._first_line
        return [line for p in self.positions(entity_id) for line in lines[first[p]: first[p + 1]]]

    def release_lines(self) -> None:
        """Forget the compiled lines once the dumps are attached (they are the larger half of the memory)."""
        if self._turtle is not None and self._jsonld is not None:
            self._compiled = None
            self._first_line = []

    # ------------------------------------------------------------------ cut from the dumps

    def attach_dumps(self, turtle_path: Path, jsonld_path: Path) -> bool:
        """Read the written dumps' block offsets; True when both line up with the subjects (else the files are
        written by the writers, `turtle_of`/`jsonld_of` fall back to them)."""
        self._turtle = self._jsonld = None
        with open(turtle_path, "rb") as f:
            ttl = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if f.seek(0, 2) else None
        with open(jsonld_path, "rb") as f:
            jld = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if f.seek(0, 2) else None
        if ttl is None or jld is None or ttl[: len(TURTLE_HEADER)] != TURTLE_HEADER:
            return False
        starts = [len(TURTLE_HEADER)] + [m.end() for m in _TURTLE_BLOCK.finditer(ttl, len(TURTLE_HEADER))]
        starts.append(len(ttl))
        head = jsonld_text.document_head().encode("utf-8")
        tail = jsonld_text.DOCUMENT_TAIL.encode("utf-8")
        nodes = [len(head)] + [m.start() + 1 for m in _JSONLD_NODE.finditer(jld, len(head))]
        end = len(jld) - len(tail)
        if (len(starts) - 1 != len(self.subjects) or len(nodes) != len(self.subjects) or jld[: len(head)] != head
                or jld[end:] != tail or not self._aligned(ttl, starts, jld, nodes)):
            return False
        self._turtle = (ttl, starts)
        self._jsonld = (jld, nodes + [end + 2], end)
        return True

    def _aligned(self, ttl: mmap.mmap, starts: list[int], jld: mmap.mmap, nodes: list[int]) -> bool:
        """Whether each kept subject's block in both dumps starts with that subject's name."""
        for term, position in self._index.items():
            prefix = term[: term.rfind("/") + 1]
            name = (_SHORT[prefix] + term[len(prefix):-1]).encode("utf-8")
            if ttl[starts[position]: starts[position] + len(name) + 1] != name + b" ":
                return False
            start = nodes[position] + len('  {\n   "@id": "')
            if jld[start: start + len(name) + 1] != name + b'"':
                return False
        return True

    def turtle_of(self, entity_id: str) -> bytes:
        """The entity's Turtle: its subjects' blocks of the Turtle dump under the dump's prefixes."""
        if self._turtle is None:
            return entity_turtle(self.lines(entity_id))
        ttl, starts = self._turtle
        return TURTLE_HEADER + b"".join(ttl[starts[p]: starts[p + 1]] for p in self.positions(entity_id))

    def jsonld_of(self, entity_id: str) -> bytes:
        """The entity's JSON-LD: its subjects' node objects of the JSON-LD dump, in a document of their own."""
        if self._jsonld is None:
            return entity_jsonld(self.lines(entity_id))
        jld, nodes, _end = self._jsonld
        positions = self.positions(entity_id)
        if not positions:
            return jsonld_text.empty_document().encode("utf-8")
        body = b",\n".join(jld[nodes[p]: nodes[p + 1] - 2] for p in positions)
        return (jsonld_text.document_head().encode("utf-8") + body
                + jsonld_text.DOCUMENT_TAIL.encode("utf-8"))

    def close(self) -> None:
        for held in (self._turtle, self._jsonld):
            if held is not None:
                held[0].close()
        self._turtle = self._jsonld = None
