"""Benchmark of `kg diff`: two versions of the real graph, and two 30,000-entity synthetic versions that differ in 1 %
of their statements, each compared as git revisions by a fresh `kg diff` process (start to exit).

    .venv/bin/python -m benchmarks.diff [--entities 30000] [--share 0.01] [--seed 1] [--repeats 3]

The synthetic pair: `kg synth` writes the first version into a new git repository (commit 1); the second edits a
share of the statements, chosen with the seed — a number changed, a citation moved to another paragraph, a
participant removed — and is committed (commit 2). Figures are medians of `--repeats` runs; the targets (issue 23)
are 2 s for the real graph and 30 s for the synthetic pair. It prints one Markdown table (docs/benchmarks.md, "kg
diff") and the load average, since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGETS = {"real": 2.0, "synthetic": 30.0}
_NUMBER = re.compile(r"^(\s+(?:- )?(?:killed|injured|value|count): )(\d+)$")
_CITE = re.compile(r"^(\s+cite: )(article-\d+) §[a-z0-9-]+ ¶\d+$")
_PARTICIPANT = re.compile(r"^    - participant: ")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def edit(text: str, rng: random.Random, share: float) -> tuple[str, int]:
    """The file with about `share` of its statements changed; and how many edits were made."""
    lines = text.split("\n")
    out, edits, skip = [], 0, 0
    for index, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if rng.random() < share * 1.3:  # about one edit in 1.3 tries finds a line it can change
            number, cite = _NUMBER.match(line), _CITE.match(line)
            if number:
                out.append(f"{number.group(1)}{int(number.group(2)) + 1}")
                edits += 1
                continue
            if cite:
                out.append(f"{cite.group(1)}{cite.group(2)} §byline ¶1")
                edits += 1
                continue
            if _PARTICIPANT.match(line) and out and out[-1].startswith("      ") and index + 2 < len(lines) and lines[index + 1].startswith("      role:") \
                    and lines[index + 2].startswith("      cite:") and (index + 3 >= len(lines)
                                                                      or not lines[index + 3].startswith("       ")):
                skip = 2  # the participant, its role and its citation
                edits += 1
                continue
        out.append(line)
    return "\n".join(out), edits


def synthetic_repository(work: Path, entities: int, share: float, seed: int) -> tuple[Path, int]:
    repo = work / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "bench@example.org")
    git(repo, "config", "user.name", "Benchmark")
    subprocess.run([sys.executable, "-m", "kg", "synth", "--entities", str(entities), "--seed", str(seed), "--out",
                    str(repo / "graph")], check=True, capture_output=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "version 1")
    rng = random.Random(seed)
    edits = 0
    for path in sorted((repo / "graph").rglob("*.yaml")):
        text, made = edit(path.read_text(encoding="utf-8"), rng, share)
        path.write_text(text, encoding="utf-8")
        edits += made
    git(repo, "commit", "-q", "-am", "version 2")
    return repo, edits


def timed(argv: list[str], repeats: int) -> tuple[float, float, str]:
    """Median wall and CPU seconds of a command (a fresh process each time), and its last stderr line."""
    walls, cpus, last = [], [], ""
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, "KG_CACHE": "off"})
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {done.stderr[-2000:]}")
        last = (done.stderr.strip().splitlines() or [""])[-1]
    return statistics.median(walls), statistics.median(cpus), last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=30000)
    parser.add_argument("--share", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    kg = [sys.executable, "-m", "kg", "diff", "--format", "json"]
    rows = []
    real = ["fb0a530~1", "fb0a530"]  # one commit of this repository: Ayotzinapa's event types
    wall, cpu, counts = timed([*kg, *real, "--graph", str(REPO / "graph")], args.repeats)
    rows.append(("real graph, one commit (" + " → ".join(real) + ")", wall, cpu, counts, TARGETS["real"]))
    wall, cpu, counts = timed([*kg, "4ba1d73", "HEAD", "--graph", str(REPO / "graph")], args.repeats)
    rows.append(("real graph, 4ba1d73 → HEAD (many commits)", wall, cpu, counts, TARGETS["real"]))
    with tempfile.TemporaryDirectory(prefix="kg-diff-bench-") as folder:
        repo, edits = synthetic_repository(Path(folder), args.entities, args.share, args.seed)
        wall, cpu, counts = timed([*kg, "HEAD~1", "HEAD", "--graph", str(repo / "graph")], args.repeats)
        rows.append((f"synthetic, {args.entities:,} entities, {edits:,} edits", wall, cpu, counts,
                     TARGETS["synthetic"]))
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; medians of {args.repeats} runs\n")
    print("| versions | wall s | CPU s | target | what kg diff found |")
    print("|---|---|---|---|---|")
    for name, wall, cpu, counts, target in rows:
        verdict = "met" if wall <= target else "missed"
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {target:.0f} s: {verdict} | {counts.split(': ', 1)[-1]} |")


if __name__ == "__main__":
    main()
