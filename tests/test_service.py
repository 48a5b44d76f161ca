"""SPARQL SERVICE on the local engines: refused unless the user opts in, so a local query never leaves the machine.

A loopback server stands for the remote service and records every request that reaches it.
"""

from __future__ import annotations

import threading

import pytest

from conftest import FIXTURES, run_kg
from kg.query.engines import QueryError, refuse_service
from recording_server import Recorder


@pytest.fixture
def service():
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def service_query(url: str) -> str:
    return f'SELECT ?n WHERE {{ ?s rdfs:label ?l . SERVICE <{url}/sparql> {{ VALUES ?n {{ 1 }} ?l ?x ?n }} }} LIMIT 1'


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_service_is_refused_and_nothing_is_sent(tmp_path, service, engine):
    (tmp_path / "graph").symlink_to(FIXTURES / "mini")
    done = run_kg("query", "--engine", engine, "--graph", "graph", "-e", service_query(service.url), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("kg: refused: the query uses SERVICE") and "--allow-service" in done.stderr
    assert service.requests == []


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_allow_service_lets_it_through(tmp_path, service, engine):
    """The opt-in works, which shows the refusal above is what kept the request home."""
    (tmp_path / "graph").symlink_to(FIXTURES / "mini")
    run_kg("query", "--engine", engine, "--graph", "graph", "--allow-service", "--timeout", "20",
           "-e", service_query(service.url), cwd=tmp_path)
    assert service.requests, "the engine did not contact the service"


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { service <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE {\n  SERVICE SILENT <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
])
def test_every_spelling_is_refused(text):
    with pytest.raises(QueryError, match="SERVICE"):
        refuse_service(text)


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s rdfs:label "SERVICE <http://x/>" }',
    "SELECT * WHERE { ?s ?p <http://example.org/SERVICE> } # SERVICE <http://x/>",
    "SELECT ?service WHERE { ?service ?p ?o }",
])
def test_the_word_in_strings_iris_comments_and_names_is_fine(text):
    refuse_service(text)
