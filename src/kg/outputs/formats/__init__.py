"""The export formats, one module each, looked up by name: `kg build`, `kg export` and the site read them from here.

A format module defines `FORMAT`, an ExportFormat: its name and description, its files' default names, the kind of
file kg recognises as its own output (kg.outputs.output_files), and `render(inputs)`, which gives each file's bytes
as chunks, made from what the format needs of ExportInputs (the compiled RDF, the network projection, the model).
Adding a format is adding one module to this package; nothing else lists them.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from ...core.errors import UserError

if TYPE_CHECKING:
    import networkx as nx

    from ...compile.compiler import CompiledGraph
    from ...core.model import Model
    from ...load.vocabulary import Vocabulary

EXPORT_NAME = "mxsec"  # every export's file name: mxsec.ttl, mxsec.gexf, ...


class ExportInputs:
    """What formats are made from, each made on first use: the compiled graph, the model and vocabulary, and the
    network projection (with the source documents as nodes when `include_sources`)."""

    def __init__(self, model: Model | None, vocab: Vocabulary | None, compiled: CompiledGraph | None,
                 *, include_sources: bool = False, projection: nx.MultiDiGraph | None = None, raw: bool = False):
        self.model = model
        self.vocab = vocab
        self.compiled = compiled
        self.include_sources = include_sources
        self.raw = raw  # spreadsheet formats: exact values, no guard against formulas (kg.outputs.cells)
        if projection is not None:  # made already (by the caller)
            self.__dict__["projection"] = projection

    @cached_property
    def projection(self) -> nx.MultiDiGraph:
        from ..projection import project

        return project(self.model, self.vocab, include_sources=self.include_sources)

    @cached_property
    def projection_with_sources(self) -> nx.MultiDiGraph:
        if self.include_sources:
            return self.projection
        from ..projection import project

        return project(self.model, self.vocab, include_sources=True)

    @property
    def drawn(self) -> nx.MultiDiGraph | None:
        """The projection if a format used it (for the nodes and edges a command reports), else None."""
        return self.__dict__.get("projection")


Files = dict[str, Iterable[bytes]]


@dataclass(frozen=True)
class ExportFormat:
    """One export format; `render(inputs)` gives {file name: chunks} for the names in `files`, in that order."""

    name: str
    description: str
    files: tuple[str, ...]
    kind: str  # how kg.outputs.output_files recognises a file it wrote of this format
    render: Callable[[ExportInputs], Files]
    build_rank: int | None = None  # written by `kg build`, in this order; None: by `kg export` only
    binary: bool = False  # not for a terminal
    network: bool = False  # made from the projection: --include-sources applies
    spreadsheet: bool = False  # text cells a spreadsheet opens: formula-like cells made inert unless --raw

    @property
    def folder(self) -> bool:
        """Whether the format writes several files, into a folder."""
        return len(self.files) > 1


@cache
def registry() -> dict[str, ExportFormat]:
    """Every format of this package, by name (each module imported once, in name order)."""
    found: dict[str, ExportFormat] = {}
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        declared: Any = getattr(importlib.import_module(f"{__name__}.{module}"), "FORMAT", None)
        if isinstance(declared, ExportFormat):
            found[declared.name] = declared
    return dict(sorted(found.items()))


def export_format(name: str) -> ExportFormat:
    formats = registry()
    if name not in formats:
        raise UserError(f"no export format `{name}` (choose from {', '.join(formats)})")
    return formats[name]


def build_formats() -> list[ExportFormat]:
    """The formats `kg build` writes, in their order."""
    return sorted((f for f in registry().values() if f.build_rank is not None), key=lambda f: f.build_rank)


def render_files(name: str, inputs: ExportInputs) -> dict[str, bytes]:
    """The files of the format `name`, each whole: {file name: bytes}."""
    return {file: b"".join(chunks) for file, chunks in export_format(name).render(inputs).items()}
