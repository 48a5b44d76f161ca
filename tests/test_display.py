"""Human-facing text shows control characters escaped; machine formats keep them exact."""

from __future__ import annotations

import json

from kg.core.display import escape_controls
from kg.core.problems import Pos, Problem
from kg.outputs.rows import render_rows

NAME = "Ovidio\x1b[2J\x1b]0;owned\x07\u202eevil\x00"


def test_escape_controls_makes_every_control_visible():
    shown = escape_controls(NAME)
    assert shown == "Ovidio\\x1b[2J\\x1b]0;owned\\x07\\u202eevil\\x00"
    assert escape_controls("two\nlines\tok", keep_newlines=True) == "two\nlines\tok"
    assert escape_controls("two\nlines") == "two\\nlines"
    assert escape_controls("Culiacán, Cártel ⚑") == "Culiacán, Cártel ⚑"


def test_problem_lines_never_carry_raw_controls():
    line = str(Problem("error", Pos("graph/a\x1b.yaml", 3, 7), f"unknown property `{NAME}`", "unknown-property"))
    assert line == ("graph/a\\x1b.yaml:3:7: error: unknown property `Ovidio\\x1b[2J\\x1b]0;owned\\x07\\u202eevil\\x00`"
                    " [unknown-property]")


def test_table_escapes_but_csv_and_json_keep_the_data():
    rows = [[NAME, "1"]]
    assert "\x1b" not in render_rows(["name", "n"], rows, "table")
    assert NAME in render_rows(["name", "n"], rows, "csv")
    assert json.loads(render_rows(["name", "n"], rows, "json"))[0]["name"] == NAME
