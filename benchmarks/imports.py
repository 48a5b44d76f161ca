"""Import speed: `kg import acled` on a generated ACLED export (invented rows in ACLED's 31-column layout).

    .venv/bin/python benchmarks/imports.py [--rows 100000] [--graph graph] [--seed 1] [--validate]

Writes the CSV to a temporary folder, then times, in this process: reading and checking the rows, building the
entities (reconciling places and actors against the graph), rendering the YAML, checking the graph as the import
would leave it (in memory, as `kg import` does before writing), writing it, and importing the same file again (the merge that finds nothing changed). With --validate it also runs `check_graph` (no SHACL) on the graph
plus the imported file. Prints wall and CPU seconds and rows per CPU second for each step (on a shared machine
the CPU figures are the ones to compare), and the peak memory.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from kg.core.acled_layout import ACLED_COLUMNS, SUB_EVENT_TYPES  # noqa: E402
from kg.core.problems import Problems  # noqa: E402
from kg.importers.acled import import_acled, read_acled  # noqa: E402
from kg.importers.check_import import check_import  # noqa: E402
from kg.pipeline import check_graph  # noqa: E402

STATES = {"Sinaloa": ["Culiacan", "Mazatlan", "Navolato", "Ahome"], "Guerrero": ["Acapulco", "Iguala", "Chilpancingo"],
          "Michoacan": ["Aguililla", "Uruapan", "Zamora"], "Jalisco": ["Guadalajara", "Zapopan", "Tlaquepaque"],
          "Guanajuato": ["Celaya", "Irapuato", "Leon"]}
ACTORS = [("Sinaloa Cartel", "Political militia"), ("CJNG: Jalisco New Generation Cartel", "Political militia"),
          ("Unidentified Armed Group (Mexico)", "Political militia"), ("Police Forces of Mexico (2018-2024)", "State forces"),
          ("Military Forces of Mexico (2018-2024)", "State forces"), ("Civilians (Mexico)", "Civilians"),
          ("Protesters (Mexico)", "Protesters")] + [(f"Invented Gang {n}", "Political militia") for n in range(200)]


def generate(path: Path, rows: int, seed: int) -> None:
    """`rows` invented events: ids MEX0.., dates 2018-2024, places from a few states with invented localities."""
    rng = random.Random(seed)
    subs = list(SUB_EVENT_TYPES.items())
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(ACLED_COLUMNS)
        for n in range(rows):
            sub, (event_type, _) = rng.choice(subs)
            state = rng.choice(list(STATES))
            muni = rng.choice(STATES[state])
            location = muni if rng.random() < 0.6 else f"Localidad {rng.randrange(2000)}"
            a1, i1 = rng.choice(ACTORS)
            a2, i2 = rng.choice(ACTORS) if rng.random() < 0.7 else ("", "")
            date = f"{rng.randrange(2018, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            row = dict.fromkeys(ACLED_COLUMNS, "")
            row.update(event_id_cnty=f"MEX{n}", event_date=date, year=date[:4], time_precision=str(rng.choice((1, 1, 2, 3))),
                       event_type=event_type, sub_event_type=sub, actor1=a1, inter1=i1, actor2=a2, inter2=i2,
                       iso="484", country="Mexico", admin1=state, admin2=muni, location=location,
                       latitude=f"{rng.uniform(15, 30):.4f}", longitude=f"{rng.uniform(-115, -87):.4f}",
                       geo_precision=str(rng.choice((1, 1, 2, 3))), source=rng.choice(["Invented Daily", "Example Times"]),
                       notes=f"Invented benchmark row {n}.", fatalities=str(rng.choice((0, 0, 1, 2, 5))))
            writer.writerow([row[c] for c in ACLED_COLUMNS])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--graph", type=Path, default=REPO / "graph")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--validate", action="store_true", help="also check the graph with the imported file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-import-bench-"))
    try:
        csv_path = work / "acled.csv"
        generate(csv_path, args.rows, args.seed)
        graph = work / "graph"
        shutil.copytree(args.graph, graph)
        build = check_graph(graph, shapes=False)
        target = graph / "imports" / "acled-data.yaml"
        figures: list[tuple[str, float, float]] = []  # (step, wall seconds, CPU seconds)

        def timed(name: str, work):
            wall, cpu = time.perf_counter(), time.process_time()
            value = work()
            figures.append((name, time.perf_counter() - wall, time.process_time() - cpu))
            return value

        problems = Problems()
        events = timed("read and check the CSV", lambda: read_acled(csv_path, problems))
        assert not problems.errors, problems.errors[:3]
        result = timed("build entities and render YAML",
                       lambda: import_acled(csv_path, events, build.model, build.vocab, target))
        after = timed("check the graph as the import would leave it (loader, checks, SHACL; in memory)",
                      lambda: check_import(result, build.model, build.vocab, shapes=True))
        assert not after.errors, [str(p) for p in after.errors[:3]]
        target.parent.mkdir(parents=True, exist_ok=True)
        timed("write the file", lambda: target.write_text(result.text, encoding="utf-8"))
        wall_total, cpu_total = sum(f[1] for f in figures), sum(f[2] for f in figures)
        again = timed("re-import of the same file (merge)",
                      lambda: import_acled(csv_path, events, build.model, build.vocab, target))
        print(f"ACLED import, {args.rows:,} generated rows into {args.graph} "
              f"({result.text.count(chr(10)):,} lines, {len(result.text.encode()) / 1e6:.1f} MB of YAML); "
              f"re-import changed the file: {again.changed}")
        print("| step | wall s | CPU s | rows/s (CPU) |\n|---|---|---|---|")
        for name, wall, cpu in figures[:4]:
            print(f"| {name} | {wall:.2f} | {cpu:.2f} | {args.rows / max(cpu, 1e-9):,.0f} |")
        print(f"| **import, total** | {wall_total:.2f} | {cpu_total:.2f} | {args.rows / cpu_total:,.0f} |")
        name, wall, cpu = figures[4]
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {args.rows / cpu:,.0f} |")
        if args.validate:
            checked = timed("validate", lambda: check_graph(graph, shapes=False))
            _, wall, cpu = figures[-1]
            print(f"| kg validate --no-shapes, graph + import ({len(checked.model.entities):,} entities, "
                  f"{len(checked.problems.errors)} errors) | {wall:.2f} | {cpu:.2f} | |")
        print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
