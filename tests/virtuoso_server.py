"""A private Virtuoso (Debian's virtuoso-opensource-7) for tests: loopback only, free ports, database in a temp dir.

`virtuoso_server()` starts `virtuoso-t` in the foreground with its own ini (ports, paths and ResultSetMaxRows
rewritten), waits until `/sparql` answers, sets the DBA password, and shuts the server down afterwards.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DBA_PASSWORD = "kgTestSecret7"  # isql-vt takes letters and digits unquoted


@dataclass(frozen=True)
class VirtuosoServer:
    host: str
    sql_port: int
    http_port: int
    password: str
    directory: Path

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        return self.base + "/sparql"

    @property
    def graph_store_url(self) -> str:
        """The Graph Store Protocol endpoint that takes HTTP Digest authentication."""
        return self.base + "/sparql-graph-crud-auth"

    def isql(self, statement: str, password: str | None = None) -> str:
        """Run one SQL statement through isql-vt; raises RuntimeError when it reports an error (its exit code is 0)."""
        done = subprocess.run(
            ["isql-vt", f"{self.host}:{self.sql_port}", "dba", password or self.password, f"exec={statement}"],
            capture_output=True, text=True, timeout=60,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql-vt {statement!r} failed: {(done.stdout + done.stderr).strip()}")
        return done.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_ini(target: Path, directory: Path, sql_port: int, http_port: int, max_rows: int) -> None:
    """The system ini with every path inside `directory`, loopback ports and the given ResultSetMaxRows."""
    replacements = {
        ("Database", "DatabaseFile"): directory / "virtuoso.db",
        ("Database", "ErrorLogFile"): directory / "virtuoso.log",
        ("Database", "LockFile"): directory / "virtuoso.lck",
        ("Database", "TransactionFile"): directory / "virtuoso.trx",
        ("Database", "xa_persistent_file"): directory / "virtuoso.pxa",
        ("TempDatabase", "DatabaseFile"): directory / "virtuoso-temp.db",
        ("TempDatabase", "TransactionFile"): directory / "virtuoso-temp.trx",
        ("Parameters", "ServerPort"): f"127.0.0.1:{sql_port}",
        ("Parameters", "DirsAllowed"): f"., {directory}, /usr/share/virtuoso-opensource-7/vad",
        ("Parameters", "NumberOfBuffers"): 20000,
        ("Parameters", "MaxDirtyBuffers"): 15000,
        ("HTTPServer", "ServerPort"): f"127.0.0.1:{http_port}",
        ("URIQA", "DefaultHost"): f"127.0.0.1:{http_port}",
        ("SPARQL", "ResultSetMaxRows"): max_rows,
    }
    section = ""
    out = []
    for line in SYSTEM_INI.read_text(encoding="utf-8").splitlines():
        header = re.match(r"^\s*\[(.+)\]\s*$", line)
        if header:
            section = header.group(1)
        key = re.match(r"^\s*([A-Za-z_]+)\s*=", line)
        if key and (section, key.group(1)) in replacements:
            line = f"{key.group(1)} = {replacements[(section, key.group(1))]}"
        out.append(line)
    target.write_text("\n".join(out) + "\n", encoding="utf-8")


def wait_for_http(url: str, process: subprocess.Popen, log: Path, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}: {read_tail(log)}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%20%7B%7D", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"Virtuoso did not answer at {url} in time: {read_tail(log)}")


def read_tail(log: Path) -> str:
    try:
        return " | ".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-5:])
    except OSError:
        return "(no log)"


def stop(server: VirtuosoServer, process: subprocess.Popen) -> None:
    """A clean `shutdown` through SQL; SIGTERM, then SIGKILL, if the server does not go."""
    if process.poll() is None:
        with contextlib.suppress(Exception):
            server.isql("shutdown;")
    for signal_process in (None, process.terminate, process.kill):
        if signal_process is not None and process.poll() is None:
            signal_process()
        try:
            process.wait(timeout=20)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def virtuoso_server(max_rows: int = 1_000_000, startup_seconds: float = 90) -> Iterator[VirtuosoServer]:
    """A running private Virtuoso; stopped (and its directory removed) when the block ends."""
    program = shutil.which("virtuoso-t")
    if program is None:
        raise FileNotFoundError("virtuoso-t")
    directory = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = directory / "virtuoso.ini"
    write_ini(ini, directory, sql_port, http_port, max_rows)
    process = subprocess.Popen(
        [program, "+foreground", "+configfile", str(ini)], cwd=directory,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = VirtuosoServer("127.0.0.1", sql_port, http_port, DBA_PASSWORD, directory)
    try:
        wait_for_http(server.sparql_url, process, directory / "virtuoso.log", time.monotonic() + startup_seconds)
        server.isql(f"set password dba {DBA_PASSWORD};", password="dba")
        yield server
    finally:
        stop(server, process)
        shutil.rmtree(directory, ignore_errors=True)
