"""First pass: read every YAML file into entities and statements, checking what each value alone can tell.

Cross-references (does `culiacan` exist, is it a Place?) need every file read first; `check/model_checks.py` does
them. Each kind of thing read has its own small reader: names (`names.py`), sections (`sections.py`), statements and
values (`statements.py`), citations (`citations.py`); this module reads files and entities and hands each part on.
"""

from __future__ import annotations

import os
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.model import Entity, Model, Statement
from ..core.problems import Pos, Problems, did_you_mean
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

__all__ = ["COMPILER_ONLY_CLASSES", "COMPILER_ONLY_DOMAINS", "Reader", "graph_files", "read_graph"]


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

    def __init__(self, vocab: Vocabulary, problems: Problems):
        self.ctx = ReadContext(vocab, problems)
        self.names = NameReader(self.ctx)
        self.citations = CitationReader(self.ctx)
        self.sections = SectionReader(self.ctx, self.names)
        self.statements = StatementReader(self.ctx, self.names, self.citations)

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
        previous = ctx.model.entities.get(entity_id)
        if previous is not None:
            ctx.problems.error(
                ctx.pos(items["id"][1]), "duplicate-id", f"duplicate id `{entity_id}`; first defined at {previous.pos}"
            )
        else:  # registered even with a bad type, so references to it do not cascade into more errors
            ctx.model.entities[entity_id] = entity

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


def read_graph(directory: Path, vocab: Vocabulary, problems: Problems) -> Model:
    """Every entity of every YAML file under `directory`, with what each value alone shows reported."""
    reader = Reader(vocab, problems)
    files = [p for p in graph_files(directory, problems) if not is_side_file(directory, p)]  # texts.yaml: not entities
    if not files and not problems.errors:
        problems.error(Pos(str(directory), 1, 1), "no-files", f"no .yaml files under {directory}")
    split = processes.split_point(files)
    child = None if split is None else processes.fork(lambda: read_alone(vocab, files[split:]))
    if child is None:
        split = len(files)
    try:
        for path in files[:split]:
            reader.read_file(path)
    except BaseException:
        if child is not None:
            child.cancel()
        raise
    if child is not None:
        part = child.result()
        # The child could not know the ids read here: if it defined one of them again, read its files here, so that
        # the duplicate is reported against the first definition as always.
        if part is None or any(entity_id in reader.model.entities for entity_id in part[0]):
            for path in files[split:]:
                reader.read_file(path)
        else:
            entities, found = part
            reader.model.entities.update(entities)
            problems.items.extend(found)
    return reader.model


def read_alone(vocab: Vocabulary, files: list[Path]) -> tuple[dict[str, Entity], list]:
    """The entities of `files` read on their own, with the problems found, in the order they were found."""
    reader = Reader(vocab, Problems())
    for path in files:
        reader.read_file(path)
    return reader.model.entities, reader.ctx.problems.items
