"""Checking what an import would write before it writes it: the graph as it would be after the import (every other
file as it is, the import's file with its new text) read by the project's own loader and checked by its own checks
(`kg.check.model_checks`, and with `shapes` the compiler and SHACL), in memory. An import whose result would not
validate writes nothing.

Entities whose text is byte for byte what the earlier import wrote were read and checked with the graph already;
only the new and changed ones are read again (their blocks, at their own lines of the new text), so a re-import that
changes little costs little."""

from __future__ import annotations

from yaml.nodes import SequenceNode

from ..core.model import Model
from ..core.problems import Problems
from ..load.reader import Reader
from ..load.vocabulary import Vocabulary
from ..load.yamlfile import compose_text, display_path
from .merge import ImportResult
from .reconcile import defined_in
from .yamlwriter import _BLOCK_START


def _blank_unchanged(text: str, unchanged: frozenset[str]) -> str:
    """The text with the blocks of `unchanged` entities replaced by as many empty lines (line numbers kept)."""
    if not unchanged:
        return text
    starts = list(_BLOCK_START.finditer(text))
    parts = [text[: starts[0].start()] if starts else text]
    for n, match in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        block = text[match.start():end]
        entity_id = match.group(1).strip().strip('"')
        parts.append("\n" * block.count("\n") if entity_id in unchanged else block)
    return "".join(parts)


def check_import(result: ImportResult, model: Model, vocab: Vocabulary, *, shapes: bool = False) -> Problems:
    """The problems of the graph `model` (checked, read with the import's target file as it is now) once the target
    holds `result.text`; reported at the target's lines as if it had been written."""
    problems = Problems()
    ours = defined_in(model, result.target)
    reusable = frozenset(i for i in result.unchanged_ids if i in ours)
    reader = Reader(vocab, problems)
    reader.model.entities.update((i, e) for i, e in model.entities.items() if i not in ours or i in reusable)
    name = display_path(result.target)
    reader.ctx.file = name
    root = compose_text(name, _blank_unchanged(result.text, reusable), problems)
    if root is not None:
        for node in root.value if isinstance(root, SequenceNode) else (root,):
            reader.read_entity(node)
    if problems.errors:
        return problems
    from ..check.model_checks import check_model

    check_model(reader.model, vocab, problems)
    if shapes and not problems.errors:
        from ..check.shacl import validate_shapes
        from ..compile.compiler import compile_model, ontology_ntriples

        compiled = compile_model(reader.model, vocab, ontology_ntriples(vocab))
        validate_shapes(compiled.positions, compiled.ntriples(), problems)
    return problems
