"""Hostile and careless input to the importers and the text tools (issue 27): every bad cell located, never an
internal error or a silent misreading; colliding ids refused; what an import writes validated before it is written;
FIFOs, devices and oversized files refused; `kg mentions` linear in a paragraph's length; terminal escapes shown.

The bad-input corpus: tests/fixtures/acled/bad/<case>/ and tests/fixtures/sesnsp/bad/<case>/ each hold `rows.csv`
(a file in the dataset's layout with one kind of fault, described in README) and `expected.txt` (every error line,
in order, as `kg import` prints it when run inside the case's folder)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, run_kg, run_kg_process
from kg.pipeline import check_graph

CASES = [(kind, p.name) for kind in ("acled", "sesnsp") for p in sorted((FIXTURES / kind / "bad").iterdir())]


@pytest.fixture()
def mini(tmp_path) -> Path:
    graph = tmp_path / "graph"
    shutil.copytree(FIXTURES / "mini", graph)
    return graph


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("kind, case", CASES, ids=[f"{k}-{c}" for k, c in CASES])
def test_bad_cells_are_located_and_nothing_is_written(mini, kind, case):
    folder = FIXTURES / kind / "bad" / case
    before = _tree(mini)
    result = run_kg("import", kind, "rows.csv", "--graph", str(mini), cwd=folder)
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert result.returncode == 1, result.stderr
    assert errors == (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert "nothing written" in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    assert _tree(mini) == before


def test_corpus_covers_each_class_of_issue_27():
    rules = {line.rsplit("[", 1)[1].rstrip("]") for kind, case in CASES
             for line in (FIXTURES / kind / "bad" / case / "expected.txt").read_text(encoding="utf-8").splitlines()}
    assert {"bad-cell", "bad-date", "repeated-column", "duplicate-event", "hidden-character"} <= rules
    cases = {case for _, case in CASES}
    assert {"fatalities-superscript", "fatalities-arabic-indic", "fatalities-5000-digits", "date-full-width",
            "month-digit-commas", "id-case-collision", "id-separator-collision", "name-controls"} <= cases


def test_what_the_import_would_write_is_validated_before_writing(mini, tmp_path):
    # Rows that pass every cell check but would break the graph: an incident id a curator's entity already has,
    # and a dataset source id that is a place's.
    (mini / "curated.yaml").write_text(
        "- id: acled-mex90003\n  type: Person\n  label: {en: Someone, es: Alguien}\n  description: {en: x, es: x}\n"
        "  cite: curator\n", encoding="utf-8")
    before = _tree(mini)
    result = run_kg("import", "acled", str(FIXTURES / "acled" / "acled-sample.csv"), "--graph", str(mini))
    assert result.returncode == 1, result.stderr
    assert "error: duplicate id `acled-mex90003`; first defined at" in result.stderr
    assert "checked in memory): nothing written" in result.stderr
    assert _tree(mini) == before
    (mini / "curated.yaml").unlink()
    clash = run_kg("import", "acled", str(FIXTURES / "acled" / "acled-sample.csv"), "--graph", str(mini),
                   "--source-id", "culiacan")
    assert clash.returncode == 1 and "duplicate id `culiacan`" in clash.stderr, clash.stderr
    assert not (mini / "imports").exists()


def test_values_yaml_11_reads_as_numbers_are_quoted_and_the_graph_still_validates(mini, tmp_path):
    import csv

    rows = list(csv.reader(open(FIXTURES / "acled" / "acled-sample.csv", encoding="utf-8", newline="")))
    header = rows[0]
    rows[1][header.index("actor1")] = "0b101"
    rows[2][header.index("actor1")] = "0x1_F"
    rows[3][header.index("location")] = "1_000"
    path = tmp_path / "numbers.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    first = run_kg("import", "acled", str(path), "--graph", str(mini))
    assert first.returncode == 0, first.stderr
    text = (mini / "imports" / "acled-data.yaml").read_text(encoding="utf-8")
    assert 'nameInSource: "0b101"' in text and 'nameInSource: "0x1_F"' in text and "label: 0b101" not in text
    build = check_graph(mini)
    assert build.ok, "\n".join(str(p) for p in build.problems.errors)
    names = {st.value.text for e in build.model.entities.values() for st in e.statements if st.predicate == "nameInSource"}
    assert {"0b101", "0x1_F"} <= names
    again = run_kg("import", "acled", str(path), "--graph", str(mini))
    assert again.returncode == 0 and "is up to date" in again.stderr, again.stderr


@pytest.mark.parametrize("args", [("import", "acled"), ("import", "sesnsp"), ("mentions",),
                                  ("source", "scaffold", "--id", "x")])
def test_fifos_and_devices_are_refused_at_once(mini, tmp_path, args):
    fifo = tmp_path / "input.fifo"
    os.mkfifo(fifo)
    for target in (str(fifo), "/dev/zero"):
        started = time.monotonic()
        # In its own process, with a timeout: a hang must fail the test, not stall the run.
        result = run_kg_process(*args[:2], target, *args[2:], "--graph", str(mini), timeout=60)
        assert time.monotonic() - started < 30
        assert result.returncode == 1, result.stderr
        assert "not a regular file" in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert ("named pipe (FIFO)" if target == str(fifo) else "character device") in result.stderr
    assert not (mini / "imports").exists()


def test_a_file_over_the_size_cap_is_refused_with_its_size(mini, tmp_path):
    from kg.importers.tables import MAX_IMPORT_BYTES
    from kg.text.article import MAX_TEXT_BYTES

    big = tmp_path / "big.csv"
    with open(big, "wb") as f:  # sparse: no disk or memory used
        f.truncate(MAX_IMPORT_BYTES + 1)
    result = run_kg("import", "acled", str(big), "--graph", str(mini))
    assert result.returncode == 1
    assert "big.csv:1:1: error: the file is 256.0 MB, more than the 256.0 MB kg reads as a CSV file" in result.stderr
    assert "[too-large]" in result.stderr
    text = tmp_path / "big.txt"
    with open(text, "wb") as f:
        f.truncate(MAX_TEXT_BYTES + (1 << 20))
    result = run_kg("mentions", str(text), "--graph", str(mini))
    assert result.returncode == 1 and "the file is 65.0 MB, more than the 64.0 MB kg reads" in result.stderr


def test_sesnsp_indicator_ids_of_two_crime_types_do_not_merge(mini, tmp_path):
    # Two crime types with the same subtype and modality made one indicator id, and the second's observations went
    # to the first's indicator.
    from kg.core.problems import Problems
    from kg.importers.sesnsp import import_sesnsp, read_sesnsp

    header = ("Año,Clave_Ent,Entidad,Bien jurídico afectado,Tipo de delito,Subtipo de delito,Modalidad,Enero,Febrero,"
              "Marzo,Abril,Mayo,Junio,Julio,Agosto,Septiembre,Octubre,Noviembre,Diciembre\n")
    rows = ("2019,25,Sinaloa,La vida y la Integridad corporal,Homicidio,Otros,Otros,1,,,,,,,,,,,\n"
            "2019,25,Sinaloa,La vida y la Integridad corporal,Lesiones,Otros,Otros,2,,,,,,,,,,,\n")
    path = tmp_path / "two.csv"
    path.write_text(header + rows, encoding="utf-8")
    build = check_graph(mini, shapes=False)
    problems = Problems()
    records = read_sesnsp(path, build.vocab, problems)
    assert not problems.errors, problems.errors
    result = import_sesnsp(path, records, build.model, build.vocab, tmp_path / "out.yaml", source_id="sesnsp-two")
    entities = yaml.safe_load(result.text)
    indicators = {e["id"]: e["crimeType"] for e in entities if e["type"] == "Indicator"}
    assert len(indicators) == 2 and len(set(indicators.values())) == 2, indicators
    observed = {e["indicator"] for e in entities if e["type"] == "Observation"}
    assert observed == set(indicators)


def test_mentions_is_linear_in_a_paragraphs_length(tmp_path):
    """Before: 0.5 / 1.5 / 5.3 / 20.8 s for 40 / 80 / 160 / 320 kB (quadratic). A 600 kB paragraph now takes about a
    second; the bound leaves room for a loaded machine."""
    from kg.curate.gazetteer import build_gazetteer
    from kg.curate.mentions import find_mentions
    from kg.text.article import read_article

    build = check_graph(FIXTURES / "mini", shapes=False)
    gazetteer = build_gazetteer(build.model, build.vocab)
    words = " ".join((FIXTURES / "news" / name).read_text(encoding="utf-8") for name in
                     ("en-shooting.txt", "es-tiroteo.txt")).split()
    timings = []
    for size in (150_000, 600_000):
        text = " ".join(words * (size // len(" ".join(words)) + 1))[:size]
        article = read_article(text)
        started = time.process_time()
        results = find_mentions(article, build.model, build.vocab, gazetteer=gazetteer)
        timings.append(time.process_time() - started)
        assert len(results) == 1 and results[0].mentions
    assert timings[1] < 20, timings
    assert timings[1] < 4 * timings[0] * 2 + 1, timings  # 4× the text: about 4× the time, not 16×


def test_text_tools_escape_controls_and_bidi_marks(mini, tmp_path):
    article = tmp_path / "hostile\u202e.txt"
    # A name of the graph written across U+202E, a new name across U+001F (a blank to Python), a heading with both.
    article.write_text("A Heading \u202eEvil\x1f\n\nEl Cártel de\u202eSinaloa y Tomás\x1fPrueba hablaron en "
                       "Culiacán.\n", encoding="utf-8")
    report = run_kg("mentions", str(article), "--graph", str(mini))
    draft = run_kg("mentions", str(article), "--yaml", "--graph", str(mini))
    scaffold = run_kg("source", "scaffold", str(article), "--id", "hostile", "--graph", str(mini))
    for result in (report, draft, scaffold):
        assert result.returncode == 0, result.stderr
        for stream in (result.stdout, result.stderr):
            assert "\u202e" not in stream and "\x1b" not in stream
    for result in (report, draft, scaffold):
        for stream in (result.stdout, result.stderr):
            assert "\x1f" not in stream
    assert "sinaloa-cartel (Cártel de\\u202eSinaloa)" in report.stdout and "Tomás\\x1fPrueba" in report.stdout
    entities = yaml.safe_load(draft.stdout)
    assert {e["label"]["en"] for e in entities if e["id"] != "new-article"} == {"Tomás\x1fPrueba"}  # read back exact
    source = yaml.safe_load(scaffold.stdout)[0]
    assert source["title"] == "A Heading \u202eEvil"  # a line is stripped of blanks, U+001F among them
