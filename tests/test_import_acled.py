"""`kg import acled` and `kg export --format acled`: an ACLED export becomes cited incidents that validate, a re-import
changes nothing, a newer export updates what changed, bad input writes nothing, and the graph's incidents go back
out in ACLED's layout."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from conftest import FIXTURES, GRAPH_DIR, run_kg
from kg.pipeline import check_graph

ACLED = FIXTURES / "acled"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The mini graph with the sample export imported by the real command line."""
    graph = tmp_path_factory.mktemp("acled") / "graph"
    shutil.copytree(FIXTURES / "mini", graph)
    result = run_kg("import", "acled", str(ACLED / "acled-sample.csv"), "--graph", str(graph))
    assert result.returncode == 0, result.stderr
    return graph, result


@pytest.fixture(scope="module")
def build(imported):
    graph, _ = imported
    result = check_graph(graph)
    assert result.ok, "\n".join(str(p) for p in result.problems.errors)
    return result


def test_import_reports_what_it_wrote_and_validates(imported, build):
    graph, result = imported
    target = graph / "imports" / "acled-data.yaml"
    lines = result.stderr.splitlines()
    assert lines[0] == (f"wrote {target}: 5 incident(s) added, 0 updated, 0 unchanged, 1 actors matched, "
                        "1 match(es) proposed, 0 merged into the graph's events")
    assert lines[1] == f"wrote {graph / 'event-matches.yaml'}"  # the row MEX90001 may report the mini graph's battle
    assert lines[3].startswith("  acled-mex90001 → battle (0.94): date 1.00: the same day (2019-10-17)")
    assert not result.stdout  # not a terminal: no progress bar
    incidents = [e for e in build.model.entities.values() if e.type == "Incident" and e.id.startswith("acled-")]
    assert sorted(e.id for e in incidents) == [f"acled-mex9000{n}" for n in range(1, 6)]
    assert not [p for p in build.problems.warnings if "imports" in p.pos.file]


def _statements(entity, predicate):
    return [st for st in entity.statements if st.predicate == predicate]


def test_actor_under_another_spelling_is_the_existing_entity(build):
    clash = build.model.entities["acled-mex90001"]
    participants = {st.value.text: st for st in _statements(clash, "participant")}
    assert "sinaloa-cartel" in participants  # "Cartel de Sinaloa" in the file, "Cártel de Sinaloa" in the graph
    arrest = build.model.entities["acled-mex90005"]
    detainee = next(st for st in _statements(arrest, "participant") if st.value.text == "sinaloa-cartel")
    assert detainee.qualifiers["role"].text.endswith("/detainee")
    assert "Cartel Sinaloa" in detainee.note  # matched by score: the note keeps ACLED's spelling
    created = build.model.entities["military-forces-of-mexico-2018-2024"]
    assert created.type == "SecurityForce"
    assert [st.value.text for st in _statements(created, "nameInSource")] == ["Military Forces of Mexico (2018-2024)"]


def test_places_are_reused_or_created_in_a_located_in_chain(build):
    entities = build.model.entities
    assert _statements(entities["acled-mex90001"], "place")[0].value.text == "culiacan"
    eldorado = entities["eldorado"]
    assert eldorado.type == "Locality"
    assert [st.value.text for st in _statements(eldorado, "locatedIn")] == ["culiacan"]
    assert _statements(eldorado, "latitude")[0].value.text == "24.32"
    iguala = entities["iguala-de-la-independencia"]
    assert [st.value.text for st in _statements(iguala, "locatedIn")] == ["guerrero"]
    assert [st.value.text for st in _statements(entities["guerrero"], "locatedIn")] == ["mexico"]
    place = _statements(entities["acled-mex90003"], "place")[0]
    assert "geo_precision 2" in place.note


def test_types_dates_and_tolls_follow_the_codebook(build):
    entities = build.model.entities
    clash = entities["acled-mex90001"]
    assert _statements(clash, "eventType")[0].value.text.endswith("/armed-clash")
    assert _statements(clash, "date")[0].value.text == "2019-10-17"
    assert [st.value.text for st in _statements(clash, "killed")] == ["8"]
    week = _statements(entities["acled-mex90002"], "date")[0]
    assert (week.value.text, week.qualifiers["earliest"].text, week.qualifiers["latest"].text) == (
        "2019-10-20", "2019-10-17", "2019-10-23")
    looting = entities["acled-mex90003"]
    assert _statements(looting, "date")[0].value.text == "2019-11"  # time_precision 3: the month
    assert _statements(looting, "eventType")[0].value.text.endswith("/strategic-developments")
    assert "Looting/property destruction" in looting.note
    assert _statements(entities["acled-mex90004"], "date")[0].value.text == "2019-11-04"  # "4 November 2019"


def test_every_imported_statement_cites_its_row_and_the_rows_sources(build):
    for entity in build.model.entities.values():
        if not entity.id.startswith("acled-mex"):
            continue
        section = entity.id.removeprefix("acled-")
        for st in entity.statements:
            cited = {(c.source, c.section) for c in st.citations}
            assert ("acled-data", section) in cited, (entity.id, st.predicate)
    outlets = {c.source for c in build.model.entities["acled-mex90001"].citations}
    assert outlets == {"acled-data", "invented-daily-reports", "example-times-reports"}


def test_reimport_changes_nothing_and_a_newer_export_updates(imported, tmp_path):
    graph, _ = imported
    work = tmp_path / "graph"
    shutil.copytree(graph, work)
    target = work / "imports" / "acled-data.yaml"
    before = target.read_bytes()
    again = run_kg("import", "acled", str(ACLED / "acled-sample.csv"), "--graph", str(work))
    assert again.returncode == 0 and "is up to date: 0 incident(s) added, 0 updated, 5 unchanged" in again.stderr
    assert target.read_bytes() == before
    newer = run_kg("import", "acled", str(ACLED / "acled-sample-newer.csv"), "--graph", str(work))
    assert newer.returncode == 0, newer.stderr
    assert "1 incident(s) added, 1 updated, 1 unchanged, 3 kept from the earlier import" in newer.stderr
    result = check_graph(work, shapes=False)
    assert result.ok, "\n".join(str(p) for p in result.problems.errors)
    revised = result.model.entities["acled-mex90001"]
    assert [st.value.text for st in _statements(revised, "killed")] == ["9"]
    assert "acled-mex90006" in result.model.entities and "acled-mex90003" in result.model.entities


def _rows():
    with open(ACLED / "acled-sample.csv", encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


@pytest.mark.parametrize("change, expected", [
    (lambda rows: [r[:-3] + r[-2:] for r in rows],
     ":1:1: error: missing column(s) `fatalities`: expected ACLED's export layout's header"),
    (lambda rows: rows[:2] + [rows[2][:1] + ["2019-13-45"] + rows[2][2:]] + rows[3:],
     ":3:2: error: event_date: `2019-13-45` is not a date: expected YYYY-MM-DD (or `17 October 2019`) in ASCII digits [bad-date]"),
    (lambda rows: rows[:4] + [rows[4][:5] + ["Skirmish"] + rows[4][6:]] + rows[5:],
     ":5:6: error: event_type: unknown event type `Skirmish`: expected one of Battles, Explosions/Remote violence"),
])
def test_bad_input_names_file_row_and_column_and_writes_nothing(imported, tmp_path, change, expected):
    graph, _ = imported
    work = tmp_path / "graph"
    shutil.copytree(graph, work)
    target = work / "imports" / "acled-data.yaml"
    before = target.read_bytes()
    bad = tmp_path / "bad.csv"
    _write(bad, change(_rows()))
    result = run_kg("import", "acled", str(bad), "--graph", str(work))
    assert result.returncode == 1
    assert f"{bad}{expected}" in result.stderr
    assert "nothing written" in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["acled-data.yaml"]


def test_import_into_the_real_graph_reuses_its_places_and_actors(tmp_path):
    from kg.core.problems import Problems
    from kg.importers.acled import import_acled, read_acled

    build = check_graph(GRAPH_DIR, shapes=False)
    problems = Problems()
    events = read_acled(ACLED / "acled-sample.csv", problems)
    result = import_acled(ACLED / "acled-sample.csv", events, build.model, build.vocab, tmp_path / "acled.yaml")
    text = result.text
    assert "\n- id: guerrero\n" not in text and "\n- id: culiacan\n" not in text  # the graph's own
    assert "place: iguala\n" in text  # "Iguala de la Independencia" in Guerrero is the graph's Iguala
    assert "participant: sinaloa-cartel\n" in text


def test_export_acled_round_trips_the_imported_rows(imported, build):
    graph, _ = imported
    result = run_kg("export", "--format", "acled", "--graph", str(graph), "--no-shapes")
    assert result.returncode == 0, result.stderr
    exported = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert list(csv.reader(io.StringIO(result.stdout)))[0] == _rows()[0]  # ACLED's 31 columns, in order
    with open(ACLED / "acled-sample.csv", encoding="utf-8", newline="") as f:
        original = {row["event_id_cnty"]: row for row in csv.DictReader(f)}
    assert set(original) <= set(exported)
    assert "mxsec:battle" in exported  # the graph's own incident, under its kg id
    same = ("event_type", "sub_event_type", "fatalities", "time_precision", "admin1", "notes")
    for event_id, row in original.items():
        for column in same:
            assert exported[event_id][column] == row[column], (event_id, column)
    clash = exported["MEX90001"]
    assert (clash["event_date"], clash["actor1"], clash["inter1"], clash["actor2"], clash["source"]) == (
        "2019-10-17", "Sinaloa Cartel", "Political militia", "Military Forces of Mexico (2018-2024)",
        "Invented Daily; Example Times")
    assert (exported["MEX90002"]["actor2"], exported["MEX90002"]["inter1"]) == ("Civilians (Mexico)", "Political militia")
    assert exported["MEX90004"]["event_date"] == "2019-11-04"


def test_yaml_writer_round_trips_any_text_and_number():
    import yaml
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kg.importers.yamlwriter import render_entity

    values = st.one_of(st.text(max_size=40), st.integers(), st.floats(allow_nan=False, allow_infinity=False))

    @settings(max_examples=300, deadline=None)
    @given(st.dictionaries(st.from_regex(r"[a-z][a-zA-Z]{0,8}", fullmatch=True), values, max_size=4),
           st.lists(st.text(max_size=20), max_size=3))
    def round_trip(fields, listed):
        entity = {"id": "x", "type": "Incident", **fields, "cite": listed,
                  "statements": [{"claim": v, "cite": listed} for v in fields.values()]}
        assert yaml.safe_load(render_entity(entity)) == [entity]

    round_trip()


def test_a_file_kg_did_not_write_is_not_replaced(tmp_path):
    graph = tmp_path / "graph"
    shutil.copytree(FIXTURES / "mini", graph)
    (tmp_path / "mine").mkdir()
    foreign = tmp_path / "mine" / "acled-data.yaml"
    foreign.write_text("notes: a curator's own file\n", encoding="utf-8")
    result = run_kg("import", "acled", str(ACLED / "acled-sample.csv"), "--graph", str(graph),
                    "--out", str(tmp_path / "mine"))
    assert result.returncode == 1 and "is not a dataset import file written by kg" in result.stderr, result.stderr
    assert foreign.read_text(encoding="utf-8") == "notes: a curator's own file\n"


def test_export_acled_to_a_file_replaces_its_own_output_only(imported, tmp_path):
    graph, _ = imported
    out = tmp_path / "incidents.csv"
    for _ in range(2):  # the second run replaces the file the first wrote
        result = run_kg("export", "--format", "acled", "-o", str(out), "--graph", str(graph), "--no-shapes")
        assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("event_id_cnty,event_date,")
    foreign = tmp_path / "notes.csv"
    foreign.write_text("mine\n", encoding="utf-8")
    refused = run_kg("export", "--format", "acled", "-o", str(foreign), "--graph", str(graph), "--no-shapes")
    assert refused.returncode == 1 and foreign.read_text(encoding="utf-8") == "mine\n"


def test_progress_shows_on_a_terminal_only(monkeypatch):
    import sys

    from kg.cli.curate import progress_for

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert progress_for("importing ACLED events") is None
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    wrap = progress_for("importing ACLED events")
    assert list(wrap(range(3))) == [0, 1, 2]
    assert "importing ACLED events" in terminal.getvalue()
