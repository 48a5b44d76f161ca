"""Event matching: how well it finds the events two sources report (precision and recall on synthetic duplicates)
and how fast it runs at scale (100,000 imported rows against 30,000 events).

    .venv/bin/python benchmarks/matching.py [--events 30000] [--records 100000] [--seed 1] [--synth-entities 60000]

1. Quality: `kg.importers.match_synth` makes a set of events and of records, ~40 % of which report one of the events
   with the noise two sources give (a date a day off or given as a week, a locality for the municipality or only a
   point nearby, a broader type, other or no actors, another toll) and the rest other events, ~20 % of them on the
   same day in the same town (another kind of violence, other actors) and ~15 % the same kind in the same town a
   week or more apart. Prints precision and recall of the proposals (targets: 0.9 each) for three seeds.
2. Speed: the same generator at --events and --records, timing `best_matches` (blocking, scoring, choosing); and on
   a graph written by `kg synth` (--synth-entities, half of them events), the time to read its events into match
   records (`graph_records`), which an import adds once. Target: matching 100,000 rows against 30,000 events in
   under 2 minutes on this machine. Prints wall and CPU seconds and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from kg.importers.match_synth import precision_recall, synthetic_set  # noqa: E402
from kg.importers.matching import best_matches, graph_records  # noqa: E402

TARGET_SECONDS = 120.0


def timed(work):
    wall, cpu = time.perf_counter(), time.process_time()
    value = work()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--synth-entities", type=int, default=60_000, help="0 skips the kg synth graph")
    args = parser.parse_args()

    print("## Quality: synthetic duplicates (2,000 events, 6,000 records)\n")
    print("| seed | proposals | correct | duplicates | precision | recall |\n|---|---|---|---|---|---|")
    for seed in (args.seed, args.seed + 1, args.seed + 2):
        data = synthetic_set(2000, 6000, seed=seed)
        found = {m.record.id: m.event.id for m in best_matches(data.records, data.events)}
        precision, recall, proposals, correct, duplicates = precision_recall(found, data.truth)
        print(f"| {seed} | {proposals:,} | {correct:,} | {duplicates:,} | {precision:.3f} | {recall:.3f} |")

    print(f"\n## Speed: {args.records:,} records against {args.events:,} events\n")
    data, wall, cpu = timed(lambda: synthetic_set(args.events, args.records, seed=args.seed))
    print("| step | wall s | CPU s |\n|---|---|---|")
    print(f"| generate the records (not part of matching) | {wall:.1f} | {cpu:.1f} |")
    found, wall, cpu = timed(lambda: best_matches(data.records, data.events))
    precision, recall, *_ = precision_recall({m.record.id: m.event.id for m in found}, data.truth)
    print(f"| match (block, score, choose): {len(found):,} proposals, precision {precision:.3f}, recall "
          f"{recall:.3f} | {wall:.1f} | {cpu:.1f} |")
    total = wall
    if args.synth_entities:
        from kg.pipeline import check_graph

        with tempfile.TemporaryDirectory(prefix="kg-match-bench-") as work:
            graph = Path(work) / "graph"
            subprocess.run([sys.executable, "-m", "kg", "synth", "-n", str(args.synth_entities), "--out", str(graph)],
                           check=True, capture_output=True)
            build = check_graph(graph, shapes=False)
            records, wall, cpu = timed(lambda: graph_records(build.model, build.vocab))
            print(f"| read the events of a kg synth graph of {args.synth_entities:,} entities into records "
                  f"({len(records):,} events) | {wall:.1f} | {cpu:.1f} |")
            total += wall
    met = "met" if total <= TARGET_SECONDS else "MISSED"
    print(f"\ntarget: matching {args.records:,} rows against {args.events:,} events in under {TARGET_SECONDS:.0f} s: "
          f"{total:.1f} s wall, {met}")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
