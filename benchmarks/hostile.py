"""Hostile inputs: the checks stay linear where a careless or hostile graph could make them quadratic.

    .venv/bin/python benchmarks/hostile.py [--refs 10000] [--literal-mb 10]

Each case is the small test graph (tests/fixtures/mini) plus one generated file, validated in-process through
`kg.pipeline.check_graph` with SHACL on (what `kg validate` does). Budgets: 10k references to one misspelt id, and one
10 MB description, each validate in at most 2 s. Prints one Markdown row per case: wall seconds, problems found,
budget and whether it was met. On a shared machine compare the CPU seconds: most of the first case is PyYAML composing
30,000 lines, and the vocabulary (~0.3 s) is loaded in each run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "fixtures" / "mini"
BUDGET_SECONDS = 2.0


def many_references(refs: int) -> str:
    """One person a member of a misspelt organisation `refs` times (one statement each)."""
    lines = ["- id: many-refs", "  type: Person", "  label: Many references", "  cite: curator", "  statements:"]
    for i in range(refs):
        lines += ["    - memberOf: sinaloa-cartell", f"      cite: article-a §body ¶{i % 3 + 1}"]
    return "\n".join(lines) + "\n"


def long_literal(megabytes: float) -> str:
    """One person whose English description is `megabytes` MB of text on one line."""
    words = ("lorem ipsum dolor sit amet " * (int(megabytes * (1 << 20)) // 27 + 1))[: int(megabytes * (1 << 20))]
    return f"- id: long-text\n  type: Person\n  label: Long text\n  description: \"{words}\"\n  cite: curator\n"


def run_case(name: str, text: str) -> tuple[float, float, int]:
    from kg.pipeline import check_graph

    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph"
        shutil.copytree(MINI, graph)
        (graph / "hostile.yaml").write_text(text, encoding="utf-8")
        started, cpu = time.perf_counter(), time.process_time()
        result = check_graph(graph)
        return time.perf_counter() - started, time.process_time() - cpu, len(result.problems.errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refs", type=int, default=10_000)
    parser.add_argument("--literal-mb", type=float, default=10.0)
    args = parser.parse_args(argv)
    run_case("warm-up", "")  # imports and the vocabulary, so the cases measure the checks
    print("| case | wall s | CPU s | errors | budget (wall) | met |\n|---|---|---|---|---|---|")
    met = True
    for name, text in (
        (f"{args.refs:,} references to one unknown id", many_references(args.refs)),
        (f"one {args.literal_mb:g} MB literal", long_literal(args.literal_mb)),
    ):
        seconds, cpu, errors = run_case(name, text)
        ok = seconds <= BUDGET_SECONDS
        met = met and ok
        print(f"| {name} | {seconds:.2f} | {cpu:.2f} | {errors:,} | ≤ {BUDGET_SECONDS:g} s | {'yes' if ok else 'NO'} |")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
