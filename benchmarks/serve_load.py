"""Load on `kg serve` over loopback: requests/s and latency at 1 and 8 clients, simple queries while a slow one runs,
a real client beside 1,100 idle connections, and how soon silent and slowloris connections are closed.

    .venv/bin/python benchmarks/serve_load.py [--graph graph] [--seconds 10] [--compare /path/to/other/src]

The server is the real `kg serve` in its own process; the clients run in another process (asyncio, keep-alive
connections, each client from its own loopback address, as separate users would be), so the figures include HTTP
parsing on both sides. With `--compare SRC`, the same load also runs against the `kg` package found in SRC (for
example a checkout of the main branch), and both are printed side by side. `--json FILE` keeps the raw figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
SIMPLE = [f"SELECT ?name WHERE {{ mx:{slug} rdfs:label ?name }}" for slug in
          ("culiacan", "amlo", "cjng", "ovidio-guzman", "sinaloa-cartel", "mexico")]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


# ---------------------------------------------------------------------------------------------- the server
class Server:
    def __init__(self, src: Path, graph: Path, *args: str):
        env = {**os.environ, "PYTHONPATH": str(src)}
        self.process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", "0", "--graph", str(graph),
                                         *args], cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                        text=True, env=env)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            match = re.search(r"SPARQL at http://127\.0\.0\.1:(\d+)/sparql", line)
            if match:
                self.port = int(match.group(1))
                return
        raise SystemExit(f"kg serve ({src}) did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# ---------------------------------------------------------------------------------------------- the clients
async def _client(port: int, source: str, queries: list[str], until: float, latencies: list[float],
                  statuses: dict[int, int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    requests = [f"GET /sparql?query={quote(q)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode() for q in queries]
    i = 0
    try:
        while time.perf_counter() < until:
            started = time.perf_counter()
            writer.write(requests[i % len(requests)])
            i += 1
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
            if b"connection: close" in head.lower():
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    finally:
        writer.close()


async def _load(port: int, clients: int, seconds: float, slow_clients: int) -> dict:
    until = time.perf_counter() + seconds
    latencies: list[float] = []
    slow_latencies: list[float] = []
    statuses: dict[int, int] = {}
    slow_statuses: dict[int, int] = {}
    tasks = [_client(port, f"127.0.1.{k + 1}", SIMPLE, until, latencies, statuses) for k in range(clients)]
    tasks += [_client(port, f"127.0.2.{k + 1}", [SLOW], until, slow_latencies, slow_statuses)
              for k in range(slow_clients)]
    started = time.perf_counter()
    await asyncio.gather(*tasks)
    took = time.perf_counter() - started
    latencies.sort()

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")

    return {"clients": clients, "slow_clients": slow_clients, "requests": len(latencies), "seconds": took,
            "per_second": len(latencies) / took, "p50_ms": quantile(0.50), "p99_ms": quantile(0.99),
            "max_ms": latencies[-1] * 1000 if latencies else float("nan"), "statuses": statuses,
            "slow_statuses": slow_statuses}


def run_clients(port: int, clients: int, seconds: float, slow_clients: int = 0) -> dict:
    """The load, in a process of its own (so that the clients do not share the server's interpreter)."""
    done = subprocess.run([sys.executable, __file__, "--client", str(port), str(clients), str(seconds),
                           str(slow_clients)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


# ---------------------------------------------------------------------------------------------- connections
def idle_flood(port: int, idle: int = 1100) -> dict:
    """Open `idle` connections that send nothing, then time one real request."""
    import http.client

    socks = []
    for _ in range(idle):
        socks.append(socket.create_connection(("127.0.0.1", port)))
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/sparql?query=" + quote(SIMPLE[0]))
        status = connection.getresponse().status
    except OSError as error:
        status = f"failed: {error}"
    took = time.perf_counter() - started
    for sock in socks:
        sock.close()
    return {"idle": idle, "status": status, "ms": took * 1000}


def slow_connections(port: int, silent: int = 40, slowloris: int = 60, wait: float = 30) -> dict:
    """Open silent and slowloris connections; how long until the server has closed each kind."""
    import selectors

    opened = time.perf_counter()
    quiet = [socket.create_connection(("127.0.0.1", port)) for _ in range(silent)]
    dripping = [socket.create_connection(("127.0.0.1", port)) for _ in range(slowloris)]
    for sock in dripping:
        sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
    closed: dict[socket.socket, float] = {}
    selector = selectors.DefaultSelector()
    for sock in quiet + dripping:
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
    last_drip = time.perf_counter()
    while len(closed) < silent + slowloris and time.perf_counter() - opened < wait:
        for key, _ in selector.select(0.1):
            try:
                data = key.fileobj.recv(65536)
            except OSError:
                data = b""
            if not data:
                closed[key.fileobj] = time.perf_counter() - opened
                selector.unregister(key.fileobj)
        if time.perf_counter() - last_drip > 0.5:
            last_drip = time.perf_counter()
            for sock in dripping:
                if sock not in closed:
                    try:
                        sock.send(b"a")
                    except OSError:
                        pass
    result = {
        "silent_closed": sum(s in closed for s in quiet), "silent_last_s": max((closed[s] for s in quiet if s in closed),
                                                                              default=None),
        "slowloris_closed": sum(s in closed for s in dripping),
        "slowloris_last_s": max((closed[s] for s in dripping if s in closed), default=None),
    }
    for sock in quiet + dripping:
        sock.close()
    return result


# ---------------------------------------------------------------------------------------------- the report
def measure(src: Path, graph: Path, seconds: float, connections: bool) -> dict:
    server = Server(src, graph, "--timeout", "5")
    try:
        figures = {"src": str(src)}
        run_clients(server.port, 2, 2)  # warm up: the first requests fork nothing, but fill caches
        figures["1"] = run_clients(server.port, 1, seconds)
        figures["8"] = run_clients(server.port, 8, seconds)
        figures["slow+1"] = run_clients(server.port, 1, seconds, slow_clients=1)
        figures["slow+8"] = run_clients(server.port, 8, seconds, slow_clients=1)
        if connections:
            figures["idle"] = idle_flood(server.port)
            figures["slow_connections"] = slow_connections(server.port)
        return figures
    finally:
        server.stop()


def report(runs: list[dict]) -> str:
    rows = ["| server | clients | requests/s | p50 ms | p99 ms | max ms | statuses |", "|---|---|---|---|---|---|---|"]
    for run in runs:
        for key, label in (("1", "1"), ("8", "8"), ("slow+1", "1, beside 1 slow query"),
                           ("slow+8", "8, beside 1 slow query")):
            f = run[key]
            rows.append(f"| {run['name']} | {label} | {f['per_second']:.0f} | {f['p50_ms']:.1f} | {f['p99_ms']:.1f} "
                        f"| {f['max_ms']:.0f} | {f['statuses']} |")
    lines = rows
    for run in runs:
        if "idle" in run:
            idle, slow = run["idle"], run["slow_connections"]
            lines.append("")
            lines.append(f"{run['name']}: beside {idle['idle']} idle connections a real client got {idle['status']} "
                         f"in {idle['ms']:.0f} ms; silent connections closed {slow['silent_closed']}/40 (last after "
                         f"{slow['silent_last_s'] or float('nan'):.1f} s), slowloris {slow['slowloris_closed']}/60 "
                         f"(last after {slow['slowloris_last_s'] or float('nan'):.1f} s)")
    return "\n".join(lines)


def python_start() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        port, clients, seconds, slow = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
        print(json.dumps(asyncio.run(_load(port, clients, seconds, slow))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=REPO / "graph")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--compare", type=Path, help="Another kg source folder to load the same way (e.g. main's).")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; python -c pass {python_start() * 1000:.0f} ms", file=sys.stderr)
    runs = []
    if args.compare:
        run = measure(args.compare, args.graph, args.seconds, connections=False)
        run["name"] = f"before ({args.compare})"
        runs.append(run)
    run = measure(REPO / "src", args.graph, args.seconds, connections=True)
    run["name"] = "this branch"
    runs.append(run)
    print(f"load average at the end {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print(report(runs))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
