"""Driving the explorer in a real browser, for the browser tests: Debian's Chromium through Playwright, the page
opened from file:// with every non-file request blocked and recorded, its console errors collected, and the means to
find what it drew (nodes, labels, plot items) where a reader sees them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from conftest import FIXTURES, REPO, require_program
from kg.pipeline import check_graph
from kg.view.page import render_view

RICH = FIXTURES / "viz" / "rich"
INJECTION = FIXTURES / "viz" / "injection"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP, PHONE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}

# Where a plotly item (bar, marker) with a given customdata id is on the screen, scrolled into view: plotly draws
# each subplot's traces in its layers, in the data's order, one `.point` per data point.
PLOT_POINT = """([box, id]) => {
  const gd = document.getElementById(box) || document.querySelector(box);
  const seen = {};
  for (const trace of gd._fullData) {
    const subplot = (trace.xaxis || 'x') + (trace.yaxis || 'y');
    const layer = trace.type === 'bar' ? 'barlayer' : 'scatterlayer';
    const n = seen[subplot + layer] = (seen[subplot + layer] || 0) + 1;
    const k = (trace.customdata || []).indexOf(id);
    if (k < 0) continue;
    const group = gd.querySelectorAll('.subplot.' + subplot + ' .' + layer + ' .trace')[n - 1];
    const point = group.querySelectorAll('.point')[k];
    point.scrollIntoView({block: 'center'});
    const r = point.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
  }
  return null; }"""

# The row names of the timeline, each whole (a name wrapped on several lines is one name).
TICK_NAMES = """box => [...document.querySelectorAll('#' + box + ' .yaxislayer-above text')].map((t) => {
  const lines = [...t.querySelectorAll('tspan.line')];
  return lines.length ? lines.map((l) => l.textContent).join(' ') : t.textContent; })"""


def launch_browser() -> Iterator:
    """Chromium for a test module (a module-scoped fixture yields from this); missing under CI=true, a failure."""
    chromium = require_program("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The labels drawn on the network's canvas, measured again with the browser's own text metrics from where and in which
# font the page drew each line (textAlign centre, textBaseline middle): one box per label in page coordinates, with
# its text, kind (node or edge), id and font size.
MEASURED_LABELS = """() => {
  const r = document.getElementById('network').getBoundingClientRect();
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
  return kgView.labels().map((label) => {
    ctx.font = label.font;
    let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    label.lines.forEach((text, i) => {
      const [x, y] = label.at[i], m = ctx.measureText(text);
      left = Math.min(left, r.left + x - m.actualBoundingBoxLeft);
      right = Math.max(right, r.left + x + m.actualBoundingBoxRight);
      top = Math.min(top, r.top + y - m.fontBoundingBoxAscent);
      bottom = Math.max(bottom, r.top + y + m.fontBoundingBoxDescent);
    });
    return {kind: label.kind, id: label.id, lines: label.lines, size: parseFloat(/([0-9.]+)px/.exec(label.font)[1]),
            box: [left, top, right, bottom]};
  }); }"""


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels whose measured boxes intersect."""
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                found.append((" ".join(a["lines"]), " ".join(b["lines"])))
    return found


class View:
    """One opened page, with what it tried to fetch and what it logged."""

    def __init__(self, browser, path: Path, viewport: dict = DESKTOP, hash: str = ""):
        self.page = browser.new_page(viewport=viewport)
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri() + hash)
        self.page.wait_for_selector("body[data-layout=stable]", state="attached", timeout=180_000)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def drawn(self) -> set[str]:
        """The nodes vis-network draws (visible, not hidden by a filter)."""
        return set(self.eval("kgView.drawnNodeIds()"))

    def node_point(self, node_id: str) -> tuple[float, float]:
        return tuple(self.eval("""id => {
            const net = kgView.network, p = net.canvasToDOM(kgView.positions([id])[id]);
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", node_id))

    def settle(self) -> None:
        """Wait until any focus animation has finished: the view stops moving."""
        camera = "[kgView.network.getViewPosition(), kgView.network.getScale()]"
        state = self.eval(camera)
        for _ in range(80):
            self.page.wait_for_timeout(60)
            state, previous = self.eval(camera), state
            if state == previous:
                return

    def settled_point(self, node_id: str) -> tuple[float, float]:
        self.settle()
        return self.node_point(node_id)

    def click_node(self, node_id: str) -> None:
        self.page.wait_for_timeout(150)  # a canvas resize (the entity page opening or closing) lands first
        self.page.mouse.click(*self.settled_point(node_id))
        self.page.wait_for_function("id => location.hash.split('?')[0] === '#/entity/' + id", arg=node_id)

    def canvas_box(self) -> list[float]:
        """The network canvas on the page: [left, top, right, bottom]."""
        return self.eval("(() => { const r = document.getElementById('network').getBoundingClientRect();"
                         " return [r.left, r.top, r.right, r.bottom]; })()")

    def labels(self) -> list[dict]:
        """The labels drawn on the network's canvas, as measured by MEASURED_LABELS."""
        self.page.wait_for_timeout(60)  # the frame after the last change is drawn
        return self.eval(MEASURED_LABELS)

    def assert_labels_readable(self, names: dict[str, str], at_least: int, must: tuple[str, ...] = ()) -> list[dict]:
        """The drawn labels: none overlaps another, all inside the canvas, at least `at_least` of them (with the
        entities in `must` named), at 11 px or more, and each a name broken between words only. `names` maps an
        entity id to its name as the page shows it."""
        labels = self.labels()
        assert overlapping(labels) == []
        left, top, right, bottom = self.canvas_box()
        outside = [label["lines"] for label in labels
                   if label["box"][0] < left - 1 or label["box"][1] < top - 1 or label["box"][2] > right + 1
                   or label["box"][3] > bottom + 1]
        assert outside == []
        nodes = [label for label in labels if label["kind"] == "node"]
        assert len(nodes) >= at_least, f"only {len(nodes)} names drawn"
        assert set(must) <= {label["id"] for label in nodes}, f"unnamed: {set(must) - {label['id'] for label in nodes}}"
        assert min(label["size"] for label in labels) >= 11
        for label in nodes:
            words = " ".join(label["lines"]).removesuffix(" …").split(" ")
            assert words == names[label["id"]].split()[:len(words)], (label["lines"], names[label["id"]])
        return labels

    def label_texts(self) -> set[str]:
        """The names and link labels drawn on the network's canvas, each whole (its lines joined)."""
        return {" ".join(label["lines"]) for label in self.eval("kgView.labels()")}

    def panel_text(self) -> str:
        return self.page.inner_text("#panel")

    def show(self, view: str) -> None:
        """Open a view by its tab, as a reader would, and wait until it is drawn."""
        self.page.click(f"#tabs a[data-view={view}]")
        if view in ("timeline", "map", "charts"):
            self.page.wait_for_selector(f"#{view} .main-svg", state="attached", timeout=60_000)
            self.page.wait_for_timeout(150)

    def click_plot_item(self, box: str, item_id: str) -> None:
        """Hover then click a plotly item, and wait for its entity page."""
        point, previous = self.eval(PLOT_POINT, [box, item_id]), None
        for _ in range(20):  # until the plot stops resizing (the entity page just opened or closed beside it)
            if point == previous:
                break
            self.page.wait_for_timeout(100)
            point, previous = self.eval(PLOT_POINT, [box, item_id]), point
        assert point is not None, f"{item_id} is not drawn in #{box}"
        self.page.mouse.move(*point)
        self.page.wait_for_timeout(120)
        self.page.mouse.click(*point)
        self.page.wait_for_function("id => location.hash.split('?')[0] === '#/entity/' + id", arg=item_id, timeout=5_000)
        self.page.wait_for_selector("#panel", state="visible")

    def reset(self) -> None:
        """Back to the opening state: network view, no filter, English, no page open."""
        self.page.fill("#search", "")
        self.eval("() => { document.activeElement.blur(); KG.clearFilters(); if (KG.state.showHubs) KG.setShowHubs(false);"
                  " KG.applyLanguage('en'); KG.state.highlight = null; location.hash = '#/network'; }")
        self.page.set_viewport_size(DESKTOP)
        self.page.wait_for_function("() => document.getElementById('panel').hidden")
        self.page.wait_for_timeout(150)  # the canvas follows its box on the next frame

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        assert path.stat().st_size > 15_000  # something was painted

    def inside_viewport(self, selector: str) -> bool:
        return self.eval("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth
                && r.bottom <= innerHeight; }""", selector)

    def close(self):
        assert self.blocked == [], f"the page tried to reach the network: {self.blocked}"
        assert self.errors == [], f"console errors: {self.errors}"
        self.page.close()


def write_view(tmp_path: Path, graph_dir: Path, name: str, **options) -> tuple[Path, object]:
    result = check_graph(graph_dir)
    assert result.ok
    path = tmp_path / f"{name}.html"
    path.write_text(render_view(result.model, result.vocab, **options), encoding="utf-8")
    return path, result
