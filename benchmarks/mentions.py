"""`kg mentions` on large texts: the time grows in proportion to the text, even when it is one paragraph.

    .venv/bin/python benchmarks/mentions.py [--sizes 1,10,20] [--graph graph] [--seed 1]

For each size (in MB) it writes a text of words drawn at random from the invented news texts of
tests/fixtures/news/ (names the graph holds, new names, numbers and dates, in English and Spanish), once as a single
paragraph (the worst case: one line, as a copied web page can be) and once as paragraphs of ~100 words, and times the
real command line (`python -m kg mentions FILE --graph GRAPH`, process start to exit, report written to a file) with
the compiled-graph cache warm. Prints one Markdown row per text: wall and CPU seconds, seconds per MB, peak memory,
and the size of the report. Budget: a 20 MB text in at most 60 s of CPU on this 2-core machine (before, a 320 kB
paragraph took 20.8 s and 1 MB over 300 s).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / "tests" / "fixtures" / "news"
BUDGET_CPU_SECONDS_20MB = 60.0


def make_text(path: Path, megabytes: float, seed: int, paragraph_words: int | None) -> None:
    """About `megabytes` MB of words from the news fixtures; one line, or paragraphs of `paragraph_words` words."""
    words = [w for f in sorted(NEWS.glob("*.txt")) for w in f.read_text(encoding="utf-8").split()]
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    with open(path, "w", encoding="utf-8") as out:
        written = count = 0
        while written < target:
            word = rng.choice(words)
            count += 1
            sep = "\n\n" if paragraph_words and count % paragraph_words == 0 else " "
            out.write(word + sep)
            written += len(word.encode("utf-8")) + len(sep)
        out.write("\n")


def run_mentions(text: Path, graph: Path, report: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and exit status of one `kg mentions` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(report, "wb") as out:
        done = subprocess.run([sys.executable, "-m", "kg", "mentions", str(text), "--graph", str(graph)],
                              stdout=out, stderr=subprocess.PIPE, cwd=REPO)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
    return wall, cpu, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,20", help="text sizes in MB, comma-separated")
    parser.add_argument("--graph", type=Path, default=REPO / "graph")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    subprocess.run([sys.executable, "-m", "kg", "validate", "--graph", str(args.graph)], cwd=REPO,
                   capture_output=True)  # the cache warm, as a curator's second command finds it
    print("| text | MB | wall s | CPU s | CPU s per MB | peak memory MB | report kB | status |")
    print("|---|---|---|---|---|---|---|---|")
    cpu_20 = None
    with tempfile.TemporaryDirectory(prefix="kg-mentions-bench-") as work:
        for size in sizes:
            for shape, paragraph_words in (("one paragraph", None), ("paragraphs of 100 words", 100)):
                text = Path(work) / f"text-{size}-{paragraph_words}.txt"
                report = Path(work) / "report.txt"
                make_text(text, size, args.seed, paragraph_words)
                megabytes = text.stat().st_size / 1_000_000
                wall, cpu, status = run_mentions(text, args.graph, report)
                peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
                print(f"| {shape} | {megabytes:.1f} | {wall:.1f} | {cpu:.1f} | {cpu / megabytes:.2f} | {peak:.0f} | "
                      f"{report.stat().st_size / 1000:.0f} | {'ok' if status == 0 else f'exit {status}'} |",
                      flush=True)
                if size == 20 and paragraph_words is None:
                    cpu_20 = cpu
                text.unlink()
    if cpu_20 is not None:
        met = "met" if cpu_20 <= BUDGET_CPU_SECONDS_20MB else "MISSED"
        print(f"\nbudget: a 20 MB one-paragraph text in at most {BUDGET_CPU_SECONDS_20MB:.0f} CPU s: {cpu_20:.1f} s, "
              f"{met}")


if __name__ == "__main__":
    main()
