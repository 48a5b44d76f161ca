"""`kg serve` keeps the graph in memory and follows its files (issue 25): an edit is served after a reload that applies
only the changed triples; a broken edit leaves the last good graph served, with the reason printed; the fix is picked
up; the answers are those of a fresh server on the same files."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES
from kg_server import KgServer, query_path, request

LABEL = "SELECT ?name WHERE { mx:culiacan rdfs:label ?name } ORDER BY ?name"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def names(server: KgServer) -> list[str]:
    answer = request(server, query_path(LABEL))
    assert answer.status == 200, answer.text
    return [b["name"]["value"] for b in json.loads(answer.body)["results"]["bindings"]]


def count(server: KgServer) -> int:
    answer = request(server, query_path(COUNT))
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def graph(tmp_path):
    directory = tmp_path / "graph"
    shutil.copytree(FIXTURES / "mini", directory)
    return directory


def test_an_edit_is_served_a_broken_one_is_not_and_the_fix_is(graph):
    server = KgServer("--graph", str(graph), "--timeout", "10")
    try:
        assert names(server) == ["Culiacán", "Culiacán"]
        things = graph / "things.yaml"
        text = things.read_text(encoding="utf-8")
        things.write_text(text.replace("label: {en: Culiacán, es: Culiacán}", "label: {en: Culiacan City, es: Culiacán}"),
                          encoding="utf-8")
        line = server.read_log_line(r"reloaded|error")
        assert "reloaded" in line and "+" in line, line
        assert names(server) == ["Culiacan City", "Culiacán"]
        edited = count(server)

        things.write_text(things.read_text(encoding="utf-8").replace("type: Municipality", "type: Municipalty"),
                          encoding="utf-8")
        line = server.read_log_line(r"still serving the previous graph")
        assert any("Municipalty" in seen for seen in server.log[-5:]), server.log[-5:]
        assert names(server) == ["Culiacan City", "Culiacán"] and count(server) == edited

        (graph / "extra.yaml").write_text(
            "- id: tijuana\n  type: Municipality\n  label: {en: Tijuana, es: Tijuana}\n  locatedIn: sinaloa\n"
            "  cite: curator\n", encoding="utf-8")
        things.write_text(things.read_text(encoding="utf-8").replace("type: Municipalty", "type: Municipality"),
                          encoding="utf-8")
        server.read_log_line(r"reloaded")
        assert request(server, "/id/tijuana").status == 200
        reloaded = count(server)
    finally:
        server.stop()
    fresh = KgServer("--graph", str(graph))
    try:
        assert count(fresh) == reloaded, "the reloaded graph holds what a fresh server loads"
        assert names(fresh) == ["Culiacan City", "Culiacán"]
    finally:
        fresh.stop()


def test_without_reload_the_first_graph_stays(graph):
    server = KgServer("--graph", str(graph), "--no-reload")
    try:
        before = count(server)
        (graph / "extra.yaml").write_text(
            "- id: tijuana\n  type: Municipality\n  label: {en: Tijuana, es: Tijuana}\n  locatedIn: sinaloa\n"
            "  cite: curator\n", encoding="utf-8")
        import time

        time.sleep(3)
        assert count(server) == before and request(server, "/id/tijuana").status == 404
    finally:
        server.stop()
