"""`kg serve`: a real server on a free loopback port, driven by SPARQLWrapper and curl as users' clients drive it."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time

import pytest
import rdflib

from conftest import REPO, require_program

QUERY = 'SELECT ?name WHERE { mx:culiacan rdfs:label ?name } ORDER BY ?name'


class Server:
    """`kg serve` in a subprocess on a free port (it binds port 0 and prints the address, loopback by default)."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--port", "0", *args], cwd=REPO,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 120
        line = ""
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            match = re.search(r"SPARQL at (http://127\.0\.0\.1:\d+)/sparql", line)
            if match:
                self.base = match.group(1)
                return
        self.stop()
        raise AssertionError(f"kg serve did not start: {line!r}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def server():
    started = Server("--timeout", "3", "--max-rows", "2000")
    yield started
    started.stop()


def curl(*args: str) -> subprocess.CompletedProcess:
    program = require_program("curl", "curl")
    return subprocess.run([program, "-s", "-S", "-w", "\n%{http_code} %{content_type}", *args],
                          capture_output=True, text=True, timeout=60)


def body_status(done: subprocess.CompletedProcess) -> tuple[str, int, str]:
    body, _, last = done.stdout.rpartition("\n")
    code, _, content_type = last.partition(" ")
    return body, int(code), content_type


def test_sparqlwrapper_gets_json_xml_and_turtle(server):
    from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(server.base + "/sparql")
    client.setQuery(QUERY)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert sorted((r["name"]["value"], r["name"]["xml:lang"]) for r in rows) == [("Culiacán", "en"), ("Culiacán", "es")]

    client.setReturnFormat(XML)
    document = client.query().convert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == ["Culiacán", "Culiacán"]

    client.setQuery("CONSTRUCT { ?child kg:childOf ?parent } WHERE { ?child kg:childOf ?parent }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert (rdflib.URIRef("https://w3id.org/mxsec/id/ovidio-guzman"),
            rdflib.URIRef("https://w3id.org/mxsec/ontology#childOf"),
            rdflib.URIRef("https://w3id.org/mxsec/id/joaquin-guzman")) in graph


def test_sparqlwrapper_post_and_ask(server):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(server.base + "/sparql")
    client.setMethod(POST)
    client.setQuery("ASK { mx:culiacan kg:locatedIn+ mx:mexico }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_curl_negotiates_csv_and_tsv_with_integers_as_integers(server):
    query = "SELECT ?period ?value WHERE { ?o kg:indicator mx:intentional-homicides ; kg:period ?period ; " \
            "kg:value ?value ; kg:refArea mx:mexico } ORDER BY ?period ?value"
    text, code, content_type = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode", f"query={query}",
                                                "-H", "Accept: text/csv"))
    assert code == 200 and content_type.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["period", "value"] and ["2017", "28870"] in rows
    text, code, content_type = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode", f"query={query}",
                                                "-H", "Accept: text/tab-separated-values"))
    assert code == 200 and content_type.startswith("text/tab-separated-values")
    lines = text.splitlines()
    assert lines[0] == "?period\t?value"
    assert '"2017"^^<http://www.w3.org/2001/XMLSchema#gYear>\t"28870"^^<http://www.w3.org/2001/XMLSchema#decimal>' \
        in lines


def test_curl_posts_a_query_body_and_gets_json_by_default(server):
    text, code, content_type = body_status(curl("-X", "POST", f"{server.base}/sparql", "-H",
                                                "Content-Type: application/sparql-query", "--data-binary", QUERY))
    assert code == 200 and content_type == "application/sparql-results+json"
    assert json.loads(text)["head"]["vars"] == ["name"]


def test_updates_are_refused_and_nothing_changes(server):
    for args in (["--data-urlencode", "update=DROP ALL"],
                 ["-H", "Content-Type: application/sparql-update", "--data-binary", "DROP ALL"],
                 ["--data-urlencode", "query=DELETE WHERE { ?s ?p ?o }"]):
        text, code, _ = body_status(curl(f"{server.base}/sparql", *args))
        assert code == 403 and "refused" in text
    text, code, _ = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode",
                                     "query=ASK { mx:culiacan ?p ?o }", "-H", "Accept: application/sparql-results+json"))
    assert code == 200 and json.loads(text)["boolean"] is True


def test_errors_say_what_went_wrong(server):
    text, code, _ = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode", "query=SELEC ?x"))
    assert code == 400 and "syntax error at line 1" in text
    text, code, _ = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode",
                                     "query=SELECT * WHERE { ?s ?p ?o }"))
    assert code == 413 and "cap of 2000" in text  # refused whole, never cut short
    text, code, _ = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode", f"query={QUERY}",
                                     "-H", "Accept: image/png"))
    assert code == 406
    text, code, _ = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode",
                                     "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"))
    assert code == 503 and "longer than 3 s" in text


def test_each_entity_has_its_turtle_at_its_iri_path(server):
    text, code, content_type = body_status(curl(f"{server.base}/id/ovidio-guzman"))
    assert code == 200 and content_type.startswith("text/turtle")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    me = rdflib.URIRef("https://w3id.org/mxsec/id/ovidio-guzman")
    assert (me, rdflib.URIRef("https://w3id.org/mxsec/ontology#childOf"),
            rdflib.URIRef("https://w3id.org/mxsec/id/joaquin-guzman")) in graph
    statements = set(graph.subjects(rdflib.RDF.subject, me))
    assert statements and all(next(graph.objects(s, rdflib.PROV.wasDerivedFrom), None) for s in statements)
    _, code, _ = body_status(curl(f"{server.base}/id/no-such-entity"))
    assert code == 404


def test_the_explorer_page_is_served_beside_the_endpoint(server):
    text, code, content_type = body_status(curl(f"{server.base}/"))
    assert code == 200 and content_type.startswith("text/html")
    assert "Culiacán" in text and "<script" in text



def test_a_federated_query_gets_no_answer(server):
    # SERVICE would make the endpoint send requests elsewhere; the engines refuse it (here the target is a closed
    # local port, so that nothing leaves the machine even where a refusal is missing).
    text, code, _ = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode",
                                     "query=SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?x ?y ?z } }"))
    assert code in (400, 403) and '"bindings"' not in text


def test_a_port_in_use_is_one_line_and_exit_1(server):
    port = server.base.rsplit(":", 1)[1]
    done = subprocess.run([sys.executable, "-m", "kg", "serve", "--port", port], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip() == f"kg serve: could not listen on 127.0.0.1:{port} (in use? try --port)"
