"""N-Triples, sorted: the compiled graph's own canonical text, one triple a line."""

from __future__ import annotations

from . import EXPORT_NAME, ExportFormat, ExportInputs, Files

CHUNK_LINES = 1 << 13  # lines encoded at a time (about 1 MB)


def _render(inputs: ExportInputs) -> Files:
    return {EXPORT_NAME + ".nt": inputs.compiled.ntriples_chunks(CHUNK_LINES)}


FORMAT = ExportFormat("nt", "N-Triples (RDF, one sorted triple a line)", (EXPORT_NAME + ".nt",), "nt", _render,
                      build_rank=2)
