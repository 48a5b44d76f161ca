"""A loopback HTTP server that plays a SPARQL endpoint (or the server a redirect points at) and records every request
that reaches it: the tests of network safety and of SERVICE use it to see what leaves the machine."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The one result row it answers with: a name holding terminal escapes and a bidirectional override.
ESCAPED_NAME = "Ovidio\x1b[2J\x1b]0;owned\x07 \u202eevil"


class Recorder(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, redirect_to: str | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.redirect_to = redirect_to

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Recorder

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.requests.append((self.command, self.path, dict(self.headers)))
        if self.path.startswith("/redirect-"):
            code = int(self.path.split("-")[1].split("?")[0])
            same = "same" in self.path
            self.send_response(code)
            self.send_header("Location", f"{self.server.url}/sparql" if same else f"{self.server.redirect_to}/sparql")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.command == "PUT":
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps({"head": {"vars": ["name", "n"]}, "results": {"bindings": [
            {"name": {"type": "literal", "value": ESCAPED_NAME}, "n": {"type": "literal", "value": "1"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_HEAD = _answer
