"""`kg serve` against hostile and careless clients (issue 27): foreign Host names, other sites' pages, oversized bodies
and queries, queries that are slow to parse or nested too deep, silent and slow connections, floods of idle ones,
and slow queries beside fast ones. Each test drives the real server over loopback."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

import pytest

from conftest import run_kg
from kg_server import KgServer, closed_by_server, query_path, request

ASK = "ASK { mx:culiacan ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
DEEP_GROUP = "SELECT * WHERE { " + " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(90)) + " }"
DEEP_PARENS = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 40 + "1" + ")" * 40 + ") }"


def values_query(size: int = 350_000) -> str:
    """A SELECT whose VALUES block lists ~size bytes of names (rdflib's parser takes ~15 s over it)."""
    head, tail, names, n = "SELECT ?x WHERE { VALUES ?name { ", " } ?x rdfs:label ?name }", [], 0
    while n < size:
        name = f'"nobody {len(names)}"'
        names.append(name)
        n += len(name) + 1
    return head + " ".join(names) + tail


@pytest.fixture(scope="module")
def server():
    started = KgServer("--timeout", "3", "--read-timeout", "1", "--idle-timeout", "1", "--max-query", "400000",
                       "--max-body", "1000000", "--allow-host", "kg.example", "--cors-origin", "https://yasgui.example",
                       "--workers", "3", "--max-client-queries", "1")
    yield started
    started.stop()


@pytest.fixture(scope="module")
def rdflib_server():
    started = KgServer("--engine", "rdflib", "--timeout", "3")
    yield started
    started.stop()


# ---------------------------------------------------------------------------------------------- who may ask
def test_a_foreign_host_name_is_refused_so_dns_rebinding_gets_nothing(server):
    port = server.port
    refused = request(server, query_path(ASK), headers={"Host": f"rebind.attacker.example:{port}"})
    assert refused.status == 400 and "refused" in refused.text and "true" not in refused.text
    assert "rebind.attacker.example" in refused.text and "--allow-host" in refused.text
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST.:{port}", f"[::1]:{port}", "kg.example",
                 f"KG.example:{port}"):
        answer = request(server, query_path(ASK), headers={"Host": host})
        assert answer.status == 200 and b"true" in answer.body, host
    twice = request(server, query_path(ASK), headers={"Host": f"127.0.0.1:{port}", "host": "evil.example"})
    assert twice.status == 400


def test_pages_from_other_sites_may_not_query_it_and_get_no_cors(server):
    own = f"127.0.0.1:{server.port}"
    foreign = request(server, query_path(ASK), headers={"Host": own, "Origin": "https://evil.example"})
    assert foreign.status == 403 and "another site" in foreign.text
    assert "access-control-allow-origin" not in foreign.headers
    # A page's <img> or no-cors fetch sends no Origin on GET, but a browser marks it as coming from another site.
    sneaky = request(server, query_path(SLOW), headers={"Host": own, "Sec-Fetch-Site": "cross-site",
                                                        "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"})
    assert sneaky.status == 403
    framed = request(server, query_path(SLOW), headers={"Host": own, "Sec-Fetch-Site": "cross-site",
                                                        "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"})
    assert framed.status == 403
    form = request(server, "/sparql", method="POST", body=f"query={ASK}".encode(),
                   headers={"Host": own, "Origin": "https://evil.example",
                            "Content-Type": "application/x-www-form-urlencoded"})
    assert form.status == 403
    # The server's own pages, clients that are not browsers, and a person following a link are answered.
    same = request(server, query_path(ASK), headers={"Host": own, "Origin": f"http://{own}",
                                                     "Sec-Fetch-Site": "same-origin"})
    assert same.status == 200 and "access-control-allow-origin" not in same.headers
    assert request(server, query_path(ASK), headers={"Host": own}).status == 200
    link = request(server, "/id/culiacan", headers={"Host": own, "Sec-Fetch-Site": "cross-site",
                                                    "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"})
    assert link.status == 200


def test_an_allowed_origin_gets_cors_headers_for_its_origin_only(server):
    own = f"127.0.0.1:{server.port}"
    allowed = request(server, query_path(ASK), headers={"Host": own, "Origin": "https://yasgui.example",
                                                        "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"})
    assert allowed.status == 200 and b"true" in allowed.body
    assert allowed.headers["access-control-allow-origin"] == "https://yasgui.example"
    preflight = request(server, "/sparql", method="OPTIONS", headers={
        "Host": own, "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 204 and "POST" in preflight.headers["access-control-allow-methods"]
    other = request(server, "/sparql", method="OPTIONS", headers={
        "Host": own, "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in other.headers


# ---------------------------------------------------------------------------------------------- how much
def _offer(server: KgServer, head: bytes, chunks: int, chunked: bool) -> bytes:
    """Send a request head, then body chunks of 64 kB until the server stops taking them; its reply."""
    reply = b""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(head)
        chunk = b"#" * 65536
        try:
            for _ in range(chunks):
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n" if chunked else chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            while data := sock.recv(65536):
                reply += data
        except (ConnectionResetError, TimeoutError):
            pass
    return reply


def test_a_body_over_the_limit_is_refused_without_being_read(server):
    # --max-body 1000000: a declared length over it is refused before the body is read ...
    declared = _offer(server, b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query"
                              b"\r\nContent-Length: 1500000\r\n\r\n", 23, chunked=False)
    assert declared.startswith(b"HTTP/1.1 413") and b"--max-body" in declared
    # ... and without a length up front (chunked), the reading stops at the limit.
    chunked = _offer(server, b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query"
                             b"\r\nTransfer-Encoding: chunked\r\n\r\n", 40, chunked=True)
    assert chunked.startswith(b"HTTP/1.1 413")


def test_a_query_over_the_length_limit_is_refused(server):
    text = "ASK {} #" + "x" * 400_000
    answer = request(server, "/sparql", method="POST", body=text.encode(),
                     headers={"Content-Type": "application/sparql-query"})
    assert answer.status == 413 and "--max-query" in answer.text


def test_headers_over_64_kb_get_a_400_that_says_to_post(server):
    line = b"GET " + query_path("ASK {} #" + "x" * 100_000).encode() + b" HTTP/1.1\r\nHost: localhost\r\n\r\n"
    reply = b""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        try:
            for start in range(0, len(line), 8192):  # as a slow network delivers it: never whole in one read
                sock.sendall(line[start:start + 8192])
                time.sleep(0.01)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            while data := sock.recv(65536):
                reply += data
        except (ConnectionResetError, TimeoutError):
            pass
    assert reply.startswith(b"HTTP/1.1 400") and b"POST" in reply


# ---------------------------------------------------------------------------------------------- what is asked
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_parsing_a_huge_query_counts_towards_the_time_limit(engine, server, rdflib_server):
    target = server if engine == "oxigraph" else rdflib_server
    started = time.monotonic()
    answer = request(target, "/sparql", method="POST", body=values_query().encode(),
                     headers={"Content-Type": "application/sparql-query"})
    took = time.monotonic() - started
    # Oxigraph parses 350 kB at once; rdflib's parser takes 8-15 s, so the limit (3 s) stops it. Either way the
    # answer comes within the limit, not after the parse: before, rdflib's parse ran first, outside the limit.
    assert took < 3 + 5, took
    if engine == "oxigraph":
        assert answer.status == 200 and b'"bindings": []' in answer.body
    else:
        assert answer.status == 503 and "longer than 3 s" in answer.text


@pytest.mark.parametrize("text", [DEEP_GROUP, DEEP_PARENS], ids=["90-patterns", "40-parentheses"])
def test_deeply_nested_queries_are_400_on_both_engines(text, server, rdflib_server):
    for target in (server, rdflib_server):
        answer = request(target, "/sparql", method="POST", body=text.encode(),
                         headers={"Content-Type": "application/sparql-query"})
        assert answer.status == 400 and "kg accepts" in answer.text, answer.text


@pytest.mark.parametrize("text", [DEEP_GROUP, DEEP_PARENS], ids=["90-patterns", "40-parentheses"])
@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_kg_query_says_a_deep_query_is_too_deep(text, engine):
    done = run_kg("query", "--engine", engine, "-e", text)
    assert done.returncode == 1
    assert "internal error" not in done.stderr and "kg accepts" in done.stderr, done.stderr


def test_a_comment_only_query_is_empty_not_an_update(server):
    answer = request(server, "/sparql", method="POST", body=b"# nothing but a comment\n",
                     headers={"Content-Type": "application/sparql-query"})
    assert answer.status == 400 and "empty" in answer.text and "Update" not in answer.text


NASTY = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999999999",
    "SELECT * WHERE { ?s ?p ?o } OFFSET -1",
    "SELECT * WHERE { ?s ?p ?o FILTER(REGEX(?o, '(a*)*b')) } LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o FILTER(REGEX(?o, '[')) } LIMIT 1",
    "SELECT (1/0 AS ?x) WHERE {}",
    "SELECT * WHERE { ?s <" + "a" * 5000 + "> ?o }",
    "SELECT * WHERE { ?s ?p \"\\uD800\" }",
    "SELECT * WHERE { ?s ?p ?o } ORDER BY ?nothing LIMIT 1",
    "DESCRIBE <http://example.org/nothing>",
    "CONSTRUCT WHERE { ?s ?p ?o FILTER(false) }",
    "SELECT * WHERE { ?s (<p>|^<p>)* ?o } LIMIT 1",
    "SELECT * WHERE { BIND(<nothing:x> AS ?x) BIND(IRI(?x) AS ?y) }",
    "SELECT * { ?s ?p ?o } GROUP BY ?s",
    "ASK { " + "{ " * 33 + "}" * 33 + " }",
    "SELECT ?x WHERE { ?x ?p ?o . " * 3,
    "\x00SELECT * WHERE {}",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o = \"\u202e\") }",
    "LOAD <http://127.0.0.1:9/x>",
    "PREFIX : <x> SELECT * WHERE { :a :b :c }",
    "SELECT * WHERE { ?s ?p ?o } VALUES ?s { " + "<x> " * 20_000 + "}",
]


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_no_query_text_gives_a_500(text, server, rdflib_server):
    for target in (server, rdflib_server):
        answer = request(target, "/sparql", method="POST", body=text.encode("utf-8", "surrogatepass"),
                         headers={"Content-Type": "application/sparql-query"})
        assert answer.status != 500 and answer.status < 600, (answer.status, answer.text[:200])
        assert answer.status in (200, 400, 403, 413, 503), (answer.status, answer.text[:200])
    not_utf8 = request(server, "/sparql", method="POST", body=b"SELECT * WHERE { ?s ?p \"\xff\xfe\" }",
                       headers={"Content-Type": "application/sparql-query"})
    assert not_utf8.status in (200, 400)


# ---------------------------------------------------------------------------------------------- connections
def test_silent_and_slowloris_connections_are_closed(server):
    silent = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(40)]
    slow = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(60)]
    stop = threading.Event()

    def drip() -> None:
        request_line = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
        for sock in slow:
            sock.sendall(request_line)
        while not stop.is_set():
            for sock in slow:
                try:
                    sock.sendall(b"a")
                except OSError:
                    pass
            time.sleep(0.2)

    dripping = threading.Thread(target=drip, daemon=True)
    dripping.start()
    try:
        # --read-timeout 1: a whole request within a second of starting it, or the connection is closed.
        assert all(closed_by_server(sock, 15) for sock in silent)
        assert all(closed_by_server(sock, 15) for sock in slow)
    finally:
        stop.set()
        dripping.join()
        for sock in silent + slow:
            sock.close()
    assert request(server, query_path(ASK)).status == 200


def test_a_real_client_is_answered_while_1100_idle_connections_are_open(server):
    idle = []
    try:
        for _ in range(1100):
            idle.append(socket.create_connection(("127.0.0.1", server.port)))
        answer = request(server, query_path(ASK), timeout=30)
        assert answer.status == 200 and b"true" in answer.body
    finally:
        for sock in idle:
            sock.close()


# ---------------------------------------------------------------------------------------------- slow queries
def _in_background(target: KgServer, text: str, source: str | None, done: list) -> threading.Thread:
    def run() -> None:
        answer = request(target, query_path(text), source=source)
        done.append((text, answer.status, time.monotonic()))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_slow_query_holds_up_no_other_client(server):
    finished: list = []
    slow = _in_background(server, SLOW, "127.0.0.1", finished)
    time.sleep(0.5)
    fast = _in_background(server, ASK, "127.0.0.2", finished)  # another address of this machine: another client
    fast.join()
    slow.join()
    results = {text: (status, at) for text, status, at in finished}
    assert results[SLOW][0] == 503 and results[ASK][0] == 200
    # Answered while the slow one still ran (it runs 2.5 s more): not after it, as when queries took turns.
    assert results[ASK][1] < results[SLOW][1] - 1.0


def test_one_client_runs_its_queries_in_turn(server):
    # --max-client-queries 1: the same address's second query waits until its first is over (stopped at 3 s).
    finished: list = []
    slow = _in_background(server, SLOW, "127.0.0.3", finished)
    time.sleep(0.5)
    sent = time.monotonic()
    fast = _in_background(server, ASK, "127.0.0.3", finished)
    slow.join()
    fast.join()
    results = {text: (status, at) for text, status, at in finished}
    assert results[SLOW][0] == 503 and results[ASK][0] == 200
    assert results[ASK][1] - sent > 2.0  # it waited for the slow one's turn to end (2.5 s after it was sent)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(p) for p in listing.read().split()]
    except OSError:
        return []


def test_a_worker_that_dies_gives_a_503_and_is_replaced(server):
    finished: list = []
    slow = _in_background(server, SLOW, "127.0.0.4", finished)
    time.sleep(0.8)
    (engine_host,) = _children(server.process.pid)
    for worker in _children(engine_host):
        os.kill(worker, signal.SIGKILL)
    slow.join()
    assert finished[0][1] == 503
    assert request(server, query_path(ASK)).status == 200
