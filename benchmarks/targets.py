"""Issue 25's targets, each measured as a user meets it and printed with its figure, side by side with Oxigraph's own
in-memory load of the same N-Triples and `python -c pass`:

    .venv/bin/python benchmarks/targets.py [--entities 30000] [--huge 100000 | --no-huge] [--json FILE]

- an edit of one file of a ~1M-triple graph (N = 30,000 entities) → `kg build`, and → a named query's answer (the
  incremental check, the kept store updated, the query), each timed from the edit, median of three edits;
- every named query at that size from a warm `kg query` (the store kept in the cache) and through `kg serve` (the
  resident in-memory store); parameterised ones apart;
- `kg serve` on the curated graph: requests/s and p50/p99 at 1 and 8 clients, simple queries beside a slow one
  (benchmarks/serve_load.py; with --compare SRC, the same against another checkout, e.g. main before this work);
- the cold build at ~1M triples: without shapes (no cache), and with full SHACL writing the cache;
- 3.4M triples (N = 100,000) with full SHACL: wall and peak memory;
- the size of a cache entry (its store included) beside the exports it stands for.

Each command runs in a fresh process and is timed from start to exit (wall, CPU including its children, peak RSS).
The machine is shared: the load average is printed at the start and at the end of every part.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
KG = [sys.executable, "-m", "kg"]
TARGETS = {"edit_build": 3.0, "edit_query": 4.0, "query": 1.0, "single_source": 3.0, "parameterised": 0.3,
           "serve_factor": 3.0, "serve_p99_ms": 100.0, "cold_plain": 2.0, "cold_full": 4.0, "huge_s": 60.0,
           "huge_mb": 3072}


def load() -> float:
    return os.getloadavg()[0]


def timed(args: list[str], **kw) -> dict:
    """Like run(), with the child's own CPU and peak memory (os.wait4 on it)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=kw.get("cwd", REPO),
                               env={**os.environ, **(kw.get("env") or {})})
    stdout = bytearray()
    stderr = bytearray()
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ, stdout)
    selector.register(process.stderr, selectors.EVENT_READ, stderr)
    while selector.get_map():
        for key, _ in selector.select():
            data = os.read(key.fileobj.fileno(), 1 << 16)
            if not data:
                selector.unregister(key.fileobj)
            else:
                key.data.extend(data)
    _, status, usage = os.wait4(process.pid, 0)
    return {"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024, "status": os.waitstatus_to_exitcode(status),
            "stdout": stdout.decode("utf-8", "replace"), "stderr": stderr.decode("utf-8", "replace")}


def python_start() -> float:
    return statistics.median(timed([sys.executable, "-c", "pass"])["wall"] for _ in range(3))


def oxigraph_load(nt: Path) -> dict:
    code = ("import pyoxigraph as ox, sys; s = ox.Store(); s.bulk_load(path=sys.argv[1], "
            "format=ox.RdfFormat.N_TRIPLES); print(len(s))")
    return timed([sys.executable, "-c", code, str(nt)])


def size_mb(path: Path) -> float:
    seen, total = set(), 0
    for root, _, files in os.walk(path):
        for name in files:
            info = os.lstat(os.path.join(root, name))
            if (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                total += info.st_blocks * 512
    return total / 1e6


# ---------------------------------------------------------------------------------------------- the parts
def cold_builds(graph: Path, work: Path) -> dict:
    out = {}
    shutil.rmtree(work / "out-plain", ignore_errors=True)
    out["plain"] = timed(KG + ["build", "--graph", str(graph), "--out", str(work / "out-plain"), "--no-shapes", "-q"],
                         env={"KG_CACHE": "off"})
    shutil.rmtree(graph.parent / ".kg-cache", ignore_errors=True)
    shutil.rmtree(work / "out", ignore_errors=True)
    out["full"] = timed(KG + ["build", "--graph", str(graph), "--out", str(work / "out"), "-q"])
    out["oxigraph"] = oxigraph_load(work / "out" / "mxsec.nt")
    return out


_EDIT = re.compile(r'(label: (?:\{en: )?")([^"]*)(")')


def edit(graph: Path, n: int) -> Path:
    """Change one label in the n-th file (by size order, one of the largest): what a curator's save does."""
    files = sorted(graph.rglob("*.yaml"), key=lambda p: (-p.stat().st_size, str(p)))
    path = files[n % len(files)]
    text = path.read_text(encoding="utf-8")
    path.write_text(_EDIT.sub(lambda m: f"{m.group(1)}{m.group(2)} (edit {n}){m.group(3)}", text, count=1),
                    encoding="utf-8")
    return path


def hub_params(graph: Path) -> dict[str, list[str]]:
    """Each named query's parameters bound to well-connected entities of the synthetic corpus (as benchmarks/run.py
    binds them)."""
    code = f"""
import json, sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
from benchmarks.run import PARAMETER_CLASSES, hub
from kg.pipeline import check_graph
from kg.query.library import load_library
result = check_graph(Path({str(graph)!r}), shapes=False)
out = {{}}
for name, named in load_library(Path({str(REPO / "queries")!r})).items():
    raw = []
    for parameter in named.parameters:
        if parameter.type == "entity" and (parameter.required or parameter.default is not None):
            entity = hub(result.model, result.vocab, PARAMETER_CLASSES.get(parameter.name, "Person"))
            if entity:
                raw.append(f"{{parameter.name}}={{entity}}")
    out[name] = raw
print(json.dumps(out))
"""
    return json.loads(timed([sys.executable, "-c", code])["stdout"])


def edits(graph: Path, work: Path, params: dict[str, list[str]]) -> dict:
    """Edit → kg build, and edit → kg query (people-around, parameterised), three times each."""
    builds, queries, chained = [], [], []
    query = ["query", "people-around", "--graph", str(graph), "--library", str(REPO / "queries"), "--format", "csv"]
    query += [a for p in params.get("people-around", []) for a in ("--param", p)]
    timed(KG + query)  # the store kept for queries, made once
    for n in range(3):
        edit(graph, n)
        builds.append(timed(KG + ["build", "--graph", str(graph), "--out", str(work / "out"), "-q"]))
        edit(graph, n + 10)
        queries.append(timed(KG + query))
        edit(graph, n + 20)
        first = timed(KG + ["build", "--graph", str(graph), "--out", str(work / "out"), "-q"])
        second = timed(KG + query)
        chained.append({"wall": first["wall"] + second["wall"], "cpu": first["cpu"] + second["cpu"]})
    return {"build": builds, "query": queries, "build_then_query": chained}


def named_queries(graph: Path, params: dict[str, list[str]]) -> dict:
    """Every named query from a warm `kg query` (median of 3) and through `kg serve` (after one warm-up)."""
    from benchmarks.serve_load import Server

    out: dict[str, dict] = {"kg query": {}, "kg serve": {}}
    for name, raw in params.items():
        args = KG + ["query", name, "--graph", str(graph), "--library", str(REPO / "queries"), "--format", "csv",
                     "--timeout", "120"] + [a for p in raw for a in ("--param", p)]
        timed(args)
        runs = [timed(args) for _ in range(3)]
        best = sorted(runs, key=lambda r: r["wall"])[1]
        out["kg query"][name] = {"wall": best["wall"], "cpu": best["cpu"], "status": best["status"],
                                 "rows": max(0, best["stdout"].count("\n") - 1), "params": raw}
    server = Server(REPO / "src", graph, "--timeout", "120", "--max-rows", "0")
    try:
        import http.client

        from kg.query.engines import parse_query_light, with_values
        from kg.query.library import bind_parameters, load_library

        library = load_library(REPO / "queries")
        for name, raw in params.items():
            named = library[name]
            # Bound the way kg query binds them (defaults included): a VALUES block opening the WHERE clause.
            text = with_values(named.text, parse_query_light(named.text).form, bind_parameters(named, raw))
            times = []
            for _ in range(3):
                started = time.perf_counter()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
                connection.request("POST", "/sparql", body=text.encode(),
                                   headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
                response = connection.getresponse()
                body = response.read()
                times.append((time.perf_counter() - started, response.status, body.count(b"\n") - 1))
                connection.close()
            wall, status, rows = sorted(times)[1]
            out["kg serve"][name] = {"wall": wall, "status": status, "rows": rows, "params": raw}
    finally:
        server.stop()
    return out


def huge(entities: int, work: Path) -> dict:
    graph = work / f"g{entities}" / "graph"
    if not graph.is_dir():
        timed(KG + ["synth", "--entities", str(entities), "--out", str(graph)])
    shutil.rmtree(graph.parent / ".kg-cache", ignore_errors=True)
    shutil.rmtree(work / "out-huge", ignore_errors=True)
    result = timed(KG + ["build", "--graph", str(graph), "--out", str(work / "out-huge"), "-q"])
    result["oxigraph"] = oxigraph_load(work / "out-huge" / "mxsec.nt")
    shutil.rmtree(work / "out-huge", ignore_errors=True)
    return result


def cache_sizes(graph: Path, work: Path) -> dict:
    root = graph.parent / ".kg-cache"
    entries = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    newest = entries[-1]
    exports = sum((work / "out" / n).stat().st_size for n in ("mxsec.ttl", "mxsec.nt", "mxsec.jsonld")) / 1e6
    return {"entry_mb": size_mb(newest), "store_mb": size_mb(newest / "oxigraph") if (newest / "oxigraph").is_dir()
            else 0.0, "exports_mb": exports, "entries": len(entries), "all_mb": size_mb(root)}


# ---------------------------------------------------------------------------------------------- the report
def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "**NOT met**"


def report(fig: dict) -> str:
    lines = [f"Machine: {os.cpu_count()} cores; load average {fig['load_start']:.2f} at the start, "
             f"{fig['load_end']:.2f} at the end; `python -c pass` {fig['python_start'] * 1000:.0f} ms.", ""]
    cold = fig.get("cold")
    if cold:
        ox = cold["oxigraph"]
        lines.append(f"Oxigraph's own in-memory load of the {fig['triples']:,}-triple N-Triples: {ox['wall']:.2f} s wall, "
                     f"{ox['cpu']:.2f} s CPU, {ox['peak_mb']:.0f} MB.")
        lines.append("")
    lines += ["| target | figure | limit | |", "|---|---|---|---|"]
    ed = fig.get("edits")
    if ed:
        build = statistics.median(r["wall"] for r in ed["build"])
        query = statistics.median(r["wall"] for r in ed["query"])
        chain = statistics.median(r["wall"] for r in ed["build_then_query"])
        cpu_b = statistics.median(r["cpu"] for r in ed["build"])
        lines.append(f"| edit one file → `kg build` ({fig['triples']:,} triples) | {build:.2f} s wall ({cpu_b:.2f} s CPU) | ≤ 3 s | "
                     f"{verdict(build, TARGETS['edit_build'])} |")
        lines.append(f"| edit → `kg query people-around` answered | {query:.2f} s wall | ≤ 4 s | "
                     f"{verdict(query, TARGETS['edit_query'])} |")
        lines.append(f"| edit → `kg build` → `kg query` answered | {chain:.2f} s wall | ≤ 4 s | "
                     f"{verdict(chain, TARGETS['edit_query'])} |")
    nq = fig.get("queries")
    if nq:
        for how in ("kg query", "kg serve"):
            found = nq[how]
            plain = {n: f for n, f in found.items() if not f["params"] and n != "single-source"}
            with_params = {n: f for n, f in found.items() if f["params"]}
            worst = max(plain.items(), key=lambda kv: kv[1]["wall"])
            worst_p = max(with_params.items(), key=lambda kv: kv[1]["wall"]) if with_params else ("-", {"wall": 0})
            over = [f"{n} {f['wall']:.2f} s" for n, f in found.items() if n != "single-source" and f["wall"] > 1.0]
            single = found.get("single-source", {"wall": float("nan")})
            lines.append(f"| every named query ≤ 1 s, {how} (warm) | {len(found) - len(over) - 1} of {len(found) - 1} "
                         f"(slowest {worst[0]} {worst[1]['wall']:.2f} s){'; over: ' + ', '.join(over) if over else ''} "
                         f"| ≤ 1 s | {'met' if not over else '**NOT met**'} |")
            lines.append(f"| `single-source`, {how} | {single['wall']:.2f} s | ≤ 3 s | "
                         f"{verdict(single['wall'], TARGETS['single_source'])} |")
            lines.append(f"| parameterised queries, {how} | slowest {worst_p[0]} {worst_p[1]['wall']:.2f} s | ≤ 0.3 s | "
                         f"{verdict(worst_p[1]['wall'], TARGETS['parameterised'])} |")
    if cold:
        ox = cold["oxigraph"]["wall"]
        plain, full = cold["plain"], cold["full"]
        lines.append(f"| cold build, no shapes, no cache | {plain['wall']:.1f} s wall ({plain['wall'] / ox:.1f}× "
                     f"Oxigraph), {plain['cpu']:.1f} s CPU, {plain['peak_mb']:.0f} MB | ≤ 2× | "
                     f"{verdict(plain['wall'] / ox, TARGETS['cold_plain'])} |")
        lines.append(f"| cold build, full SHACL, writing the cache | {full['wall']:.1f} s wall ({full['wall'] / ox:.1f}× "
                     f"Oxigraph), {full['cpu']:.1f} s CPU, {full['peak_mb']:.0f} MB | ≤ 4× | "
                     f"{verdict(full['wall'] / ox, TARGETS['cold_full'])} |")
    hg = fig.get("huge")
    if hg:
        lines.append(f"| 3.4M triples, full SHACL | {hg['wall']:.1f} s wall, {hg['cpu']:.1f} s CPU, "
                     f"{hg['peak_mb']:.0f} MB (Oxigraph's load {hg['oxigraph']['wall']:.1f} s) | ≤ 60 s, ≤ 3 GB | "
                     f"{verdict(hg['wall'], TARGETS['huge_s'])} (time), {verdict(hg['peak_mb'], TARGETS['huge_mb'])} "
                     f"(memory) |")
    cs = fig.get("cache")
    if cs:
        lines.append(f"| cache entry ≤ its exports | {cs['entry_mb']:.0f} MB (store {cs['store_mb']:.0f} MB) against "
                     f"{cs['exports_mb']:.0f} MB of exports | ≤ 1× | {verdict(cs['entry_mb'], cs['exports_mb'])} |")
    if nq:
        lines += ["", "| named query | kg query (warm): wall / rows | kg serve: wall / rows |", "|---|---|---|"]
        for name in nq["kg query"]:
            a, b = nq["kg query"][name], nq["kg serve"].get(name, {})
            lines.append(f"| {name}{' (' + ', '.join(a['params']) + ')' if a['params'] else ''} | {a['wall']:.2f} s / "
                         f"{a['rows']:,} | {b.get('wall', float('nan')):.2f} s / {b.get('rows', 0):,} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=30_000)
    parser.add_argument("--huge", type=int, default=100_000)
    parser.add_argument("--no-huge", action="store_true")
    parser.add_argument("--no-serve-load", action="store_true")
    parser.add_argument("--compare", type=Path, help="Another kg source folder for the serve load (e.g. main's).")
    parser.add_argument("--work", type=Path, help="Where the corpora go (default: a temporary folder, removed).")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-targets-"))
    work.mkdir(parents=True, exist_ok=True)
    fig: dict = {"load_start": load(), "python_start": python_start()}
    graph = work / f"g{args.entities}" / "graph"
    if not graph.is_dir():
        timed(KG + ["synth", "--entities", str(args.entities), "--out", str(graph)])
    print(f"[{load():.1f}] cold builds", file=sys.stderr, flush=True)
    fig["cold"] = cold_builds(graph, work)
    fig["triples"] = int(fig["cold"]["oxigraph"]["stdout"].strip() or 0)
    params = hub_params(graph)
    print(f"[{load():.1f}] named queries", file=sys.stderr, flush=True)
    fig["queries"] = named_queries(graph, params)
    print(f"[{load():.1f}] edits", file=sys.stderr, flush=True)
    fig["edits"] = edits(graph, work, params)
    fig["cache"] = cache_sizes(graph, work)
    if not args.no_serve_load:
        print(f"[{load():.1f}] kg serve load", file=sys.stderr, flush=True)
        done = timed([sys.executable, str(REPO / "benchmarks" / "serve_load.py"), "--seconds", "10",
                      *(["--compare", str(args.compare)] if args.compare else [])])
        fig["serve_load"] = done["stdout"] + done["stderr"]
    if not args.no_huge:
        print(f"[{load():.1f}] {args.huge:,} entities", file=sys.stderr, flush=True)
        fig["huge"] = huge(args.huge, work)
    fig["load_end"] = load()
    for part in fig.values():  # the commands' own output is not kept
        if isinstance(part, dict):
            for value in part.values():
                if isinstance(value, dict):
                    value.pop("stdout", None)
                    value.pop("stderr", None)
    print(report(fig))
    if "serve_load" in fig:
        print()
        print(fig["serve_load"])
    if args.json:
        args.json.write_text(json.dumps(fig, indent=1, default=str))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
