"""CSV for spreadsheets and Gephi's import: `nodes.csv` (one row per entity) and `edges.csv` (one per statement)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..cells import inert_row
from ..portable import EDGE_COLUMNS, NODE_COLUMNS
from . import ExportFormat, ExportInputs, Files

if TYPE_CHECKING:
    import networkx as nx


def _csv(columns: list[str], rows: list[dict], raw: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(inert_row(["" if row.get(c) is None else row[c] for c in columns], raw))
    # The byte-order mark is how Excel knows the file is UTF-8 (without it, "Culiacán" shows as "CuliacÃ¡n").
    return buffer.getvalue().encode("utf-8-sig")


def _columns(leading: tuple[str, ...], rows: list[dict]) -> list[str]:
    present = {k for row in rows for k in row}
    return [c for c in leading if c in present or c in ("id", "source", "target")] + sorted(present - set(leading))


def csv_files(graph: nx.MultiDiGraph, raw: bool = False) -> dict[str, bytes]:
    """`nodes.csv` (one row per entity) and `edges.csv` (one row per statement), each with a header row; a cell a
    spreadsheet would run as a formula is made inert unless `raw` (kg.outputs.cells)."""
    nodes = [{"id": n, **data} for n, data in graph.nodes(data=True)]
    edges = [{**data, "source": u, "target": v, "statement": key} for u, v, key, data in
             graph.edges(keys=True, data=True)]
    return {
        "nodes.csv": _csv(_columns(NODE_COLUMNS, nodes), nodes, raw),
        "edges.csv": _csv(_columns(EDGE_COLUMNS, edges), edges, raw),
    }



def _render(inputs: ExportInputs) -> Files:
    from ..portable import portable

    files = csv_files(portable(inputs.projection, inputs.vocab, typed=False), raw=inputs.raw)
    return {name: [data] for name, data in files.items()}


FORMAT = ExportFormat("csv", "CSV of the network: nodes.csv and edges.csv (spreadsheets, Gephi)",
                      ("nodes.csv", "edges.csv"), "csv", _render, network=True, spreadsheet=True)
