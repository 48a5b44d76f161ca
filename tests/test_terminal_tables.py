"""Tables that fit the terminal (issue 26): no line wider than $COLUMNS, whole values with --wide or in csv/json,
numbers grouped for reading in tables and raw in data, and errors that name the real problem."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, run_kg
from kg.outputs.rows import render_table


def widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


@pytest.mark.parametrize("query", ["source-errors", "disagreements", "homicide-series", "incidents"])
@pytest.mark.parametrize("columns", [100, 60])
def test_a_table_fits_the_terminal(query, columns):
    done = run_kg("query", query, env={"COLUMNS": str(columns)})
    assert done.returncode == 0, done.stderr
    assert widest(done.stdout) <= columns
    wide = run_kg("query", query, "--wide", env={"COLUMNS": str(columns)})
    assert widest(wide.stdout) >= widest(done.stdout)
    # nothing is cut to fit: long cells wrap onto more lines, they do not end in "…"
    assert done.stdout.count("…") == wide.stdout.count("…")


def test_whole_values_stay_whole_in_data_formats():
    done = run_kg("query", "source-errors", "--format", "json", env={"COLUMNS": "40"})
    rows = json.loads(done.stdout)["results"]["bindings"]
    assert any(len(row["note"]["value"]) > 100 for row in rows), "a long note is not cut in json"


def test_numbers_are_grouped_in_tables_and_raw_in_data():
    query = "SELECT ?n WHERE { BIND(65333000000 AS ?n) }"
    assert run_kg("query", "-e", query).stdout.splitlines()[2].strip() == "65,333,000,000"
    assert run_kg("query", "-e", query, "--format", "csv").stdout.splitlines()[1] == "65333000000"
    assert run_kg("query", "-e", "SELECT ?y WHERE { BIND(\"2019\"^^xsd:gYear AS ?y) }").stdout.splitlines()[2] == "2019"


def test_cramped_rows_become_one_block_each():
    text = render_table(["a", "b", "c", "d", "e", "f"], [["x" * 40] * 6], width=50)
    assert widest(text) <= 50 and text.startswith("-[ 1 ]") and text.count("x") == 240


def test_outside_the_project_the_error_says_where_it_looked(tmp_path):
    for args in (["show", "culiacan"], ["query", "incidents", "--library", str(REPO / "queries")], ["validate"],
                 ["build"]):
        done = run_kg(*args, cwd=tmp_path)
        assert done.returncode == 1, args
        assert "no graph folder here" in done.stderr and str(tmp_path / "graph") in done.stderr, done.stderr
        assert "--graph" in done.stderr and "fix them first" not in done.stderr
