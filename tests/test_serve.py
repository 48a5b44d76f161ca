"""`kg serve`: a real server on a free loopback port, driven by SPARQLWrapper and curl as users' clients drive it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
import rdflib

from conftest import REPO, require_program
from kg_server import KgServer

QUERY = 'SELECT ?name WHERE { mx:culiacan rdfs:label ?name } ORDER BY ?name'


@pytest.fixture(scope="module")
def server():
    started = KgServer("--timeout", "3", "--max-rows", "2000")
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
    text, code, content_type = body_status(curl(f"{server.base}/explorer/"))
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


# ---------------------------------------------------------------------------------------------- linked data (issue 22)
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CULIACAN = rdflib.URIRef("https://w3id.org/mxsec/id/culiacan")


def test_a_linked_data_client_dereferences_an_iri_into_its_triples(server):
    graph = rdflib.Graph().parse(f"{server.base}/id/culiacan")  # rdflib's own Accept: every RDF type it reads
    assert (CULIACAN, rdflib.RDFS.label, rdflib.Literal("Culiacán", lang="es")) in graph
    as_jsonld = rdflib.Graph().parse(f"{server.base}/id/culiacan", format="json-ld")
    assert set(as_jsonld) == set(graph), "the same triples in JSON-LD as in Turtle"
    statements = set(graph.subjects(rdflib.RDF.subject, CULIACAN))
    assert statements and all(next(graph.objects(s, rdflib.PROV.wasDerivedFrom), None) for s in statements)


@pytest.mark.parametrize("accept, media", [
    ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"), ("*/*", "text/turtle"),
    ("application/rdf+xml, application/ld+json;q=0.9, text/turtle;q=0.5", "application/ld+json"),
])
def test_each_entity_is_negotiated_by_accept_with_vary_and_link(server, accept, media):
    done = subprocess.run([require_program("curl", "curl"), "-s", "-D", "-", "-H", f"Accept: {accept}",
                           f"{server.base}/id/culiacan"], capture_output=True, timeout=60)
    head, _, body = done.stdout.decode("utf-8").partition("\r\n\r\n")
    headers = {k.lower(): v for k, _, v in (line.partition(": ") for line in head.splitlines()[1:])}
    assert head.startswith("HTTP/1.1 200") and headers["content-type"].startswith(media)
    assert headers["vary"] == "Accept"
    assert '</id/culiacan/index.ttl>; rel="alternate"; type="text/turtle"' in headers["link"]
    assert '<https://w3id.org/mxsec/id/culiacan>; rel="canonical"' in headers["link"]
    graph = rdflib.Graph().parse(data=body, format={"text/turtle": "turtle", "application/n-triples": "nt",
                                                    "application/ld+json": "json-ld"}[media])
    assert (CULIACAN, rdflib.RDFS.label, rdflib.Literal("Culiacán", lang="es")) in graph


def test_a_browser_gets_the_sites_page_for_an_entity(server):
    text, code, content_type = body_status(curl("-L", "-H", f"Accept: {BROWSER}", f"{server.base}/id/culiacan"))
    assert code == 200 and content_type.startswith("text/html")
    assert "<h1" in text and "Culiacán" in text and 'application/ld+json' in text, "the site's entity page"
    assert ">History<" in text and "First recorded" in text, "with its history in the repository"
    redirect = subprocess.run([require_program("curl", "curl"), "-s", "-o", "/dev/null", "-w",
                               "%{http_code} %{redirect_url}", "-H", f"Accept: {BROWSER}", f"{server.base}/id/culiacan"],
                              capture_output=True, text=True, timeout=60).stdout
    assert redirect.startswith("303 ") and redirect.endswith("/id/culiacan/"), "to the folder, where its links hold"
    spanish, code, _ = body_status(curl("-H", f"Accept: {BROWSER}", f"{server.base}/id/culiacan/index.es.html"))
    assert code == 200 and 'lang="es"' in spanish


def test_the_site_is_served_at_the_root_with_the_explorer_inside(server):
    home, code, content_type = body_status(curl(f"{server.base}/"))
    assert code == 200 and content_type.startswith("text/html") and 'href="id/' in home
    explorer, code, _ = body_status(curl(f"{server.base}/explorer/"))
    assert code == 200 and "KG.registerView" in explorer
    css, code, content_type = body_status(curl(f"{server.base}/assets/site.css"))
    assert code == 200 and content_type.startswith("text/css")
    missing, code, _ = body_status(curl(f"{server.base}/no/such/page"))
    assert code == 404 and "<html" in missing, "the site's own 404 page"
    _, code, _ = body_status(curl("--path-as-is", f"{server.base}/assets/../../../etc/passwd"))
    assert code == 404, "nothing outside the site's folder"


def test_each_form_has_its_own_path_too(server):
    for path, media in (("index.ttl", "text/turtle"), ("index.nt", "application/n-triples"),
                        ("index.jsonld", "application/ld+json")):
        _, code, content_type = body_status(curl("-H", f"Accept: {BROWSER}", f"{server.base}/id/culiacan/{path}"))
        assert code == 200 and content_type.startswith(media), path
    _, code, _ = body_status(curl(f"{server.base}/id/culiacan.jsonld"))
    assert code == 200
    _, code, _ = body_status(curl("-H", "Accept: image/png", f"{server.base}/id/culiacan"))
    assert code == 406
    _, code, _ = body_status(curl("-H", f"Accept: {BROWSER}", f"{server.base}/id/no-such-entity"))
    assert code == 404


def test_the_query_form_shows_a_table_not_json(server):
    text, code, content_type = body_status(curl(f"{server.base}/sparql"))
    assert code == 200 and content_type.startswith("text/html") and "<form" in text
    query = 'SELECT ?name WHERE { mx:culiacan rdfs:label ?name } ORDER BY ?name'
    text, code, content_type = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode", f"query={query}",
                                                "--data-urlencode", "format=html"))
    assert code == 200 and content_type.startswith("text/html")
    assert "<table>" in text and "<td>Culiacán <small" in text and '"head"' not in text
    assert "mx:culiacan rdfs:label ?name" in text, "the query stays in the form"
    text, code, _ = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode", f"query={query}",
                                     "-H", f"Accept: {BROWSER}"))
    assert code == 200 and "<table>" in text, "a browser following a link to a query sees the table too"
    text, code, _ = body_status(curl("-G", f"{server.base}/sparql", "--data-urlencode", "query=SELEC <script>",
                                     "--data-urlencode", "format=html"))
    assert code == 400 and "syntax error" in text and "<script>" not in text
