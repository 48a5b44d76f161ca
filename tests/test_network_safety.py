"""Network and secrets, against real loopback servers: nothing leaves for a server the user did not name.

A tiny HTTP server plays the SPARQL endpoint (and redirects where asked); a second one plays the other server a
redirect points at, and records anything that reaches it. Credentials written in a URL are used, never printed.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator

import pytest

from conftest import FIXTURES, run_kg
from recording_server import ESCAPED_NAME, Recorder

SECRET = "s3cret-Pa55"
CREDENTIALS = {"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": SECRET}


@pytest.fixture
def servers() -> Iterator[tuple[Recorder, Recorder]]:
    """(the endpoint the user names, the other server its redirects point at)."""
    other = Recorder()
    named = Recorder(redirect_to=other.url)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (named, other)]
    for t in threads:
        t.start()
    yield named, other
    for s in (named, other):
        s.shutdown()
        s.server_close()


def assert_secret_not_shown(done) -> None:
    assert SECRET not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("auth", ["basic", "auto"])
def test_query_refuses_a_redirect_to_another_server(servers, code, auth):
    named, other = servers
    done = run_kg("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", f"{named.url}/redirect-{code}",
                  "--auth", auth, env=CREDENTIALS)
    assert done.returncode == 1
    assert f"redirects (HTTP {code}) to another server, {other.url}/sparql" in done.stderr
    assert other.requests == []  # neither the credentials nor the query reached it
    assert_secret_not_shown(done)


def test_a_redirect_within_the_same_server_is_followed(servers):
    named, other = servers
    done = run_kg("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", f"{named.url}/redirect-302-same",
                  "--format", "csv", env=CREDENTIALS)
    assert done.returncode == 0, done.stderr
    assert [r[1] for r in named.requests] == ["/redirect-302-same", "/sparql"]


@pytest.mark.parametrize("code", [302, 307])
@pytest.mark.parametrize("auth", ["basic", "auto", "digest"])
def test_publish_and_its_login_probe_refuse_a_redirect_to_another_server(servers, tmp_path, code, auth):
    named, other = servers
    (tmp_path / "graph").symlink_to(FIXTURES / "mini")
    done = run_kg("publish", "--endpoint", f"{named.url}/redirect-{code}", "--graph-dir", "graph", "--auth", auth,
                  cwd=tmp_path, env=CREDENTIALS)
    assert done.returncode == 1
    assert "to another server" in done.stderr
    assert other.requests == []
    assert_secret_not_shown(done)


def test_publish_check_refuses_a_redirect_to_another_server(servers, tmp_path):
    named, other = servers
    (tmp_path / "graph").symlink_to(FIXTURES / "mini")
    done = run_kg("publish", "--endpoint", f"{named.url}/gsp", "--check", f"{named.url}/redirect-303",
                  "--graph-dir", "graph", "--auth", "basic", cwd=tmp_path, env=CREDENTIALS)
    assert done.returncode == 1
    assert "published" in done.stderr and "redirects (HTTP 303) to another server" in done.stderr
    assert other.requests == []
    assert_secret_not_shown(done)


def test_credentials_in_the_url_are_used_and_never_printed(servers):
    named, _ = servers
    url = named.url.replace("http://", f"http://dba:{SECRET}@") + "/sparql"
    done = run_kg("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", url, "--auth", "basic",
                  "--format", "csv")
    assert done.returncode == 0, done.stderr
    _, _, headers = named.requests[-1]
    assert headers["Authorization"] == "Basic " + base64.b64encode(f"dba:{SECRET}".encode()).decode()
    assert_secret_not_shown(done)


@pytest.mark.parametrize("url", [
    f"http://dba:{SECRET}@no-such-host.invalid/sparql",
    f"http://dba:{SECRET}@127.0.0.1:1/sparql",
    f"http://dba:{SECRET}@127.0.0.1:99999/sparql",
    f"http://dba:{SECRET}@[::1/sparql",
])
def test_credentials_in_a_failing_url_stay_out_of_the_message(url):
    done = run_kg("query", "-e", "ASK { ?s ?p ?o }", "--endpoint", url, "--timeout", "5")
    assert done.returncode == 1
    assert done.stderr.startswith("kg: ") and "dba" not in done.stderr
    assert_secret_not_shown(done)


def test_terminal_escapes_are_shown_escaped_in_tables_and_exact_in_csv_and_json(servers):
    named, _ = servers
    query = ("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", f"{named.url}/sparql")
    table = run_kg(*query)
    assert "\x1b" not in table.stdout and "\u202e" not in table.stdout and "\x07" not in table.stdout
    assert "Ovidio\\x1b[2J\\x1b]0;owned\\x07 \\u202eevil" in table.stdout
    csv_out = run_kg(*query, "--format", "csv")
    assert ESCAPED_NAME in csv_out.stdout
    as_json = run_kg(*query, "--format", "json")
    assert json.loads(as_json.stdout)["results"]["bindings"][0]["name"]["value"] == ESCAPED_NAME


def test_error_messages_show_escapes(tmp_path):
    (tmp_path / "graph").symlink_to(FIXTURES / "mini")
    done = run_kg("path", "\x1b]0;owned\x07\x1b[2J", "mexico", "--graph", "graph", cwd=tmp_path)
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\\x1b]0;owned\\x07\\x1b[2J" in done.stderr


@pytest.mark.virtuoso
def test_publish_with_credentials_in_the_url_to_virtuoso(tmp_path):
    """A real store with Digest authentication: the URL's credentials log in, and never appear in the output."""
    from conftest import require_program
    from virtuoso_server import virtuoso_server

    require_program("virtuoso-t", "virtuoso-opensource-7")
    (tmp_path / "graph").symlink_to(FIXTURES / "mini")
    with virtuoso_server() as server:
        url = server.graph_store_url.replace("http://", f"http://dba:{server.password}@")
        done = run_kg("publish", "--endpoint", url, "--check", server.sparql_url, "--graph-dir", "graph",
                      cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "checked: " in done.stderr and f"at {server.graph_store_url} (HTTP" in done.stderr
        assert server.password not in done.stdout + done.stderr
        wrong = run_kg("publish", "--endpoint", server.graph_store_url.replace("http://", "http://dba:wrong-pw@"),
                       "--graph-dir", "graph", cwd=tmp_path)
        assert wrong.returncode == 1 and "refused the login of user `dba`" in wrong.stderr
        assert "wrong-pw" not in wrong.stdout + wrong.stderr
