"""Benchmarks: the real pipeline on synthetic corpora of growing size, and every command on the curated graph.

    .venv/bin/python benchmarks/run.py [--sizes 1000,10000,30000,100000] [--seed 1] [--json results.json]

One command reproduces every figure of docs/benchmarks.md and rewrites its generated part (between the
`benchmark:start` and `benchmark:end` markers; --no-docs leaves it alone). On the curated graph it times each command
process, start to exit, median of 3, with the compiled-graph cache warm and cold (a fresh empty cache each run).
Commands run as an installed `kg` would: with Python's bytecode cache allowed (PYTHONDONTWRITEBYTECODE unset).

For each size N it writes a corpus with `kg synth` and measures, each in a fresh process: the pipeline stage by stage
(YAML load, checks, compile, each export, the NetworkX projection), SHACL, loading each query engine and running every
named query in queries/*.rq on it, `kg build` end to end (process start to exit, exports written), and rdflib alone
parsing the Turtle that build wrote. It prints Markdown tables: wall seconds, CPU seconds and peak memory (the
process's ru_maxrss; for pipeline stages, the high-water mark reached by the end of that stage), how each figure grows
per 10× N, and the targets of docs/benchmarks.md with whether they are met. Figures are from one run: on a shared
machine, compare CPU seconds, and look at the load average printed with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GRAPH_DIR = REPO / "graph"
QUERIES_DIR = REPO / "queries"
DOCS = REPO / "docs" / "benchmarks.md"
DOC_MARKERS = ("<!-- benchmark:start -->", "<!-- benchmark:end -->")
# Issue 15's targets: curated commands (warm cache), the ~1M-triple build, every named query, full SHACL, 100k build.
TARGETS = {"warm_command": 0.3, "build": 0.5, "viz": 1.0, "large_build": 8.0, "query": 1.0, "shacl": 30.0,
           "huge_build": 60.0, "huge_memory_mb": 3072}
# Every kg process runs as an installed command would, with the bytecode cache usable.
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# ---------------------------------------------------------------------------------------------- child processes
def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def emit(name: str, wall: float, cpu: float, **extra) -> None:
    print(json.dumps({"stage": name, "wall": wall, "cpu": cpu, "peak_mb": peak_mb(), **extra}), flush=True)


class Timer:
    def __init__(self, name: str, **extra):
        self.name, self.extra = name, extra

    # CPU seconds include any child process the stage forked and reaped (the YAML reader's second process).
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time() + children_cpu()
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            cpu = time.process_time() + children_cpu() - self.cpu
            emit(self.name, time.perf_counter() - self.wall, cpu, **self.extra)


def child_pipeline(graph: Path, out: Path) -> None:
    """Each stage of `kg build` in turn, as check_graph and write_exports run them."""
    from kg.check.model_checks import check_model
    from kg.compile.compiler import compile_model, ontology_ntriples
    from kg.core.memory import paused_gc
    from kg.core.problems import Problems
    from kg.core.writing import write_all_or_nothing
    from kg.load.reader import read_graph
    from kg.load.vocabulary import load_vocabulary
    from kg.outputs.formats import ExportInputs, build_formats
    from kg.outputs.projection import project

    problems = Problems()
    with Timer("vocabulary"):
        vocab = load_vocabulary()
    with paused_gc():
        with Timer("load"):
            model = read_graph(graph, vocab, problems)
        with Timer("check"):
            check_model(model, vocab, problems)
        if problems.errors:
            raise SystemExit(f"{graph}: {len(problems.errors)} error(s), e.g. {problems.errors[0]}")
        with Timer("compile"):
            compiled = compile_model(model, vocab, ontology_ntriples(vocab))
    emit("size", 0, 0, triples=len(compiled), statements=compiled.statements, entities=len(model.entities))
    inputs = ExportInputs(model, vocab, compiled)
    for fmt in build_formats():
        with Timer("export-" + fmt.name), paused_gc():
            write_all_or_nothing([(out / name, chunks) for name, chunks in fmt.render(inputs).items()])
    with Timer("projection"):
        projected = project(model, vocab)
    emit("projection-size", 0, 0, nodes=projected.number_of_nodes(), edges=projected.number_of_edges())


def child_shacl(graph: Path) -> None:
    """Full SHACL as check_graph runs it: pyshacl-turbo over the compiled N-Triples text."""
    from kg.check.shacl import validate_shapes
    from kg.core.memory import paused_gc
    from kg.core.problems import Problems
    from kg.pipeline import check_graph

    result = check_graph(graph, shapes=False)
    with Timer("shacl-text"), paused_gc():
        data = result.compiled.ntriples()
    problems = Problems()
    with Timer("shacl-validate"), paused_gc():
        validate_shapes(result.compiled.positions, data, problems)
    emit("shacl-result", 0, 0, errors=len(problems.errors), warnings=len(problems.warnings))


def hub(model, vocab, cls: str) -> str | None:
    """The entity of the class with the most statements about or pointing to it: a query's heaviest realistic case."""
    degree: dict[str, int] = {}
    for entity in model.entities.values():
        degree[entity.id] = degree.get(entity.id, 0) + len(entity.statements)
        for st in entity.statements:
            if st.value.kind == "entity":
                degree[st.value.text] = degree.get(st.value.text, 0) + 1
    candidates = [e.id for e in model.entities.values() if vocab.is_a(e.type, cls)]
    return max(sorted(candidates), key=lambda i: degree.get(i, 0)) if candidates else None


# A named query's entity parameter → the class of entity to bind it to in a synthetic corpus.
PARAMETER_CLASSES = {
    "person": "Person",
    "entity": "Person",
    "agent": "CriminalOrganization",
    "group": "CriminalOrganization",
    "organization": "Organization",
    "place": "Country",
    "area": "Country",
    "indicator": "Indicator",
    "case": "Event",
    "subject": "Person",
    "source": "Source",
    "office": "Post",
    "body": "Organization",
    "strategy": "Strategy",
    "program": "SocialProgram",
}


def child_queries(graph: Path, engine_name: str, timeout: float) -> None:
    from kg.core.memory import paused_gc
    from kg.pipeline import check_graph
    from kg.query.engines import QueryError, local_engine, parse_query
    from kg.query.library import bind_parameters, load_library

    result = check_graph(graph, shapes=False)
    library = load_library(QUERIES_DIR)
    with Timer(f"engine-load-{engine_name}"), paused_gc():
        if engine_name == "oxigraph-kept":  # what `kg query` uses: the store kept in the cache (made here if missing)
            from kg.query.engines import OxigraphEngine

            engine = OxigraphEngine(result.oxigraph_store())
        else:
            engine = local_engine(engine_name, result.compiled)
    synthetic = graph.resolve() != GRAPH_DIR.resolve()
    for name, named in library.items():
        raw = []
        for parameter in named.parameters:
            if synthetic and parameter.type == "entity" and (parameter.required or parameter.default is not None):
                entity = hub(result.model, result.vocab, PARAMETER_CLASSES.get(parameter.name, "Person"))
                if entity:
                    raw.append(f"{parameter.name}={entity}")
        query = parse_query(named.text)
        bindings = bind_parameters(named, raw)
        # With a timeout the query runs in a forked child: its CPU time is counted once it is reaped.
        wall, cpu = time.perf_counter(), time.process_time() + children_cpu()
        try:
            answer = engine.run(query, bindings, timeout=timeout)
        except QueryError as error:
            emit(
                f"query-{engine_name}-{name}",
                time.perf_counter() - wall,
                time.process_time() + children_cpu() - cpu,
                error=str(error),
                params=raw,
            )
            continue
        rows = len(answer.rows) if answer.form == "SELECT" else len(answer.triples)
        emit(
            f"query-{engine_name}-{name}",
            time.perf_counter() - wall,
            time.process_time() + children_cpu() - cpu,
            rows=rows,
            params=raw,
        )


def child_oxigraph_load(nt: Path) -> None:
    """Oxigraph's own load of the N-Triples the build wrote into a (in-memory) store: the yardstick for `kg build`."""
    import pyoxigraph as ox

    with Timer("oxigraph-load-nt"):
        store = ox.Store()
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    emit("oxigraph-load-size", 0, 0, triples=len(store))


def child_rdflib_parse(ttl: Path) -> None:
    import rdflib

    with Timer("rdflib-parse-ttl"):
        graph = rdflib.Graph().parse(ttl, format="turtle")
    emit("rdflib-parse-size", 0, 0, triples=len(graph))


# ---------------------------------------------------------------------------------------------- the parent
def run_process(argv: list[str], timeout: float | None = None, env: dict | None = None) -> dict:
    """Run a process; its wall time (start to exit), CPU time, peak memory, exit status and stdout lines."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, cwd=REPO, env={**BASE_ENV, **(env or {})})
        deadline = None if timeout is None else started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024,
            "status": process.returncode,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def child(argv: list[str], timeout: float | None = None, env: dict | None = None) -> tuple[dict, list[dict]]:
    proc = run_process([sys.executable, str(Path(__file__).resolve()), "--child", *argv], timeout, env)
    records = [json.loads(line) for line in proc["stdout"].splitlines() if line.startswith("{")]
    if proc["status"] != 0:
        print(f"  ! {' '.join(argv[:2])}: exit {proc['status']}: {proc['stderr'].strip()[-300:]}", file=sys.stderr)
    return proc, records


def kg(*args: str, timeout: float | None = None, env: dict | None = None) -> dict:
    return run_process([sys.executable, "-m", "kg", *args], timeout, env)


def machine() -> dict:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    import yaml

    versions = {name: metadata.version(name) for name in ("rdflib", "pyoxigraph", "pyshacl", "PyYAML", "networkx")}
    return {
        "cpus": os.cpu_count(),
        "cpu_model": first("/proc/cpuinfo", "model name"),
        "memory": first("/proc/meminfo", "MemTotal"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "libyaml": getattr(yaml, "__with_libyaml__", False),
        **versions,
    }


def measure_size(n: int, seed: int, work: Path, args) -> dict:
    corpus, out = work / f"graph-{n}", work / f"exports-{n}"
    rows: dict[str, dict] = {}
    print(f"== N = {n:,}", file=sys.stderr)
    synth = kg("synth", "--entities", str(n), "--seed", str(seed), "--out", str(corpus))
    if synth["status"] != 0:
        raise SystemExit(f"kg synth failed: {synth['stderr']}")
    rows["kg synth (process)"] = synth
    yaml_mb = sum(p.stat().st_size for p in corpus.rglob("*.yaml")) / 2**20
    info: dict = {"entities": n, "yaml_mb": yaml_mb}

    _, records = child(["pipeline", "--graph", str(corpus), "--out", str(work / f"stages-{n}")])
    names = {
        "vocabulary": "vocabulary",
        "load": "YAML load",
        "check": "checks",
        "compile": "compile",
        "export-ttl": "export Turtle",
        "export-nt": "export N-Triples",
        "export-jsonld": "export JSON-LD",
        "projection": "NetworkX projection",
    }
    for record in records:
        if record["stage"] in names:
            rows[names[record["stage"]]] = record
        elif record["stage"] == "size":
            info.update(triples=record["triples"], statements=record["statements"])
        elif record["stage"] == "projection-size":
            info.update(nodes=record["nodes"], edges=record["edges"])
    print(f"   {info.get('triples', 0):,} triples", file=sys.stderr)

    if n <= args.shacl_max:
        _, records = child(["shacl", "--graph", str(corpus)])
        for record in records:
            if record["stage"] == "shacl-text":
                rows["SHACL: the N-Triples text"] = record
            elif record["stage"] == "shacl-validate":
                rows["SHACL: pyshacl-turbo validate (full)"] = record
    for engine in ("oxigraph", "oxigraph-kept", "rdflib"):
        if engine == "rdflib" and n > args.rdflib_max:
            continue
        _, records = child(["queries", "--graph", str(corpus), "--engine", engine, "--timeout", str(args.timeout)])
        for record in records:
            if record["stage"].startswith("engine-load-"):
                rows[f"{engine}: load the graph"] = record
            elif record["stage"].startswith(f"query-{engine}-"):
                rows[f"{engine}: query {record['stage'][len(f'query-{engine}-'):]}"] = record

    # Cold cache each time (a fresh, empty one), so the figures are the full build; full SHACL is on by default.
    build = kg("build", "-q", "--graph", str(corpus), "--out", str(out), env={"KG_CACHE": str(fresh(work))})
    rows["kg build, full SHACL (process)"] = build
    if build["status"] != 0:
        print(f"  ! kg build: {build['stderr'][-300:]}", file=sys.stderr)
    rows["kg build --no-shapes (process)"] = kg("build", "-q", "--no-shapes", "--graph", str(corpus), "--out", str(out),
                                                env={"KG_CACHE": str(fresh(work))})
    _, records = child(["oxigraph-load", "--ttl", str(out / "mxsec.nt")])
    for record in records:
        if record["stage"] == "oxigraph-load-nt":
            rows["Oxigraph loading the build's N-Triples"] = record
    if n <= args.rdflib_max:
        _, records = child(["rdflib-parse", "--ttl", str(out / "mxsec.ttl")])
        for record in records:
            if record["stage"] == "rdflib-parse-ttl":
                rows["rdflib parsing the build's Turtle"] = record
    if not args.keep:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(work / f"stages-{n}", ignore_errors=True)
    return {
        "info": info,
        "rows": {
            k: {f: v[f] for f in ("wall", "cpu", "peak_mb") if f in v}
            | ({"error": v["error"]} if "error" in v else {})
            | ({"rows": v["rows"]} if "rows" in v else {})
            for k, v in rows.items()
        },
    }


_fresh_count = 0


def fresh(work: Path) -> Path:
    """A new, empty cache directory: a cold start."""
    global _fresh_count
    _fresh_count += 1
    return work / f"cache-{_fresh_count}"


def curated_commands(work: Path) -> dict[str, list[str]]:
    """The commands timed on the curated graph (`kg show` only where this version of kg has it)."""
    out = work / "curated"
    commands = {
        "kg query criminal-groups": ["query", "criminal-groups"],
        "kg query sources": ["query", "sources"],
        "kg path amlo cjng": ["path", "amlo", "cjng"],
        "kg validate": ["validate"],
        "kg build": ["build", "--out", str(out)],
        "kg viz": ["viz", "-o", str(out / "view.html")],
    }
    if kg("show", "--help")["status"] == 0:
        commands["kg show amlo"] = ["show", "amlo"]
    return commands


def measure_curated(work: Path, repeats: int = 3) -> dict:
    """Each command, start to exit, median of `repeats`: with the cache warm, and cold (a fresh empty cache)."""
    results: dict = {}
    warm_cache = fresh(work)
    for label, args in curated_commands(work).items():
        kg(*args, env={"KG_CACHE": str(warm_cache)})  # fills the cache (and Python's bytecode cache)
        warm = [kg(*args, env={"KG_CACHE": str(warm_cache)}) for _ in range(repeats)]
        cold = [kg(*args, env={"KG_CACHE": str(fresh(work))}) for _ in range(repeats)]
        failed = [r for r in warm + cold if r["status"] != 0]
        results[label] = {
            "warm": sorted(r["wall"] for r in warm)[repeats // 2],
            "cold": sorted(r["wall"] for r in cold)[repeats // 2],
            "warm_cpu": sorted(r["cpu"] for r in warm)[repeats // 2],
            "cold_cpu": sorted(r["cpu"] for r in cold)[repeats // 2],
            "warm_runs": [r["wall"] for r in warm],
            "cold_runs": [r["wall"] for r in cold],
            "peak_mb": max(r["peak_mb"] for r in warm + cold),
            "error": failed[0]["stderr"].strip()[-200:] if failed else None,
        }
        print(f"   {label}: warm {results[label]['warm']:.2f} s, cold {results[label]['cold']:.2f} s", file=sys.stderr)
    results["triples"] = sum(1 for _ in (work / "curated" / "mxsec.nt").open(encoding="utf-8"))
    return results


# ---------------------------------------------------------------------------------------------- reporting
def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def report(results: dict) -> str:
    sizes = [s for s in results["sizes"]]
    lines = []
    m = results["machine"]
    lines += [
        f"Machine: {m['cpus']} cores ({m['cpu_model']}), {m['memory']} memory; Python {m['python']} on {m['platform']};"
        f" rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']}, pyshacl {m['pyshacl']}, PyYAML {m['PyYAML']}"
        f" (libyaml: {m['libyaml']}), networkx {m['networkx']}.",
        f"Load average (1 min) at start {results['load_before']:.2f}, at end {results['load_after']:.2f}"
        f"; run took {results['seconds']:.0f} s.",
        "",
    ]
    curated = results.get("curated")
    if curated:
        lines += [
            f"Curated graph (graph/, {curated['triples']:,} triples), each command process start to exit, median of 3"
            " (seconds):",
            "",
            "| command | cache warm: wall (CPU) | cache cold: wall (CPU) | warm runs | cold runs | peak MB |",
            "|---|---|---|---|---|---|",
        ]
        for label, row in curated.items():
            if not isinstance(row, dict):
                continue
            note = f" (failed: {row['error']})" if row.get("error") else ""
            lines.append(
                f"| `{label}`{note} | **{row['warm']:.2f}** ({row.get('warm_cpu', float('nan')):.2f}) |"
                f" {row['cold']:.2f} ({row.get('cold_cpu', float('nan')):.2f}) | "
                f"{', '.join(f'{w:.2f}' for w in row['warm_runs'])} | {', '.join(f'{w:.2f}' for w in row['cold_runs'])}"
                f" | {row['peak_mb']:.0f} |"
            )
        if "kg show amlo" not in curated:
            lines.append("| `kg show` | – | – | not in this version of kg | | |")
        lines.append("")
    head = "| N entities | " + " | ".join(f"{s['info']['entities']:,}" for s in sizes) + " |"
    lines += [head, "|---|" + "---|" * len(sizes)]
    for key, label in (
        ("triples", "triples"),
        ("statements", "statements"),
        ("yaml_mb", "YAML MB"),
        ("nodes", "projection nodes"),
        ("edges", "projection edges"),
    ):
        cells = [s["info"].get(key) for s in sizes]
        lines.append(
            f"| {label} | "
            + " | ".join("–" if c is None else (f"{c:,.1f}" if isinstance(c, float) else f"{c:,}") for c in cells)
            + " |"
        )
    lines.append("")
    stages = list(dict.fromkeys(k for s in sizes for k in s["rows"]))
    header = "| stage | " + " | ".join(f"{s['info']['entities']:,}: wall s / CPU s / peak MB" for s in sizes)
    growth_heads = [
        f"×{sizes[i + 1]['info']['entities'] / sizes[i]['info']['entities']:.3g} N"
        f" ({sizes[i]['info']['entities'] // 1000}k → {sizes[i + 1]['info']['entities'] // 1000}k): wall (CPU)"
        for i in range(len(sizes) - 1)
    ]
    lines += [header + " | " + " | ".join(growth_heads) + " |", "|---|" + "---|" * (len(sizes) + len(growth_heads))]
    for stage in stages:
        cells, growth = [], []
        for s in sizes:
            row = s["rows"].get(stage)
            if row is None:
                cells.append("not run")
            elif "error" in row:
                stopped = "longer than" in row["error"]
                cells.append(f"> {row['wall']:.0f} (stopped)" if stopped else f"error: {row['error'][:60]}")
            else:
                rows_note = f" ({row['rows']:,} rows)" if "rows" in row else ""
                cells.append(f"{fmt(row['wall'])} / {fmt(row['cpu'])} / {row['peak_mb']:.0f}{rows_note}")
        for a, b in zip(sizes, sizes[1:], strict=False):
            ra, rb = a["rows"].get(stage), b["rows"].get(stage)
            if ra and rb and ra["wall"] > 0.005 and ra["cpu"] > 0.005 and "error" not in ra and "error" not in rb:
                growth.append(f"{rb['wall'] / ra['wall']:.1f} ({rb['cpu'] / ra['cpu']:.1f})")
            else:
                growth.append("–")
        lines.append(f"| {stage} | " + " | ".join(cells) + " | " + " | ".join(growth) + " |")
    lines.append("")
    lines += targets(results)
    return "\n".join(lines) + "\n"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**NOT met**"


def targets(results: dict) -> list[str]:
    """Issue 15's targets, each with its figure from this run and whether it is met."""
    lines = ["Targets (issue 15):", ""]
    curated = results.get("curated") or {}
    for label, row in curated.items():
        if not isinstance(row, dict):
            continue
        limit = TARGETS["build"] if label == "kg build" else TARGETS["viz"] if label == "kg viz" else TARGETS[
            "warm_command"]
        cpu = row.get("warm_cpu")
        lines.append(f"- curated `{label}`, cache warm, ≤ {limit} s: {row['warm']:.2f} s wall"
                     + (f", {cpu:.2f} s CPU" if cpu is not None else "")
                     + f" — {_verdict(row['warm'] <= limit)} (wall)"
                     + (f", {_verdict(cpu <= limit)} (CPU)" if cpu is not None else "")
                     + f"; cold: {row['cold']:.2f} s")
    for size in results["sizes"]:
        rows, info = size["rows"], size["info"]
        n, triples = info["entities"], info.get("triples", 0)
        build = rows.get("kg build, full SHACL (process)")
        bare = rows.get("kg build --no-shapes (process)")
        load = rows.get("Oxigraph loading the build's N-Triples")
        if n == 30000:
            if bare and load:
                lines.append(
                    f"- {n:,} entities ({triples:,} triples): `kg build --no-shapes` ≤ {TARGETS['large_build']:.0f} s"
                    f" and ≤ 1× Oxigraph's load of its N-Triples ({load['wall']:.1f} s): {bare['wall']:.1f} s"
                    f" ({bare['wall'] / load['wall']:.2f}×) — {_verdict(bare['wall'] <= TARGETS['large_build'])}"
                    f" (8 s), {_verdict(bare['wall'] <= load['wall'])} (1×)"
                    + (f"; with full SHACL {build['wall']:.1f} s" if build else "")
                )
            for engine, where in (("oxigraph", "in memory"), ("oxigraph-kept", "the store kept in the cache")):
                prefix = f"{engine}: query "
                queries = {k[len(prefix):]: v for k, v in rows.items() if k.startswith(prefix)}
                if not queries:
                    continue
                slow = {k: v for k, v in queries.items() if "error" in v or v["wall"] > TARGETS["query"]}
                lines.append(
                    f"- {n:,} entities: every named query ≤ {TARGETS['query']:.0f} s with Oxigraph ({where}):"
                    f" {len(queries) - len(slow)} of {len(queries)} — {_verdict(not slow)}"
                    + ("; over: " + ", ".join(
                        f"{k} {'> ' if 'error' in v else ''}{v['wall']:.1f} s" for k, v in slow.items()) if slow else "")
                )
            shacl = rows.get("SHACL: pyshacl-turbo validate (full)")
            text = rows.get("SHACL: the N-Triples text")
            if shacl:
                total = shacl["wall"] + (text["wall"] if text else 0)
                lines.append(f"- {n:,} entities: full SHACL ≤ {TARGETS['shacl']:.0f} s: {total:.1f} s (text"
                             f" {text['wall'] if text else 0:.1f} s + validation {shacl['wall']:.1f} s) —"
                             f" {_verdict(total <= TARGETS['shacl'])}")
        if n == 100000 and build:
            lines.append(
                f"- {n:,} entities ({triples:,} triples): `kg build` with full SHACL ≤ {TARGETS['huge_build']:.0f} s"
                f" and ≤ {TARGETS['huge_memory_mb'] / 1024:.0f} GB: {build['wall']:.1f} s, {build['peak_mb']:.0f} MB"
                f" peak — {_verdict(build['wall'] <= TARGETS['huge_build'])} (time),"
                f" {_verdict(build['peak_mb'] <= TARGETS['huge_memory_mb'])} (memory)"
            )
    return lines


def write_docs(text: str, path: Path = DOCS) -> None:
    """Replace the generated part of docs/benchmarks.md (between its markers) with this run's tables."""
    doc = path.read_text(encoding="utf-8")
    start, end = DOC_MARKERS
    if start in doc and end in doc:
        head, rest = doc.split(start, 1)
        tail = rest.split(end, 1)[1]
    else:
        head, tail = doc.rstrip("\n") + "\n\n", "\n"
    path.write_text(f"{head}{start}\n{text}{end}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,30000,100000", help="comma-separated entity counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a query is stopped")
    parser.add_argument("--shacl-max", type=int, default=100000, help="largest N to time SHACL on alone")
    parser.add_argument("--rdflib-max", type=int, default=10000, help="largest N to run rdflib's queries on")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite the tables in docs/benchmarks.md")
    parser.add_argument("--work", type=Path, help="directory for corpora and exports (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--no-curated", action="store_true", help="skip `kg build` of the curated graph")
    parser.add_argument("--report", type=Path,
                        help="print the tables of a --json file again (and rewrite docs/benchmarks.md), without running")
    parser.add_argument("--child", nargs="?", help=argparse.SUPPRESS)
    parser.add_argument("--graph", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--ttl", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "pipeline":
        return child_pipeline(args.graph, args.out)
    if args.child == "shacl":
        return child_shacl(args.graph)
    if args.child == "queries":
        return child_queries(args.graph, args.engine, args.timeout)
    if args.child == "rdflib-parse":
        return child_rdflib_parse(args.ttl)
    if args.child == "oxigraph-load":
        return child_oxigraph_load(args.ttl)

    if args.report:
        text = report(json.loads(args.report.read_text(encoding="utf-8")))
        print(text)
        if not args.no_docs:
            write_docs(text)
        return
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    results: dict = {"machine": machine(), "load_before": load_before, "sizes": []}
    try:
        if not args.no_curated:
            results["curated"] = measure_curated(work)
            if args.json:
                results["load_after"], results["seconds"] = os.getloadavg()[0], time.perf_counter() - started
                args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        for n in sizes:
            results["sizes"].append(measure_size(n, args.seed, work, args))
            if args.json:  # as it goes, so a long run interrupted still leaves its figures (--report prints them)
                results["load_after"], results["seconds"] = os.getloadavg()[0], time.perf_counter() - started
                args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    finally:
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["load_after"] = os.getloadavg()[0]
    results["seconds"] = time.perf_counter() - started
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    text = report(results)
    print(text)
    if not args.no_docs:
        write_docs(text)


if __name__ == "__main__":
    main()
