"""How big the explorer page is, how long the browser takes to a usable first render, and to open the timeline.

Prints, for the real graph in graph/ and for a synthetic 5,000-entity graph generated here (people, organisations,
places and dated events with participants, built directly as a model, so its projection has ~5,000 nodes): the time
to render the HTML, the file size, and in headless Chromium (Playwright, network blocked) the time from navigation to
the layout being stable and frozen (the network drawn and usable), as seen from outside and as the page measured
it, then how long the timeline, the map and the charts take to draw when first opened (plotly.js compiled on first use).

    .venv/bin/python benchmarks/viz_layout.py [--nodes 5000] [--skip-real] [--out test-artifacts/viz-benchmark]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

from kg.core.model import Citation, Entity, Model, Section, Statement, Value
from kg.core.problems import Pos
from kg.load.vocabulary import load_vocabulary
from kg.outputs.projection import project
from kg.pipeline import check_graph
from kg.view.page import render_view

XSD = "http://www.w3.org/2001/XMLSchema#"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_model(count: int, seed: int = 1) -> Model:
    """A graph of `count` drawable entities: 30% people, 10% organisations, 10% places, 50% dated events."""
    rng = random.Random(seed)
    pos = Pos("synthetic.yaml", 1, 1)
    model = Model()
    source = Entity("article", "Article", pos, labels={"en": "Synthetic article"})
    source.sections["body"] = Section("body", "Body", 50, pos)
    model.entities[source.id] = source

    def cite() -> list[Citation]:
        return [Citation("article", "body", rng.randint(1, 50), pos)]

    def add(entity_id: str, type_name: str, label: str) -> Entity:
        entity = Entity(entity_id, type_name, pos, labels={"en": label, "es": label},
                        descriptions={"en": f"A synthetic {type_name.lower()}."}, citations=cite())
        model.entities[entity_id] = entity
        return entity

    def state(subject: Entity, predicate: str, value: Value, **qualifiers: Value) -> None:
        subject.statements.append(Statement(subject.id, predicate, value, cite(), pos, dict(qualifiers)))

    def entity(text: str) -> Value:
        return Value("entity", text)

    def date(text: str) -> Value:
        return Value("literal", text, XSD + ("gYear" if len(text) == 4 else "date"))

    people = [add(f"person-{i}", "Person", f"Person {i}") for i in range(int(count * 0.3))]
    orgs = [add(f"org-{i}", rng.choice(["CriminalOrganization", "GovernmentAgency", "SecurityForce"]), f"Org {i}")
            for i in range(int(count * 0.1))]
    states = [add(f"state-{i}", "State", f"State {i}") for i in range(32)]
    places = states + [add(f"place-{i}", "Municipality", f"Municipality {i}") for i in range(int(count * 0.1) - 32)]
    events = [add(f"event-{i}", "Incident", f"Event {i}") for i in range(count - len(people) - len(orgs) - len(places))]
    for place in places[32:]:
        state(place, "locatedIn", entity(rng.choice(states).id))
    for person in people:
        state(person, "memberOf", entity(rng.choice(orgs).id), start=date(str(rng.randint(2006, 2020))))
    for org in orgs:
        state(org, "basedIn", entity(rng.choice(places).id))
    for event in events:
        state(event, "date", date(f"{rng.randint(2006, 2021)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
        state(event, "place", entity(rng.choice(places).id))
        for actor in rng.sample(people, 1) + rng.sample(orgs, 1):
            state(event, "participant", entity(actor.id), role=Value("concept", "https://w3id.org/mxsec/concept/victim"))
    return model


def measure_in_browser(path: Path, chromium: str) -> tuple[float, float, int, int]:
    """Seconds from navigation to a stable layout (outside view, page's own clock), nodes drawn, physics iterations;
    a screenshot of the frozen layout is saved next to the page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        blocked: list[str] = []

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-layout=stable]", state="attached", timeout=600_000)
        wall = time.perf_counter() - started
        own = page.evaluate("kgView.net.layoutMs") / 1000
        iterations = page.evaluate("kgView.net.iterations")
        drawn = len(page.evaluate("kgView.drawnNodeIds()"))
        page.screenshot(path=str(path.with_suffix(".png")))
        views = []
        for view in ("timeline", "map", "charts"):
            t0 = time.perf_counter()
            page.evaluate(f"location.hash = '#/{view}'")
            # Drawn: the hint no longer says "Drawing…" (it is set after the plot is made).
            page.wait_for_function("v => { const h = document.getElementById(v + '-hint').textContent;"
                                   " return h.length > 0 && !h.endsWith('…'); }", arg=view, timeout=600_000)
            views.append(time.perf_counter() - t0)
            page.screenshot(path=str(path.with_name(f"{path.stem}-{view}.png")))
        browser.close()
        if blocked:
            raise SystemExit(f"the page tried to reach the network: {blocked[:3]}")
        return wall, own, drawn, iterations, views


def report(name: str, model: Model, vocab, chromium: str | None, out_dir: Path) -> None:
    started = time.perf_counter()
    html = render_view(model, vocab)
    render = time.perf_counter() - started
    path = out_dir / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    graph = project(model, vocab)
    size = path.stat().st_size
    line = (f"{name:<12} {graph.number_of_nodes():>6} nodes {graph.number_of_edges():>6} edges  "
            f"render {render:6.2f} s  file {size / 1e6:6.2f} MB")
    if chromium:
        wall, own, drawn, iterations, views = measure_in_browser(path, chromium)
        line += (f"  usable (stable, frozen) after {wall:6.2f} s (page's clock {own:6.2f} s, {iterations} iterations),"
                 f" {drawn} drawn; first open: timeline {views[0]:.2f} s, map {views[1]:.2f} s,"
                 f" charts {views[2]:.2f} s")
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--out", default="test-artifacts/viz-benchmark", help="where the pages and screenshots go")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found: sizes only", file=sys.stderr)
    vocab = load_vocabulary()
    out_dir = Path(args.out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    if not args.skip_real:
        result = check_graph(Path("graph"))
        if not result.ok:
            raise SystemExit("graph/ has errors: run kg validate")
        report("real-graph", result.model, result.vocab, chromium, out_dir)
    report("synthetic", synthetic_model(args.nodes), vocab, chromium, out_dir)


if __name__ == "__main__":
    main()
