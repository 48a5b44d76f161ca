"""`kg import sesnsp`: SESNSP crime tables (state and municipal layouts, UTF-8 and Latin-1) become monthly observations
that validate; blank months are no data, 999 keys are "other municipalities", and bad cells write nothing."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, GRAPH_DIR, run_kg
from kg.pipeline import check_graph

SESNSP = FIXTURES / "sesnsp"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    graph = tmp_path_factory.mktemp("sesnsp") / "graph"
    shutil.copytree(FIXTURES / "mini", graph)
    out = []
    for name in ("sesnsp-estatal-2019.csv", "sesnsp-municipal-2018-latin1.csv"):
        result = run_kg("import", "sesnsp", str(SESNSP / name), "--graph", str(graph))
        assert result.returncode == 0, result.stderr
        out.append(result.stderr)
    build = check_graph(graph)
    assert build.ok, "\n".join(str(p) for p in build.problems.errors)
    return graph, out, build


def _value(entity, predicate):
    return next(st.value.text for st in entity.statements if st.predicate == predicate)


def test_blank_months_are_no_data_and_zero_is_zero(imported):
    graph, out, build = imported
    assert "34 observation(s) added" in out[0] and "38 observation(s) added, 0 updated, 0 unchanged, 34 kept" in out[1]
    entities = build.model.entities
    gun = "sesnsp-homicidio-doloso-con-arma-de-fuego"
    assert _value(entities[f"{gun}-sinaloa-2019-03"], "value") == "0"  # xsd:decimal, a whole number without a fraction
    assert f"{gun}-sinaloa-2019-10" in entities and f"{gun}-sinaloa-2019-11" not in entities
    observation = entities[f"{gun}-sinaloa-2019-01"]
    assert _value(observation, "value") == "101"
    assert _value(observation, "period") == "2019-01"
    assert _value(observation, "producedBy") == "sesnsp"
    assert {c.source for c in observation.citations} == {"sesnsp-estatal-2019"}


def test_latin1_municipal_file_keys_and_other_municipalities(imported):
    _, _, build = imported
    entities = build.model.entities
    gun = "sesnsp-homicidio-doloso-con-arma-de-fuego"
    assert _value(entities[f"{gun}-culiacan-2018-12"], "refArea") == "culiacan"  # reused, accents read right
    azcapotzalco = entities["azcapotzalco"]
    assert azcapotzalco.labels and _value(azcapotzalco, "locatedIn") == "ciudad-de-mexico"
    other = entities["other-municipalities-of-sinaloa"]
    assert other.type == "Region" and _value(other, "locatedIn") == "sinaloa"
    assert f"{gun}-other-municipalities-of-sinaloa-2018-03" not in entities  # blank, not zero
    assert _value(entities[f"{gun}-estado-de-mexico-2019-01"], "refArea") == "estado-de-mexico"


def test_crime_indicators_belong_to_the_sesnsp_scheme(imported):
    _, _, build = imported
    indicator = build.model.entities["sesnsp-violacion-simple"]
    assert indicator.type == "Indicator"
    assert _value(indicator, "crimeType").endswith("/sesnsp-violacion-simple")
    concept = build.vocab.concepts["sesnsp-violacion-simple"]
    assert concept.broader == "sesnsp-la-libertad-y-la-seguridad-sexual"


def test_reimport_is_byte_identical(imported, tmp_path):
    graph, _, _ = imported
    work = tmp_path / "graph"
    shutil.copytree(graph, work)
    target = work / "imports" / "sesnsp.yaml"
    before = target.read_bytes()
    again = run_kg("import", "sesnsp", str(SESNSP / "sesnsp-estatal-2019.csv"), "--graph", str(work))
    assert again.returncode == 0 and "is up to date" in again.stderr
    assert target.read_bytes() == before


def test_into_the_real_graph_uses_its_states_and_agency(tmp_path):
    from kg.core.problems import Problems
    from kg.importers.sesnsp import import_sesnsp, read_sesnsp

    build = check_graph(GRAPH_DIR, shapes=False)
    problems = Problems()
    path = SESNSP / "sesnsp-estatal-2019.csv"
    rows = read_sesnsp(path, build.vocab, problems)
    text = import_sesnsp(path, rows, build.model, build.vocab, tmp_path / "s.yaml", source_id="sesnsp-test").text
    assert "refArea: state-of-mexico\n" in text and "refArea: sinaloa\n" in text
    assert "\n- id: sesnsp\n" not in text and "producedBy: sesnsp\n" in text


@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("Homicidio,Homicidio doloso,Con arma blanca", "Homicidios,Homicidio doloso,Con arma blanca"),
     ":3:5: error: Tipo de delito: unknown crime type `Homicidios`"),
    (lambda t: t.replace(",7,5,6,", ",7,x,6,"), ":3:9: error: Febrero: expected a whole number of crimes in ASCII digits"),
    (lambda t: t.replace("Clave_Ent", "Clave"), ":1:1: error: missing column(s) `Clave_Ent`"),
])
def test_bad_cells_are_reported_and_nothing_is_written(tmp_path, edit, expected):
    graph = tmp_path / "graph"
    shutil.copytree(FIXTURES / "mini", graph)
    bad = tmp_path / "bad.csv"
    bad.write_text(edit((SESNSP / "sesnsp-estatal-2019.csv").read_text(encoding="utf-8")), encoding="utf-8")
    result = run_kg("import", "sesnsp", str(bad), "--graph", str(graph))
    assert result.returncode == 1
    assert f"{bad}{expected}" in result.stderr, result.stderr
    assert not (graph / "imports").exists()


def test_municipality_keys_without_zeros_or_from_another_state(tmp_path):
    from kg.core.problems import Problems
    from kg.importers.sesnsp import read_sesnsp
    from kg.load.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    text = (SESNSP / "sesnsp-municipal-2018-latin1.csv").read_bytes().decode("latin-1")
    short = tmp_path / "short.csv"
    short.write_text(text.replace(",25006,", ",6,").replace(",09002,", ",9002,"), encoding="latin-1")
    problems = Problems()
    rows = read_sesnsp(short, vocab, problems)
    assert not problems.errors
    assert [r.municipality_key for r in rows] == [25006, 25999, 12035, 9002]
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(text.replace(",25006,", ",12006,"), encoding="latin-1")
    problems = Problems()
    read_sesnsp(wrong, vocab, problems)
    assert [str(p) for p in problems.errors] == [
        f"{wrong}:2:4: error: Cve. Municipio: expected a municipality key of state 25 (five ASCII digits, state first, "
        "e.g. 25001), got `12006` [bad-cell]"]
