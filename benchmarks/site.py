"""Benchmark of `kg site`: the curated graph's site (with the explorer) and a synthetic graph's (without it).

    .venv/bin/python benchmarks/site.py [--entities 30000] [--seed 1] [--out DIR] [--json results.json]

For each graph it fills the compiled-graph cache first (`kg validate`, not timed: the site reads the checked graph
as every command does), then times `kg site` in a process of its own, start to exit: wall seconds, CPU seconds (the
process and its forked second writer), the peak memory of the largest process (ru_maxrss) and the peak of the whole
process tree (sampled every 0.2 s from /proc, the figure that matters when two writers share the machine), the files,
pages and bytes written. It prints a Markdown table for docs/benchmarks.md. Figures are from one run: on a shared
machine, compare CPU seconds, and look at the load average printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg"]


def _tree_rss(root: int) -> int:
    """The resident memory of a process and all its descendants, in bytes (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def measure(args: list[str], env: dict) -> dict:
    """Run `kg ARGS` and measure it (see the module's text): its own rusage (os.wait4), not that of earlier runs."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([*KG, *args], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss(process.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        err.seek(0)
        message = err.read().decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed:\n{message}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "max_rss_mb": usage.ru_maxrss / 1024,
            "tree_peak_mb": peak[0] / 1e6}


def site_figures(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"files": len(files), "pages": sum(1 for p in files if p.suffix == ".html"),
            "mb": sum(p.stat().st_size for p in files) / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="Work folder (default: a temporary one, removed).")
    parser.add_argument("--json", type=Path, default=None)
    options = parser.parse_args()
    work = options.out or Path(tempfile.mkdtemp(prefix="kg-site-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "KG_CACHE": str(work / "cache")}
    rows = []
    try:
        graphs = [("curated graph, with the explorer", REPO / "graph", [])]
        synthetic = work / f"synth-{options.entities}"
        if not synthetic.exists():
            subprocess.run([*KG, "synth", "--entities", str(options.entities), "--seed", str(options.seed),
                            "--out", str(synthetic)], cwd=REPO, env=env, check=True, capture_output=True)
        graphs.append((f"synthetic, {options.entities:,} entities, --no-explorer", synthetic, ["--no-explorer"]))
        for name, graph, extra in graphs:
            subprocess.run([*KG, "validate", "--graph", str(graph), "-q"], cwd=REPO, env=env, check=True,
                           capture_output=True)
            out = work / f"site-{graph.name}"
            shutil.rmtree(out, ignore_errors=True)
            figures = measure(["site", str(out), "--graph", str(graph), "-q", *extra], env)
            figures.update(site_figures(out), graph=name)
            rows.append(figures)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        if options.out is None:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, {os.cpu_count()} cores\n")
    print("| graph | wall s | CPU s | peak MB (largest process) | peak MB (process tree) | pages | files | MB written |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['graph']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['max_rss_mb']:.0f} | {r['tree_peak_mb']:.0f} | "
              f"{r['pages']:,} | {r['files']:,} | {r['mb']:.0f} |")
    if options.json:
        options.json.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
