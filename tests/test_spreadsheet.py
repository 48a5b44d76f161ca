"""`kg export --format xlsx`: one workbook a spreadsheet opens right by double-click, the same bytes every time."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from conftest import FIXTURES, run_kg
from kg.outputs.formats.xlsx import workbook_bytes
from kg.outputs.projection import project
from kg.pipeline import check_graph

ANALYSIS = FIXTURES / "analysis"


@pytest.fixture(scope="module")
def real_book(real_build):
    model, vocab = real_build.model, real_build.vocab
    data = workbook_bytes(model, vocab, project(model, vocab), project(model, vocab, include_sources=True))
    return data, openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, values, strict=True)) for values in sheet.iter_rows(min_row=2, values_only=True)]


def test_three_sheets_with_frozen_filtered_headers(real_book, real_build):
    _, book = real_book
    assert book.sheetnames == ["entities", "relations", "sources"]
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    sources = {e.id for e in real_build.model.entities.values() if real_build.vocab.is_a(e.type, "Source")}
    assert {r["id"] for r in rows(book["sources"])} == sources
    assert len(rows(book["entities"])) + len(sources) == len(real_build.model.entities)


def test_numbers_are_numbers_and_whole_numbers_integers(real_book):
    _, book = real_book
    entities = {r["id"]: r for r in rows(book["entities"])}
    assert entities["homicides-2017-sesnsp"]["value"] == 28870
    assert isinstance(entities["homicides-2017-sesnsp"]["value"], int)
    assert isinstance(entities["culiacan"]["latitude"], float)
    cited = {r["id"]: r["statements citing"] for r in rows(book["sources"])}
    assert all(isinstance(n, int) for n in cited.values()) and cited["shirk-2019"] > 100


def test_day_dates_are_dates_and_years_or_months_stay_text(real_book):
    _, book = real_book
    entities = {r["id"]: r for r in rows(book["entities"])}
    assert entities["ovidio-capture-2019"]["date"] == datetime.datetime(2019, 10, 17)
    sheet = book["entities"]
    header = [c.value for c in sheet[1]]
    row = next(i for i, r in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)
               if r[0] == "ovidio-capture-2019")
    assert sheet.cell(row, header.index("date") + 1).number_format == "yyyy-mm-dd"
    assert entities["homicides-2017-sesnsp"]["period"] == "2017"  # a year is not a day: text


def test_accents_survive(real_book):
    _, book = real_book
    assert {r["id"]: r["label_es"] for r in rows(book["entities"])}["culiacan"] == "Culiacán"


def test_kg_export_xlsx_is_byte_identical_across_runs(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (first, second):
        done = run_kg("export", "--format", "xlsx", "-o", str(target), "--graph", str(ANALYSIS), "--no-shapes",
                      env={"PYTHONHASHSEED": target.stem == "a" and "1" or "2"})
        assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    book = openpyxl.load_workbook(first)
    fixture = check_graph(ANALYSIS, shapes=False)
    assert len(rows(book["relations"])) == project(fixture.model, fixture.vocab).number_of_edges()
