"""`kg serve` for tests: the real command in a subprocess on a free loopback port, and plain HTTP requests to it.

`KgServer(*args)` starts `python -m kg serve --port 0 ARGS` (it prints the address it bound) and stops it afterwards.
`request()` sends one HTTP request over a socket of its own — any Host, any header, any source address — and gives
back status, headers and body as a client sees them.
"""

from __future__ import annotations

import http.client
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from conftest import REPO


class KgServer:
    """`kg serve` in a subprocess on a free port (it binds port 0 and prints the address, loopback by default)."""

    def __init__(self, *args: str, cwd: Path = REPO, env: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--port", "0", *args], cwd=cwd,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
        )
        deadline = time.monotonic() + 180
        line = ""
        self.log: list[str] = []
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            self.log.append(line)
            match = re.search(r"SPARQL at (http://127\.0\.0\.1:(\d+))/sparql", line)
            if match:
                self.base = match.group(1)
                self.port = int(match.group(2))
                self._lines: queue.Queue = queue.Queue()
                threading.Thread(target=self._collect, daemon=True).start()
                return
        self.stop()
        raise AssertionError(f"kg serve did not start: {''.join(self.log)!r}")

    def _collect(self) -> None:
        for line in self.process.stderr:
            self._lines.put(line)

    def read_log_line(self, pattern: str, timeout: float = 60) -> str:
        """The next line of the server's stderr matching `pattern` (a regular expression)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.log.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in {''.join(self.log[-20:])!r}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(server: KgServer, path: str, *, method: str = "GET", body: bytes | None = None,
            headers: dict[str, str] | None = None, source: str | None = None, timeout: float = 60) -> Answer:
    """One request to the server with exactly these headers (Host included if given); `source` is the local address
    the connection comes from (any 127.x.y.z is this machine too)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout,
                                            source_address=(source, 0) if source else None)
    try:
        given = dict(headers or {})
        connection.putrequest(method, path, skip_host="Host" in given, skip_accept_encoding=True)
        for name, value in given.items():
            connection.putheader(name, value)
        if body is not None and "Content-Length" not in given:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def query_path(query: str, **params: str) -> str:
    return "/sparql?" + urlencode({"query": query, **params})


def closed_by_server(sock: socket.socket, wait: float) -> bool:
    """Whether the server closes this connection within `wait` seconds (end of file or reset)."""
    sock.settimeout(wait)
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False
