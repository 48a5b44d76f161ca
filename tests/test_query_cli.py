"""`kg query` as a user runs it: named, file, stdin and inline queries, formats, parameters, errors, read-only."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
import rdflib

from conftest import FIXTURES, REPO, run_kg

MINI = str(FIXTURES / "mini")
INJECTION = 'x" } ; DROP ALL ; #'


def query(*args: str, graph: str = MINI, **options) -> subprocess.CompletedProcess:
    return run_kg("query", "--graph", graph, *args, **options)


def test_list_shows_every_named_query_with_its_description():
    done = run_kg("query", "--list", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(done.stdout))}
    names = {path.stem for path in (REPO / "queries").glob("*.rq")}
    assert set(rows) == names
    assert rows["source-errors"]["description"] == "Where sources err, and the corrections"
    assert rows["incidents"]["parameters"] == "[place=<Place>] from=1900 to=2100"


def test_show_prints_the_named_query_with_its_header():
    done = run_kg("query", "source-errors", "--show")
    assert done.returncode == 0
    assert done.stdout == (REPO / "queries" / "source-errors.rq").read_text(encoding="utf-8")


def test_a_named_query_with_a_parameter_on_the_real_graph():
    done = run_kg("query", "office-holders", "--param", "person=amlo", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    terms = {(r["office"], r["start"], r["end"]) for r in rows}
    assert ("https://w3id.org/mxsec/id/president-of-mexico", "2018-12-01", "2024-09-30") in terms
    assert {r["person_name"] for r in rows} == {"Andrés Manuel López Obrador"}


def test_table_is_the_default_with_prefixed_names_and_a_row_count():
    done = query("-e", "SELECT ?place ?name WHERE { ?place a kg:Municipality ; rdfs:label ?name } ORDER BY ?name")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["place", "name"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["mx:culiacan", "(Culiacán)", "Culiacán"]  # the label beside the id
    assert "(2 rows)" in done.stderr


def test_inline_query_needs_no_prefixes_and_json_is_sparql_results():
    done = query("-e", 'SELECT ?name WHERE { mx:culiacan rdfs:label ?name FILTER(LANG(?name) = "es") }',
                 "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "head": {"vars": ["name"]},
        "results": {"bindings": [{"name": {"type": "literal", "value": "Culiacán", "xml:lang": "es"}}]},
    }


def test_typed_values_in_json_and_tsv():
    text = "SELECT ?killed ?date WHERE { mx:battle kg:killed ?killed ; kg:date ?date }"
    binding = json.loads(query("-e", text, "--format", "json", "--engine", "rdflib").stdout)["results"]["bindings"][0]
    assert binding["killed"] == {"type": "literal", "value": "13",
                                 "datatype": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"}
    assert binding["date"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    # Oxigraph (the default) stores every integer type as xsd:integer: the same value, the base datatype.
    by_default = json.loads(query("-e", text, "--format", "json").stdout)["results"]["bindings"][0]
    assert by_default["killed"] == {"type": "literal", "value": "13",
                                    "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert by_default["date"] == binding["date"]
    assert query("-e", text, "--format", "tsv").stdout == "killed\tdate\n13\t2019-10-17\n"


def test_a_query_file_and_stdin(tmp_path):
    path = tmp_path / "people.rq"
    path.write_text("# who is in the graph\nSELECT ?person WHERE { ?person a kg:Person }\n", encoding="utf-8")
    from_file = query(str(path), "--format", "csv")
    from_stdin = query("-", "--format", "csv", input=path.read_text(encoding="utf-8"))
    assert from_file.stdout == from_stdin.stdout == "person\nhttps://w3id.org/mxsec/id/ovidio\n"


def test_ask_prints_true_or_false_and_sets_the_exit_code():
    yes = query("-e", "ASK { mx:culiacan kg:locatedIn mx:sinaloa }")
    no = query("-e", "ASK { mx:culiacan kg:locatedIn mx:mexico }")
    assert (yes.returncode, yes.stdout) == (0, "true\n")
    assert (no.returncode, no.stdout) == (1, "false\n")
    assert json.loads(query("-e", "ASK { ?s a kg:Person }", "--format", "json").stdout) == {"head": {},
                                                                                           "boolean": True}


@pytest.mark.parametrize("form", ["CONSTRUCT { mx:battle ?p ?o } WHERE { mx:battle ?p ?o }", "DESCRIBE mx:battle"])
def test_construct_and_describe_give_turtle(form):
    done = query("-e", form)
    assert done.returncode == 0, done.stderr
    assert "@prefix mx: <https://w3id.org/mxsec/id/> ." in done.stdout
    graph = rdflib.Graph().parse(data=done.stdout, format="turtle")
    battle = rdflib.URIRef("https://w3id.org/mxsec/id/battle")
    killed = rdflib.URIRef("https://w3id.org/mxsec/ontology#killed")
    assert [int(o) for o in graph.objects(battle, killed)] == [13]


@pytest.mark.parametrize("update", ["INSERT DATA { mx:a mx:b mx:c }", "DROP ALL",
                                    "DELETE WHERE { ?s ?p ?o }", "PREFIX x: <http://x/> CLEAR GRAPH x:g"])
def test_updates_are_refused(update):
    done = query("-e", update)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "read-only" in done.stderr and "Traceback" not in done.stderr


def test_a_syntax_error_says_where():
    done = query("-e", "SELECT ?x WHERE {\n  ?x a kg:Person .\n  FILTR(?x)\n}")
    assert done.returncode == 1
    assert done.stderr.strip() == "kg: syntax error at line 3, column 3: unexpected `FILTR(?x)`"


def test_a_syntax_error_in_a_named_query_names_its_file(tmp_path):
    (tmp_path / "broken.rq").write_text("# title: t\n# description: d\nSELECT ?x WHERE { ?x ?y }\n",
                                        encoding="utf-8")
    done = query("broken", "--library", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith(f"kg: {tmp_path / 'broken.rq'}: syntax error at line 3")


def test_an_unknown_prefix_lists_the_bound_ones():
    done = query("-e", "SELECT ?x WHERE { ?x a foaf:Person }")
    assert done.returncode == 1
    assert "unknown prefix `foaf:`" in done.stderr and "mx" in done.stderr


def test_a_slow_query_is_stopped_at_the_timeout():
    done = query("-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                 "--timeout", "1")
    assert done.returncode == 1
    assert "took longer than 1 s" in done.stderr


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_parameter_carrying_sparql_does_not_change_the_query(engine):
    text = "SELECT ?thing WHERE { ?thing rdfs:label ?label FILTER(STR(?label) = ?name) }"
    injected = query("-e", text, "--param", f"name={INJECTION}", "--engine", engine, "--format", "csv")
    assert injected.returncode == 0, injected.stderr
    assert injected.stdout == "thing\n", "the value is one string literal that matches nothing"
    quoted = run_kg("query", "-e", text, "--param", 'name=Conviction of Joaquín "El Chapo" Guzmán', "--engine",
                    engine, "--format", "csv")
    assert quoted.stdout == "thing\nhttps://w3id.org/mxsec/id/el-chapo-conviction-2019\n"


def test_an_entity_parameter_carrying_sparql_is_refused():
    done = run_kg("query", "people-around", "--param", "person=ovidio-guzman> } ; DROP ALL ; #")
    assert done.returncode == 1 and done.stdout == ""
    assert "no Person named `ovidio-guzman> } ; DROP ALL ; #`" in done.stderr


def test_typed_parameters_for_ad_hoc_queries():
    text = "SELECT ?event WHERE { ?event kg:date ?date FILTER(YEAR(?date) = ?year) }"
    done = query("-e", text, "--param", "year:integer=2019", "--format", "csv")
    assert done.stdout == "event\nhttps://w3id.org/mxsec/id/battle\n"
    place = query("-e", "SELECT ?e WHERE { ?e kg:place ?where }", "--param", "where=mx:culiacan", "--format", "csv")
    assert place.stdout == "e\nhttps://w3id.org/mxsec/id/battle\n", "a prefixed name binds as an IRI"


def test_usage_errors_exit_2_with_a_hint():
    unknown = run_kg("query", "source-error")
    assert unknown.returncode == 2 and "did you mean `source-errors`" in unknown.stderr
    missing = run_kg("query", "entity-profile")
    assert missing.returncode == 2 and "needs --param entity=" in missing.stderr
    misspelt = run_kg("query", "people-around", "--param", "person=ovidio-guzmann")
    assert misspelt.returncode == 1 and "Did you mean ovidio-guzman (Ovidio Guzmán López, Person)" in misspelt.stderr
    both = run_kg("query", "sources", "-e", "ASK {}")
    assert both.returncode == 2


@pytest.mark.parametrize("args", [("incidents", "--param", "place=guerrero"), ("homicide-series",)])
def test_both_engines_print_the_same_named_answer(args):
    by_rdflib = run_kg("query", *args, "--format", "csv")
    by_oxigraph = run_kg("query", *args, "--format", "csv", "--engine", "oxigraph")
    assert by_rdflib.returncode == by_oxigraph.returncode == 0
    assert by_rdflib.stdout == by_oxigraph.stdout
    assert len(by_rdflib.stdout.splitlines()) > 2


def test_numbers_print_in_canonical_form():
    done = run_kg("query", "homicide-series", "--format", "csv")
    values = {row["period"]: row["value"] for row in csv.DictReader(io.StringIO(done.stdout))
              if row["status"].endswith("official-count")}
    assert values["2019"] == "34588", "a whole decimal prints without a trailing .0"


def test_a_graph_with_errors_is_not_queried(tmp_path):
    (tmp_path / "bad.yaml").write_text("- id: x\n  type: Person\n  label: X\n  cite: nowhere\n", encoding="utf-8")
    done = query("sources", graph=str(tmp_path))
    assert done.returncode == 1
    assert "error(s): run `kg validate`" in done.stderr and done.stdout == ""


def test_a_closed_pipe_is_not_an_error():
    pipeline = (f"set -o pipefail; {sys.executable} -m kg query single-source --format csv | head -n 1")
    done = subprocess.run(["bash", "-c", pipeline], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "subject,property,value,source\n"
    assert "Traceback" not in done.stderr and "Error" not in done.stderr


def test_the_query_text_given_as_the_argument_runs_like_e():
    text = "SELECT ?name WHERE { <https://w3id.org/mxsec/id/culiacan> rdfs:label ?name } ORDER BY ?name"
    done = run_kg("query", text, "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["name", "Culiacán", "Culiacán"]
    commented = run_kg("query", "# names\nPREFIX x: <https://w3id.org/mxsec/id/>\nASK { x:culiacan ?p ?o }")
    assert commented.returncode == 0 and "true" in commented.stdout.lower()


def test_a_name_too_long_for_a_file_is_a_plain_error():
    done = run_kg("query", "x" * 5000)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no query named `xxxx" in done.stderr and "(5,000 characters)" in done.stderr
    assert len(done.stderr) < 400, "the message does not repeat the whole argument"
