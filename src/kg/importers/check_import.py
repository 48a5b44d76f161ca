"""Checking what an import would write before it writes it: the graph as it would be after the import (every other
file as it is, the import's file with its new text) read by the project's own loader and checked by its own checks
(`kg.check.model_checks`, and with `shapes` the compiler and SHACL), in memory. An import whose result would not
validate writes nothing.

Entities whose text is byte for byte what the earlier import wrote were read and checked with the graph already;
only the new and changed ones are read again (their blocks, at their own lines of the new text), so a re-import that
changes little costs little."""

from __future__ import annotations

from yaml.nodes import SequenceNode

from ..core.memory import paused_gc
from ..core.model import Entity, Model
from ..core.namespaces import RDF_TYPE
from ..core.problems import Problems
from ..load.reader import Reader
from ..load.vocabulary import Vocabulary
from ..load.yamlfile import compose_text, display_path
from .merge import ImportResult
from .reconcile import defined_in
from .yamlwriter import BLOCK_START


def _blank_unchanged(text: str, unchanged: frozenset[str]) -> str:
    """The text with the blocks of `unchanged` entities replaced by as many empty lines (line numbers kept)."""
    if not unchanged:
        return text
    starts = list(BLOCK_START.finditer(text))
    parts = [text[: starts[0].start()] if starts else text]
    for n, match in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        block = text[match.start():end]
        entity_id = match.group(1).strip().strip('"')
        parts.append("\n" * block.count("\n") if entity_id in unchanged else block)
    return "".join(parts)


def check_import(result: ImportResult, model: Model, vocab: Vocabulary, *, shapes: bool = False) -> Problems:
    """The problems of the graph `model` (checked, read with the import's target file as it is now) once the target
    holds `result.text`; reported at the target's lines as if it had been written.

    With `shapes`, the SHACL shapes run on the entities read anew (their triples, statement and citation nodes) with
    the types of every entity they refer to, and the results on those entities are kept: the same results a full
    validation gives them, without compiling and validating the whole graph again (at 10,000 imported rows, 17 s of
    the 30 s a full pass took)."""
    problems = Problems()
    ours = defined_in(model, result.target)
    reusable = frozenset(i for i in result.unchanged_ids if i in ours)
    # Other graph files the import changes (events an accepted match adds to) are read again whole.
    others = {path: text for path, text in result.others.items() if path.name != "event-matches.yaml"}
    rewritten = frozenset().union(*(defined_in(model, path) for path in others)) if others else frozenset()
    reader = Reader(vocab, problems)
    reader.model.entities.update((i, e) for i, e in model.entities.items()
                                 if (i not in ours or i in reusable) and i not in rewritten)
    before = set(reader.model.entities)
    name = display_path(result.target)
    with paused_gc():
        for file_name, text in [(name, _blank_unchanged(result.text, reusable)),
                                *((display_path(p), t) for p, t in others.items())]:
            reader.ctx.file = file_name
            root = compose_text(file_name, text, problems)
            if root is not None:
                for node in root.value if isinstance(root, SequenceNode) else (root,):
                    reader.read_entity(node)
            del root
        if problems.errors:
            return problems
        from ..check.model_checks import check_model

        check_model(reader.model, vocab, problems)
    if shapes and not problems.errors:
        read_anew = [e for i, e in reader.model.entities.items() if i not in before]
        files = {name, *(display_path(p) for p in others)}
        _check_shapes(read_anew, reader.model, vocab, files, problems)
    return problems


def _check_shapes(entities: list[Entity], model: Model, vocab: Vocabulary, files: set[str], problems: Problems) -> None:
    """SHACL on `entities` (compiled with their statement and citation nodes) and the types of what they refer to;
    only results located in `files` are kept (the others concern entities given here by their type only)."""
    from ..check.shacl import validate_shapes
    from ..compile.compiler import Compiler, ontology_ntriples, sorted_unique

    compiler = Compiler(model, vocab)
    referred: set[str] = set()
    for entity in entities:
        compiler.entity(entity)
        referred.update(c.source for c in entity.citations)
        for st in entity.statements:
            for value in (st.value, *st.qualifiers.values()):
                if value.kind == "entity":
                    referred.add(value.text)
            referred.update(c.source for c in st.citations)
    for entity_id in referred:
        other = model.entities.get(entity_id)
        if other is not None:
            compiler.emit(compiler.mx_term(entity_id), f"<{RDF_TYPE}>", compiler.kg_term(other.type))
    lines = sorted_unique(compiler.out + ontology_ntriples(vocab))
    found = Problems()
    validate_shapes(compiler.positions, "".join(line + "\n" for line in lines), found)
    problems.items.extend(p for p in found.items if p.pos.file in files)
