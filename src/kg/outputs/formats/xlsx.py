"""The graph as one Excel workbook (`kg export --format xlsx`): sheets of entities, relations and sources.

A spreadsheet opened by double-click must read right without an import dialog, which a CSV cannot promise
(LibreOffice reads a UTF-8 CSV as Windows-1252 even with a byte-order mark). In the workbook every number property is
a number cell (whole numbers as integers), a date with day precision is a date cell and a year or a month stays text
(a spreadsheet date cannot say "2019" without inventing a day), the header row is frozen and has filters. The bytes
are the same for the same YAML: fixed document dates and fixed times inside the zip.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...core.display import canonical_number
from ...core.model import Model
from ...load.vocabulary import Vocabulary
from ..portable import EDGE_COLUMNS, NODE_COLUMNS, portable
from . import EXPORT_NAME, ExportFormat, ExportInputs, Files

if TYPE_CHECKING:
    import networkx as nx

SOURCE_COLUMNS = ("id", "label", "type", "title", "published", "publisher", "author", "url", "statements citing")
# A fixed moment for the workbook's metadata and its zip entries, so that the file does not change with the clock.
FIXED_TIME = datetime.datetime(2020, 1, 1, 0, 0, 0)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_WIDTH = 60


def _cell(value, kind: str | None):
    """The value as the cell should hold it: a number, a date for a day-precision date, else text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if kind == "number":
        parts = str(value).split("; ")
        if len(parts) == 1:
            text = canonical_number(parts[0])
            try:
                return int(text)
            except ValueError:
                try:
                    return float(text)
                except ValueError:
                    return text
        return "; ".join(canonical_number(p) for p in parts)
    if kind == "temporal" and isinstance(value, str) and _DAY.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value if isinstance(value, int | float) else str(value)


def _sheet(workbook, title: str, columns: list[str], rows: Iterable[dict], kinds: dict[str, str]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    count = 0
    for row in rows:
        values = [_cell(row.get(c), kinds.get(c)) for c in columns]
        sheet.append(values)
        count += 1
        for i, value in enumerate(values):
            if isinstance(value, datetime.date):
                sheet.cell(row=count + 1, column=i + 1).number_format = "yyyy-mm-dd"
            elif isinstance(value, str) and value.startswith("="):
                # openpyxl makes a formula of any text that starts with `=`, which Excel runs on opening: a text
                # cell instead, shown as typed (quotePrefix keeps it text if the reader edits it)
                cell = sheet.cell(row=count + 1, column=i + 1)
                cell.data_type = "s"
                cell.quotePrefix = True
            widths[i] = max(widths[i], min(_MAX_WIDTH, len(str(value)) if value is not None else 0))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2


def _columns(leading: tuple[str, ...], rows: list[dict]) -> list[str]:
    present = {k for row in rows for k in row}
    return [c for c in leading if c in present] + sorted(present - set(leading))


def workbook_bytes(model: Model, vocab: Vocabulary, graph: nx.MultiDiGraph, with_sources: nx.MultiDiGraph) -> bytes:
    """The workbook: `graph` (the projection) gives the entities and relations sheets; `with_sources` (the projection
    with source documents) gives the sources sheet, each source with how many statements cite it."""
    from openpyxl import Workbook

    kinds = {name: prop.kind for name, prop in vocab.properties.items() if prop.kind in ("number", "temporal")}
    flat = portable(graph, vocab, typed=False)
    entities = [{"id": n, **data} for n, data in flat.nodes(data=True)]
    relations = [{**data, "source": u, "target": v, "statement": key} for u, v, key, data in
                 flat.edges(keys=True, data=True)]
    for relation in relations:
        relation["source label"] = flat.nodes[relation["source"]].get("label", "")
        relation["target label"] = flat.nodes[relation["target"]].get("label", "")

    citing: Counter = Counter()
    for entity in model.entities.values():
        for statement in entity.statements:
            for source in {c.source for c in statement.citations}:
                citing[source] += 1
    sources = []
    for node in sorted(with_sources.nodes):
        data = with_sources.nodes[node]
        if data.get("group") != "Source":
            continue
        row = {"id": node, **{k: v for k, v in data.items() if k not in ("description_es", "label_es", "group")}}
        for _, target, attrs in sorted(with_sources.out_edges(node, data=True), key=lambda e: (e[2]["predicate"], e[1])):
            label = with_sources.nodes[target].get("label", target)
            row[attrs["predicate"]] = f"{row[attrs['predicate']]}; {label}" if attrs["predicate"] in row else label
        row["statements citing"] = citing.get(node, 0)
        sources.append(row)
    kinds_with_count = {**kinds, "statements citing": "number"}

    book = Workbook()
    book.remove(book.active)
    _sheet(book, "entities", _columns(NODE_COLUMNS, entities), entities, kinds)
    relation_leading = ("source", "source label", "label", "target", "target label", *EDGE_COLUMNS[3:])
    _sheet(book, "relations", _columns(relation_leading, relations), relations, kinds)
    _sheet(book, "sources", _columns(SOURCE_COLUMNS, sources), sources, kinds_with_count)
    book.properties.creator = "mxsec-kg"
    book.properties.title = "Mexico security knowledge graph"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry, and the document's modification date, at FIXED_TIME (openpyxl stamps both
    with the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets `modified` to the time of saving
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def _render(inputs: ExportInputs) -> Files:
    return {EXPORT_NAME + ".xlsx": [workbook_bytes(inputs.model, inputs.vocab, inputs.projection,
                                                   inputs.projection_with_sources)]}


FORMAT = ExportFormat("xlsx", "one Excel workbook: entities, relations and sources, opens right by double-click",
                      (EXPORT_NAME + ".xlsx",), "xlsx", _render, binary=True, network=True)
