"""JSON-LD with the project's prefixes as its context: one node object per subject, in the same order as the Turtle.

The fast writer (`jsonld_fast.py`) says only at the end whether its text holds for this graph, so its text waits in a
temporary file; if it does not hold, the plain definition (`jsonld_text.py`) is written instead.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...core.namespaces import PREFIXES
from .. import jsonld_text as jl
from ..jsonld_fast import render
from ..jsonld_terms import Terms
from . import EXPORT_NAME, ExportFormat, ExportInputs, Files

if TYPE_CHECKING:
    from ...compile.compiler import CompiledGraph


def jsonld_chunks(compiled: CompiledGraph) -> Iterator[bytes]:
    """JSON-LD with a prefix context, streamed node by node: the same text as `json.dumps(document, indent=1)`
    of `{"@context": PREFIXES, "@graph": [node, ...]}`, written without building the document.

    The fast writer (`jsonld_fast.py`) says only at the end whether its text holds for this graph, so its text waits in a
    temporary file; if it does not hold, `jsonld_text`'s plain definition is written instead."""
    terms = Terms(PREFIXES)
    with tempfile.TemporaryFile() as spool:
        written = False
        for nodes in render(compiled.lines, terms):
            if not written:
                spool.write(jl.document_head().encode("utf-8"))
                written = True
            spool.write(nodes.encode("utf-8"))
        if not terms.jsonld_exact:
            yield from jl.jsonld_chunks(compiled.lines)
            return
        if not written:
            yield jl.empty_document().encode("utf-8")
            return
        spool.write(jl.DOCUMENT_TAIL.encode("utf-8"))
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            yield chunk


def jsonld(compiled: CompiledGraph) -> bytes:
    """JSON-LD with a prefix context: one node object per subject, in the same order as the Turtle."""
    return b"".join(jsonld_chunks(compiled))


def _render(inputs: ExportInputs) -> Files:
    return {EXPORT_NAME + ".jsonld": jsonld_chunks(inputs.compiled)}


FORMAT = ExportFormat("jsonld", "JSON-LD (RDF for the web)", (EXPORT_NAME + ".jsonld",), "jsonld", _render,
                      build_rank=3)
