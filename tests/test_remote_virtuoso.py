"""Publishing to and querying a real SPARQL 1.1 store: Debian's Virtuoso, started privately on loopback.

The build is published with the Graph Store Protocol, every named query is run remotely and must give the same answer
as locally, and the failures a user meets (no server, a wrong password, a timeout, a capped result) read clearly.
"""

from __future__ import annotations

import json
import socket

import pytest

from conftest import LIBRARY, example_params, require_program, run_kg
from kg.query.engines import QueryError, local_engine, parse_query, with_values
from kg.query.library import Parameter, bind_parameters
from kg.query.remote import DEFAULT_GRAPH_IRI, Endpoint, probe_query, with_prologue
from virtuoso_server import VirtuosoServer, virtuoso_server

pytestmark = pytest.mark.virtuoso
BASIC_PATH = "/sparql-graph-crud-basic"


def credentials(server: VirtuosoServer, password: str | None = None) -> dict[str, str]:
    return {"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": password or server.password}


@pytest.fixture(scope="module")
def server():
    require_program("virtuoso-t", "virtuoso-opensource-7")
    with virtuoso_server() as running:
        # A second Graph Store path that takes HTTP Basic authentication, as a store behind Basic auth would.
        running.isql(
            f"DB.DBA.VHOST_DEFINE(lpath=>'{BASIC_PATH}', ppath=>'/!sparql-graph-crud/', is_dav=>1, vsp_user=>'dba',"
            " sec=>'basic', realm=>'SPARQL', auth_fn=>'DB.DBA.HP_AUTH_SPARQL_USER',"
            " opts=>vector('noinherit', 1, 'exec_as_get', 1));"
        )
        yield running


@pytest.fixture(scope="module")
def published(server, real_build):
    done = run_kg("publish", "--endpoint", server.graph_store_url, "--check", server.sparql_url,
                  env=credentials(server))
    assert done.returncode == 0, done.stderr
    return server


@pytest.fixture(scope="module")
def local(real_build):
    return local_engine("oxigraph", real_build.compiled)


def test_publish_puts_every_triple_in_the_named_graph_and_replaces_it(published, real_build):
    endpoint = Endpoint(published.sparql_url)
    assert endpoint.count_triples(DEFAULT_GRAPH_IRI) == len(real_build.compiled)
    again = run_kg("publish", "--endpoint", published.graph_store_url, "--check", published.sparql_url,
                   env=credentials(published))
    assert again.returncode == 0, again.stderr
    assert f"published {len(real_build.compiled)} triples to <{DEFAULT_GRAPH_IRI}>" in again.stderr
    assert endpoint.count_triples(DEFAULT_GRAPH_IRI) == len(real_build.compiled), "replaced, not appended"


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_named_query_gives_the_same_answer_remotely(published, local, name):
    named = LIBRARY[name]
    parsed = parse_query(named.text)
    bindings = bind_parameters(named, example_params(name))
    here = local.run(parsed, bindings)
    there = Endpoint(published.sparql_url).query(parsed, bindings, DEFAULT_GRAPH_IRI)
    assert here.rows, f"{name} has no answer locally"
    assert there.variables == here.variables
    assert there.canonical() == here.canonical()


@pytest.mark.parametrize("args, expected", [
    (("office-holders", "--param", "office=president-of-mexico"), "2018-12-01"),
    (("homicide-series",), "2019,34588,"),
])
def test_the_cli_prints_a_named_query_remotely_as_locally(published, args, expected):
    here = run_kg("query", *args, "--format", "csv")
    there = run_kg("query", *args, "--format", "csv", "--endpoint", published.sparql_url)
    assert there.returncode == 0, there.stderr
    assert there.stdout == here.stdout
    assert expected in there.stdout


def test_inline_queries_without_prefixes_and_ask_remotely(published):
    done = run_kg("query", "--endpoint", published.sparql_url, "--format", "json",
                  "-e", 'SELECT ?name WHERE { mx:culiacan rdfs:label ?name FILTER(LANG(?name) = "es") }')
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"]["bindings"] == [
        {"name": {"type": "literal", "value": "Culiacán", "xml:lang": "es"}}]
    yes = run_kg("query", "--endpoint", published.sparql_url, "-e", "ASK { mx:culiacan kg:locatedIn mx:sinaloa }")
    no = run_kg("query", "--endpoint", published.sparql_url, "-e", "ASK { mx:culiacan kg:locatedIn mx:guerrero }")
    assert (yes.returncode, yes.stdout, no.returncode, no.stdout) == (0, "true\n", 1, "false\n")


def test_construct_remotely_gives_the_same_triples(published, local):
    parsed = parse_query("CONSTRUCT { ?o kg:value ?v } WHERE { ?o kg:indicator mx:intentional-homicides ; kg:value ?v }")
    there = Endpoint(published.sparql_url).query(parsed, {}, DEFAULT_GRAPH_IRI)
    assert there.triples and there.canonical() == local.run(parsed).canonical()


def test_a_parameter_carrying_sparql_does_not_change_the_remote_query(published, real_build):
    text = "SELECT ?thing WHERE { ?thing rdfs:label ?label FILTER(STR(?label) = ?name) }"
    injected = run_kg("query", "--endpoint", published.sparql_url, "-e", text, "--param",
                      'name=x" } ; DROP ALL ; #', "--format", "csv")
    assert (injected.returncode, injected.stdout) == (0, "thing\n"), injected.stderr
    quoted = run_kg("query", "--endpoint", published.sparql_url, "-e", text, "--param",
                    'name=Conviction of Joaquín "El Chapo" Guzmán', "--format", "csv")
    assert quoted.stdout == "thing\nhttps://w3id.org/mxsec/id/el-chapo-conviction-2019\n"
    assert Endpoint(published.sparql_url).count_triples(DEFAULT_GRAPH_IRI) == len(real_build.compiled)


def test_updates_are_refused_before_reaching_the_server(published, real_build):
    done = run_kg("query", "--endpoint", published.sparql_url, "-e", f"DROP GRAPH <{DEFAULT_GRAPH_IRI}>")
    assert done.returncode == 1 and "read-only" in done.stderr
    assert Endpoint(published.sparql_url).count_triples(DEFAULT_GRAPH_IRI) == len(real_build.compiled)


def test_a_wrong_password_is_a_refused_login_and_changes_nothing(published, real_build):
    done = run_kg("publish", "--endpoint", published.graph_store_url, "--graph", "https://w3id.org/mxsec/other",
                  env=credentials(published, password="not-the-password"))
    assert done.returncode == 1
    assert "refused the login of user `dba`" in done.stderr
    assert "not-the-password" not in done.stderr + done.stdout, "a password is never echoed"
    assert Endpoint(published.sparql_url).count_triples("https://w3id.org/mxsec/other") == 0


def test_no_credentials_says_which_variables_to_set(published):
    done = run_kg("publish", "--endpoint", published.graph_store_url,
                  env={"KG_ENDPOINT_USER": "", "KG_ENDPOINT_PASSWORD": ""})
    assert done.returncode == 1
    assert "requires a login" in done.stderr and "KG_ENDPOINT_USER" in done.stderr


def test_basic_authentication(published, real_build):
    url = published.base + BASIC_PATH
    graph = "https://w3id.org/mxsec/basic"
    done = run_kg("publish", "--endpoint", url, "--graph", graph, "--auth", "basic", "--check",
                  published.sparql_url, env=credentials(published))
    assert done.returncode == 0, done.stderr
    assert Endpoint(published.sparql_url).count_triples(graph) == len(real_build.compiled)
    wrong = run_kg("publish", "--endpoint", url, "--graph", graph, "--auth", "basic",
                   env=credentials(published, password="wrong"))
    assert wrong.returncode == 1 and "refused the login" in wrong.stderr


def test_digest_authentication_on_the_query_endpoint(published):
    url = published.base + "/sparql-auth"
    done = run_kg("query", "--endpoint", url, "--auth", "digest", "-e", "ASK { mx:amlo a kg:Person }",
                  env=credentials(published))
    assert (done.returncode, done.stdout) == (0, "true\n"), done.stderr
    anonymous = run_kg("query", "--endpoint", url, "-e", "ASK { mx:amlo a kg:Person }",
                       env={"KG_ENDPOINT_USER": "", "KG_ENDPOINT_PASSWORD": ""})
    assert anonymous.returncode == 1 and "requires a login" in anonymous.stderr


def test_an_unreachable_server_is_named():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: nothing answers there
        done = run_kg("query", "sources", "--endpoint", f"http://127.0.0.1:{port}/sparql")
    assert done.returncode == 1
    assert done.stderr.strip() == (f"kg: cannot reach http://127.0.0.1:{port}/sparql: connection refused "
                                   "(is the server running?)")


def test_a_result_capped_by_the_server_is_refused_not_shown():
    require_program("virtuoso-t", "virtuoso-opensource-7")
    with virtuoso_server(max_rows=50) as capped:
        published = run_kg("publish", "--endpoint", capped.graph_store_url, env=credentials(capped))
        assert published.returncode == 0, published.stderr
        endpoint = Endpoint(capped.sparql_url)
        for text in ("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                     "DESCRIBE ?s WHERE { ?s a kg:Statement }"):
            with pytest.raises(QueryError, match="capped the result at 50 rows"):
                endpoint.query(parse_query(text), {}, DEFAULT_GRAPH_IRI)
        small = endpoint.query(parse_query("SELECT ?s WHERE { ?s a kg:Person } LIMIT 10"), {}, DEFAULT_GRAPH_IRI)
        assert len(small.rows) == 10
        done = run_kg("query", "single-source", "--endpoint", capped.sparql_url)
        assert done.returncode == 1 and done.stdout == ""
        assert "may be incomplete" in done.stderr


def test_a_slow_remote_query_times_out_clearly(published):
    done = run_kg("query", "--endpoint", published.sparql_url, "--timeout", "2",
                  "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) }")
    assert done.returncode == 1
    assert done.stderr.strip() == f"kg: no answer from {published.sparql_url} within 2 s (raise --timeout?)"


# ---------------------------------------------------------------- how parameters and checks are written into queries


def test_values_open_the_where_clause_not_a_construct_template_or_a_string():
    text = 'CONSTRUCT { ?s rdfs:label "{not a group}" } WHERE { ?s a ?type }'
    bound = with_values(text, "CONSTRUCT", {"type": Parameter("type", "iri").convert("kg:Person")})
    assert bound == ('CONSTRUCT { ?s rdfs:label "{not a group}" } WHERE {'
                     ' VALUES ?type { <https://w3id.org/mxsec/ontology#Person> }\n ?s a ?type }')
    parse_query(bound)


def test_probe_selects_the_same_solutions_for_a_construct():
    text = with_prologue("CONSTRUCT { ?s ?p ?o } FROM <http://g> WHERE { ?s ?p ?o } LIMIT 5")
    probe = probe_query(text, "CONSTRUCT")
    assert probe.endswith("SELECT ?kg_probe_unbound FROM <http://g> WHERE { ?s ?p ?o } LIMIT 5")
    assert parse_query(probe).form == "SELECT"
