"""First pass: read every YAML file into entities and statements, checking what each value alone can tell.

Cross-references (does `culiacan` exist, is it a Place?) need every file read first; `check/model_checks.py` does
them. Each kind of thing read has its own small reader: names (`names.py`), sections (`sections.py`), statements and
values (`statements.py`), citations (`citations.py`); this module reads files and entities and hands each part on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.model import Entity, Model, Statement
from ..core.problems import Pos, Problem, Problems, did_you_mean
from . import processes, values
from .citation_refs import CitationReader
from .context import COMPILER_ONLY_CLASSES, COMPILER_ONLY_DOMAINS, ENTITY_KEYS, ReadContext
from .name_fields import NameReader
from .sections import SectionReader
from .side_files import is_side_file
from .statements import StatementReader
from .values import BadValue
from .vocabulary import Vocabulary
from .yamlfile import compose_file, display_path

__all__ = ["COMPILER_ONLY_CLASSES", "COMPILER_ONLY_DOMAINS", "FileRead", "Reader", "entity_files", "graph_files",
           "merge_reads", "read_file_alone", "read_files", "read_graph"]


YAML_SUFFIXES = (".yaml", ".yml")
_ENTITY_KEYS = frozenset(ENTITY_KEYS)


def graph_files(directory: Path, problems: Problems | None = None) -> list[Path]:
    """Every YAML file under `directory` (`.yaml`/`.yml` in any case), sorted; with `problems`, a folder that cannot
    be listed or a symbolic link that leads nowhere is reported, so that no curator's file is skipped quietly."""
    found: list[Path] = []
    seen_dirs: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        if problems is not None and exc.filename is not None and Path(exc.filename) != directory:
            where = Pos(display_path(Path(exc.filename)), 1, 1)
            problems.error(where, "io", f"cannot read folder: {exc.strerror or exc}; its files were not read")

    if problems is not None and directory.exists() and not os.access(directory, os.R_OK | os.X_OK):
        unreadable(PermissionError(13, "Permission denied", str(directory) + "/"))
    for root, dirs, files in os.walk(directory, onerror=unreadable, followlinks=True):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen_dirs:  # a symbolic link back up the tree
            dirs[:] = []
            continue
        seen_dirs.add((stat.st_dev, stat.st_ino))
        dirs.sort()
        for name in files:
            path = Path(root) / name
            if path.suffix.lower() not in YAML_SUFFIXES:
                continue
            if path.is_file():
                found.append(path)
            elif problems is not None and path.is_symlink() and not path.exists():
                problems.error(
                    Pos(display_path(path), 1, 1),
                    "io",
                    f"cannot read file: it is a symbolic link to `{os.readlink(path)}`, which does not exist",
                )
            elif problems is not None:
                problems.error(Pos(display_path(path), 1, 1), "io", "cannot read file: it is not a regular file")
    return sorted(found)


class Reader:
    """Reads files into one Model, reporting every problem into `problems`."""

    def __init__(self, vocab: Vocabulary, problems: Problems, *, report_duplicates: bool = True):
        self.ctx = ReadContext(vocab, problems)
        # An id defined again is reported here, against the model read so far (which a caller may fill first);
        # files read each on their own leave it to merge_reads, which sees them all.
        self.report_duplicates = report_duplicates
        self.names = NameReader(self.ctx)
        self.citations = CitationReader(self.ctx)
        self.sections = SectionReader(self.ctx, self.names)
        self.statements = StatementReader(self.ctx, self.names, self.citations)
        self.ids: list[tuple[str, Pos, Pos]] = []  # every entity read: its id, where the id is, where it starts

    @property
    def model(self) -> Model:
        return self.ctx.model

    def read_file(self, path: Path) -> None:
        ctx = self.ctx
        ctx.file, root = compose_file(path, ctx.problems)
        if root is None:
            return
        if isinstance(root, MappingNode):
            self.read_entity(root)
        elif isinstance(root, SequenceNode):
            for node in root.value:
                self.read_entity(node)
        elif isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null":
            return  # an empty file
        else:
            ctx.problems.error(
                ctx.pos(root), "bad-structure", "expected a list of entities (mappings with `id` and `type`)"
            )

    def read_entity(self, node: Node) -> None:
        ctx = self.ctx
        if not isinstance(node, MappingNode):
            ctx.problems.error(
                ctx.pos(node),
                "bad-structure",
                f"expected an entity (a mapping with `id` and `type`), got {values.describe(node)}",
            )
            return
        items = ctx.items(node)
        if "id" not in items:
            ctx.problems.error(ctx.pos(node), "missing-id", "entity has no `id`")
            return
        try:
            entity_id = values.slug(items["id"][1])
        except BadValue as exc:
            ctx.fail(items["id"][1], exc, "id: ")
            return
        type_name = self.read_type(node, items)
        entity = Entity(entity_id, type_name or "", ctx.pos(node))
        # Registered even with a bad type, so references to it do not cascade into more errors; an id defined again is
        # not registered, but the entity is still read, for its own problems.
        self.ids.append((entity_id, ctx.pos(items["id"][1]), entity.pos))
        previous = ctx.model.entities.get(entity_id)
        if previous is None:
            ctx.model.entities[entity_id] = entity
        elif self.report_duplicates:
            ctx.problems.error(
                ctx.pos(items["id"][1]), "duplicate-id", f"duplicate id `{entity_id}`; first defined at {previous.pos}"
            )

        if "cite" in items:
            entity.citations = self.citations.read_citations(items["cite"][1])
        self.names.read_names(entity, items)
        statements, citations, read_value = entity.statements, entity.citations, self.statements.read_value
        for key, (key_node, value_node) in items.items():
            if key in _ENTITY_KEYS:
                continue
            prop = self.statements.property(key, key_node)
            if prop is None:
                continue
            for vn in value_node.value if isinstance(value_node, SequenceNode) else (value_node,):
                value = read_value(prop, vn)
                if value is not None:
                    statements.append(Statement(entity_id, key, value, citations, ctx.pos(vn)))
        if "statements" in items:
            self.statements.read_statements(entity, items["statements"][1])
        if "sections" in items:
            self.sections.read_sections(entity, items["sections"][1])
        if "cite" not in items:
            ctx.problems.error(
                ctx.pos(node),
                "missing-citation",
                f"entity `{entity_id}` has no `cite`: say which source states it, its labels and top-level attributes",
            )

    def read_type(self, node: MappingNode, items) -> str | None:
        ctx = self.ctx
        if "type" not in items:
            ctx.problems.error(
                ctx.pos(node), "missing-type", f"entity has no `type`; expected one of: {', '.join(ctx.entity_types)}"
            )
            return None
        type_node = items["type"][1]
        try:
            name = values.text(type_node, "a type")
        except BadValue as exc:
            ctx.fail(type_node, exc, "type: ")
            return None
        if name not in ctx.entity_type_set:
            ctx.problems.error(
                ctx.pos(type_node),
                "unknown-type",
                f"unknown type `{name}`{did_you_mean(name, ctx.entity_types)}; see `kg vocab` for the types",
            )
            return None
        return name


@dataclass
class FileRead:
    """One file read on its own: its entities (the first definition of each id in it), the problems reading it found
    and, in order, every entity id it defines with where the id and the entity are. `merge_reads` puts files together
    and reports an id defined twice; a file's read depends on nothing but the file, so the build cache keeps it."""

    entities: dict[str, Entity]
    problems: list[Problem]
    ids: list[tuple[str, Pos, Pos]] = field(default_factory=list)


def read_file_alone(vocab: Vocabulary, path: Path) -> FileRead:
    """What one file holds, read without the others."""
    reader = Reader(vocab, Problems(), report_duplicates=False)
    reader.read_file(path)
    return FileRead(reader.model.entities, reader.ctx.problems.items, reader.ids)


def read_files(vocab: Vocabulary, files: list[Path]) -> list[FileRead]:
    """Each file read on its own, in order; above a few MB of YAML the later files in a second process."""
    split = processes.split_point(files)
    child = None if split is None else processes.fork(lambda: read_alone(vocab, files[split:]))
    if child is None:
        split = len(files)
    try:
        reads = [read_file_alone(vocab, path) for path in files[:split]]
    except BaseException:
        if child is not None:
            child.cancel()
        raise
    if child is not None:
        part = child.result()
        reads += part if part is not None else [read_file_alone(vocab, path) for path in files[split:]]
    return reads


def merge_reads(reads: Iterable[FileRead], problems: Problems) -> Model:
    """The model of files read on their own, in order: each id's first definition wins, every later one is an error
    at its id (as reading them one after another in one reader would report it)."""
    model = Model()
    entities = model.entities
    first: dict[str, Pos] = {}
    for read in reads:
        problems.items.extend(read.problems)
        for entity_id, id_pos, entity_pos in read.ids:
            previous = first.get(entity_id)
            if previous is not None:
                problems.error(id_pos, "duplicate-id", f"duplicate id `{entity_id}`; first defined at {previous}")
            else:
                first[entity_id] = entity_pos
                entities[entity_id] = read.entities[entity_id]
    return model


def entity_files(directory: Path, problems: Problems) -> list[Path]:
    """The YAML files that hold entities (not the side files), every problem of listing them reported."""
    files = [p for p in graph_files(directory, problems) if not is_side_file(directory, p)]  # texts.yaml: not entities
    if not files and not problems.errors:
        problems.error(Pos(str(directory), 1, 1), "no-files", f"no .yaml files under {directory}")
    return files


def read_graph(directory: Path, vocab: Vocabulary, problems: Problems) -> Model:
    """Every entity of every YAML file under `directory`, with what each value alone shows reported."""
    return merge_reads(read_files(vocab, entity_files(directory, problems)), problems)


def read_alone(vocab: Vocabulary, files: list[Path]) -> list[FileRead]:
    """The files read each on its own (in a second process: see read_files)."""
    return [read_file_alone(vocab, path) for path in files]
