"""Names everywhere: one lookup (kg.query.lookup) behind --param, --focus, kg path, kg show and kg find."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import REPO, run_kg
from kg.query.library import bind_parameters, load_library
from kg.query.lookup import EntityIndex, LookupFailed


@pytest.fixture(scope="module")
def index(real_build):
    return EntityIndex(real_build.model, real_build.vocab)


@pytest.mark.parametrize("name", ["ovidio-guzman", "Ovidio Guzmán López", "OVIDIO GUZMAN LOPEZ", "ovidio guzman"])
def test_an_id_a_label_or_an_alias_whatever_the_accents_resolve(index, name):
    assert index.resolve(name).id == "ovidio-guzman"


def test_a_spanish_label_and_a_nickname_resolve(index):
    assert index.resolve("Cártel de Sinaloa").id == "sinaloa-cartel"
    assert index.resolve("cartel de jalisco nueva generacion").id == "cjng"
    assert index.resolve("el chapo").id == "joaquin-guzman"


def test_an_ambiguous_name_lists_every_candidate_with_label_and_type(index, real_build):
    ambiguous = next(name for name, ids in sorted(index.by_name.items()) if len(ids) > 1)
    with pytest.raises(LookupFailed) as caught:
        index.resolve(ambiguous)
    for entity_id in index.by_name[ambiguous]:
        entity = real_build.model.entities[entity_id]
        assert f"{entity_id} ({index.label(entity_id)}, {entity.type})" in str(caught.value)
    assert "Give the id" in str(caught.value)


def test_an_unknown_name_suggests_the_nearest(index):
    with pytest.raises(LookupFailed) as caught:
        index.resolve("ovidoi")
    assert str(caught.value).startswith("no entity named `ovidoi` in the graph. Did you mean ovidio-guzman (")


def test_a_parameter_of_the_wrong_class_is_an_error_offering_ones_that_fit(index):
    named = load_library()["case-timeline"]
    with pytest.raises(LookupFailed) as caught:
        bind_parameters(named, ["case=culiacan"], index=index)
    message = str(caught.value)
    assert message.startswith("--param case: `culiacan` is culiacan (Culiacán, Municipality), not an Event.")
    assert "culiacan-2019 (Capture and release of Ovidio Guzmán in Culiacán, Event)" in message


def test_a_name_binds_the_same_iri_as_the_id(index):
    named = load_library()["people-around"]
    by_name = bind_parameters(named, ["person=El Chapo"], index=index)
    by_id = bind_parameters(named, ["person=joaquin-guzman"], index=index)
    assert by_name == by_id and by_id["person"].value == "https://w3id.org/mxsec/id/joaquin-guzman"


def test_every_declared_parameter_class_exists_and_every_default_fits(index, real_build):
    for named in load_library().values():
        for parameter in named.parameters:
            for cls in parameter.classes:
                assert cls in real_build.vocab.classes, (named.name, parameter.name, cls)
            if parameter.type == "entity" and parameter.default is not None:
                assert index.resolve(parameter.default, classes=parameter.classes).id == parameter.default


def test_search_ranks_exact_names_first_then_descriptions(index):
    hits = index.search("culiacan")
    assert hits[0].entity.id == "culiacan" and hits[0].score == 4.0
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert any(h.score == 1.0 and h.entity.id == "sinaloa" for h in hits)  # "Culiacán" only in its description


# ------------------------------------------------------------------ the command line

def test_query_with_a_name_gives_the_rows_of_the_id():
    by_name = run_kg("query", "case-timeline", "--param", "case=Capture and release of Ovidio Guzmán in Culiacán",
                     "--format", "csv")
    by_id = run_kg("query", "case-timeline", "--param", "case=culiacan-2019", "--format", "csv")
    assert by_name.returncode == 0, by_name.stderr
    assert by_name.stdout == by_id.stdout and by_id.stdout.count("\n") == 4


def test_query_with_a_parameter_of_the_wrong_type_exits_1_without_rows():
    done = run_kg("query", "case-timeline", "--param", "case=culiacan")
    assert done.returncode == 1 and done.stdout == ""
    assert "not an Event" in done.stderr and "Traceback" not in done.stderr


def test_show_prints_names_statements_sources_errors_and_disagreements(tmp_path):
    done = run_kg("show", "Fiscalía General de la República")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Office of the Attorney General of the Republic  [fgr, GovernmentAgency]"
    assert "founded:" in lines and "  • 2014" in lines
    assert not any("≠" in line for line in lines)  # its 2018 start is the replacement of the PGR, not a second founding
    graph = tmp_path / "graph"
    shutil.copytree(REPO / "graph", graph)
    orgs = graph / "organizations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace(
        '    - founded: "2014"\n', '    - founded: 2018-12\n      cite: curator\n    - founded: "2014"\n', 1), encoding="utf-8")
    differing = run_kg("show", "fgr", "--graph", str(graph)).stdout.splitlines()
    assert "      ≠ sources differ: 2018-12 according to Curator knowledge" in differing
    errors = run_kg("show", "becas-benito-juarez").stdout
    # the number as one phrase with its bound and unit (kg.core.figures), the same on every surface
    assert "  • ✗ about 3,000,000 USD  (point in time: 2021)" in errors
    assert "      correction: about 3,000,000,000 USD" in errors and "SOURCE ERROR: The post converts" in errors


def test_show_json_has_every_statement_with_its_citations(real_build):
    done = run_kg("show", "ovidio-guzman", "--format", "json")
    profile = json.loads(done.stdout)
    entity = real_build.model.entities["ovidio-guzman"]
    shown = sum(len(group["values"]) for group in profile["statements"])
    assert shown == len(entity.statements)
    assert all(value["citations"] for group in profile["statements"] for value in group["values"])


def test_show_neutralises_terminal_escapes(tmp_path):
    from kg.analysis.profile import printable

    assert printable("Culiacán\x1b[31m red\u202e") == "Culiacán\\x1b[31m red\\u202e"


def test_find_lists_matches_best_first_and_exits_1_on_none():
    done = run_kg("find", "sinaloa", "--format", "csv")
    assert done.returncode == 0
    rows = done.stdout.splitlines()
    assert rows[0] == "id,label,type,match,matched" and rows[1].startswith("sinaloa,Sinaloa,State,name,")
    typed = run_kg("find", "cartel", "--type", "CriminalOrganization", "--format", "csv")
    found = [line.split(",")[0] for line in typed.stdout.splitlines()[1:]]
    assert set(found[:2]) == {"sinaloa-cartel", "cjng"}  # named cartels first; groups the texts call cartels after
    assert set(found) <= {"sinaloa-cartel", "cjng", "aguililla-attackers", "major-crime-groups", "regional-splinter-groups"}
    none = run_kg("find", "zzzz-nothing")
    assert none.returncode == 1 and "(0 matches)" in none.stderr


def test_path_and_focus_take_names():
    path = run_kg("path", "El Chapo", "Ovidio Guzmán", "--max", "1")
    assert path.returncode == 0 and path.stdout.startswith("1. Joaquín Guzmán Loera → Ovidio Guzmán López (1 hop)")
    viz = run_kg("viz", "--focus", "chapoo", "-o", "-")
    assert viz.returncode == 1 and "Did you mean joaquin-guzman" in viz.stderr and viz.stdout == ""


def test_show_of_a_source_says_how_much_rests_on_it(real_build):
    citing = [(e.id, s) for e in real_build.model.entities.values() for s in e.statements
              if any(c.source == "shirk-2019" for c in s.citations)]
    done = run_kg("show", "AMLO, Violent Crime, and Public Security in Mexico")
    assert done.returncode == 0, done.stderr
    assert f"  cited by {len(citing)} statements about {len({i for i, _ in citing})} entities" in done.stdout
