"""`kg path`: the shortest connections between two entities, each hop a sentence in the statement's real direction."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, run_kg
from kg.outputs.projection import citation_text

ANALYSIS = FIXTURES / "analysis"


def kg_path(*args: str, graph=ANALYSIS):
    return run_kg("path", *args, "--graph", str(graph))


def sentences(stdout: str) -> list[str]:
    return [line.strip() for line in stdout.splitlines() if line.startswith("   ")]


# ------------------------------------------------------------------ the small fixture graph

def test_a_hop_along_the_statement_reads_subject_first_with_dates_and_sources():
    result = kg_path("ovidio", "sinaloa-cartel", "--max", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "1. Ovidio Guzmán López → Sinaloa Cartel (1 hop)"
    assert sentences(result.stdout) == [
        "Ovidio Guzmán López — member of → Sinaloa Cartel "
        "(from 2019; cited: Two Years of Security Policy, § Results, ¶ 1)"
    ]


def test_a_hop_against_the_statement_reads_backwards():
    result = kg_path("joaquin", "ovidio", "--max", "1")
    assert result.returncode == 0, result.stderr
    assert sentences(result.stdout) == [
        "Joaquín Guzmán Loera ← child of — Ovidio Guzmán López "
        "(cited: Cartels and the State, § The Culiacán operation, ¶ 2)"
    ]


def test_a_longer_path_tells_every_hop_with_roles():
    result = kg_path("ovidio", "culiacan", "--max", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "1. Ovidio Guzmán López → Sinaloa Cartel → Battle of Culiacán → Culiacán (3 hops)")
    lines = sentences(result.stdout)
    assert len(lines) == 3
    assert lines[1] == ("Sinaloa Cartel ← participant — Battle of Culiacán "
                        "(as perpetrator; cited: Cartels and the State, § The Culiacán operation, ¶ 2)")
    assert lines[2].startswith("Battle of Culiacán — place → Culiacán (")


def test_several_paths_come_shortest_first_and_max_limits_them():
    result = kg_path("ovidio", "culiacan", "--max", "5")
    headers = [line for line in result.stdout.splitlines() if not line.startswith("   ")]
    assert [h.split(" (")[-1] for h in headers] == ["3 hops)", "4 hops)"]  # only two simple paths exist
    assert len([line for line in kg_path("ovidio", "culiacan", "--max", "1").stdout.splitlines()
                if not line.startswith("   ")]) == 1


def test_a_source_error_is_no_connection_and_its_correction_is_marked():
    result = kg_path("iguala", "michoacan", "--max", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "1. Iguala → Guerrero → Mexico → Michoacán (3 hops)"
    assert sentences(result.stdout)[0] == (
        "Iguala — located in → Guerrero (the curators' correction of a source's error; cited: Curators' knowledge)")


def test_avoid_leaves_a_hub_out_and_no_path_is_one_line_exit_1():
    result = kg_path("iguala", "michoacan", "--avoid", "mexico")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "kg path: no connection between Iguala and Michoacán in the graph"


def test_labels_and_aliases_name_entities_without_accents_or_case():
    result = kg_path("ovidio guzman lopez", "EL CHAPO", "--max", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1. Ovidio Guzmán López → Joaquín Guzmán Loera (1 hop)")


def test_unknown_entity_suggests_the_closest_id():
    result = kg_path("ovidoi", "culiacan")
    assert result.returncode == 1
    assert result.stderr.startswith("kg path: no entity named `ovidoi` in the graph. Did you mean ovidio (Ovidio Guzmán")
    assert "Traceback" not in result.stderr


def test_a_source_document_needs_include_sources():
    result = kg_path("ovidio", "article-x")
    assert result.returncode == 1
    assert "source document" in result.stderr and "--include-sources" in result.stderr


def test_json_output_keeps_subject_and_object_in_the_statement_direction():
    result = kg_path("joaquin", "ovidio", "--max", "1", "--format", "json")
    assert result.returncode == 0, result.stderr
    [path] = json.loads(result.stdout)
    assert path["nodes"] == ["joaquin", "ovidio"]
    [hop] = path["hops"]
    assert (hop["from"], hop["to"], hop["subject"], hop["predicate"], hop["object"]) == (
        "joaquin", "ovidio", "ovidio", "childOf", "joaquin")
    assert hop["statement"].startswith("https://w3id.org/mxsec/statement/")


# ------------------------------------------------------------------ the real graph: connections readers know

def statement(build, subject: str, predicate: str, obj: str):
    found = [s for s in build.model.entities[subject].statements
             if s.predicate == predicate and s.value.text == obj and not s.error]
    assert found, f"{subject} {predicate} {obj} is not in graph/"
    return found[0]


@pytest.fixture(scope="module")
def real(real_build):
    return real_build


def test_real_ovidio_is_the_child_of_joaquin_guzman_with_the_articles_cited(real):
    result = run_kg("path", "ovidio-guzman", "joaquin-guzman", "--max", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "1. Ovidio Guzmán López → Joaquín Guzmán Loera (1 hop)"
    child = statement(real, "ovidio-guzman", "childOf", "joaquin-guzman")
    line = next(s for s in sentences(result.stdout) if "child of" in s)
    assert line.startswith("Ovidio Guzmán López — child of → Joaquín Guzmán Loera (")
    for citation in child.citations:
        assert citation_text(real.model, citation) in line
    assert "AMLO, Violent Crime, and Public Security in Mexico" in line


def test_real_walking_from_father_to_son_reads_backwards(real):
    result = run_kg("path", "joaquin-guzman", "ovidio-guzman", "--max", "1")
    assert result.returncode == 0, result.stderr
    assert any(s.startswith("Joaquín Guzmán Loera ← child of — Ovidio Guzmán López (") for s in
               sentences(result.stdout))


def test_real_ovidio_reaches_culiacan_through_the_events_there(real):
    result = run_kg("path", "ovidio-guzman", "culiacan", "--max", "2")
    assert result.returncode == 0, result.stderr
    first = result.stdout.split("\n2. ")[0]
    assert first.startswith("1. Ovidio Guzmán López → ")
    assert first.splitlines()[0].endswith("→ Culiacán (2 hops)")
    assert any("— place → Culiacán (" in s for s in sentences(first))


def test_real_ovidio_and_the_sinaloa_cartel(real):
    result = run_kg("path", "Ovidio Guzmán", "Sinaloa Cartel", "--max", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "1. Ovidio Guzmán López → Sinaloa Cartel (1 hop)"


def test_real_cienfuegos_reaches_the_dea_and_the_fgr_through_his_case(real):
    article = real.model.entities["jim-cienfuegos"].labels["en"]
    for target, name in (("dea", "Drug Enforcement Administration"),
                         ("fgr", "Office of the Attorney General of the Republic")):
        result = run_kg("path", "salvador-cienfuegos", target, "--max", "1", "--avoid", "mexico")
        assert result.returncode == 0, result.stderr
        header = result.stdout.splitlines()[0]
        assert header.startswith("1. Salvador Cienfuegos Zepeda → ") and header.endswith(f"→ {name} (2 hops)")
        lines = sentences(result.stdout)
        assert lines[0].startswith("Salvador Cienfuegos Zepeda ← participant — ")
        assert f"→ {name} (as " in lines[-1]
        assert article in result.stdout
