"""The network view in a real browser (Debian's Chromium driven by Playwright), opened from file:// with every
non-file request blocked: what a newcomer sees, searches, clicks, filters and reads."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

from conftest import FIXTURES, REPO, require_program
from kg.outputs.projection import project
from kg.pipeline import check_graph
from kg.view.network_view import STABILIZATION_ITERATIONS, render_view

pytestmark = pytest.mark.browser

RICH = FIXTURES / "viz" / "rich"
INJECTION = FIXTURES / "viz" / "injection"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    chromium = require_program("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class View:
    """One opened page, with what it tried to fetch and what it logged."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 860})
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
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
            const net = kgView.network, p = net.canvasToDOM(net.getPositions([id])[id]);
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
        self.page.mouse.click(*self.settled_point(node_id))

    def panel_text(self) -> str:
        return self.page.inner_text("#panel")

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


@pytest.fixture
def rich_view(browser, tmp_path):
    path, result = write_view(tmp_path, RICH, "rich")
    view = View(browser, path)
    view.result = result
    yield view
    view.close()


def test_offline_page_draws_every_entity_and_freezes(rich_view):
    view = rich_view
    graph = project(view.result.model, view.result.vocab)
    assert view.drawn() == set(graph.nodes) and len(graph.nodes) == 14
    assert view.blocked == [] and all(url.startswith("file:") for url in view.requests)
    # Something is painted on the canvas, not just an empty frame.
    painted = view.eval("""() => { const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")
    assert painted > 5000
    # Physics stopped after a bounded stabilisation; positions no longer move; the button resumes and freezes it.
    assert view.eval("kgView.data.options.physics.stabilization.iterations") == STABILIZATION_ITERATIONS <= 300
    assert view.eval("kgView.network.physics.physicsEnabled") is False
    assert view.page.inner_text("#status").startswith("Layout stabilised in")
    before = view.eval("kgView.network.getPositions()")
    view.page.wait_for_timeout(400)
    assert view.eval("kgView.network.getPositions()") == before
    assert view.page.inner_text("#physics") == "Resume layout"
    view.page.click("#physics")
    assert view.eval("kgView.network.physics.physicsEnabled") is True
    assert view.page.inner_text("#physics") == "Freeze layout"
    view.page.click("#physics")
    assert view.eval("kgView.network.physics.physicsEnabled") is False
    assert "14 of 14 entities shown" in view.page.inner_text("#counts")


def test_clicking_a_node_shows_its_statements_and_sources(rich_view):
    view = rich_view
    assert view.page.is_hidden("#panel")
    view.click_node("battle-of-culiacan")
    view.page.wait_for_selector("#panel", state="visible")
    text = view.panel_text()
    assert text.splitlines()[0].strip() in ("×", "Battle of Culiacán")
    assert view.page.inner_text("#panel h2") == "Battle of Culiacán"
    for expected in ("Batalla de Culiacán", "incident", "Gunmen forced the release of Ovidio Guzmán.",
                     "date 2019-10-17", "participant", "Sinaloa Cartel", "role: perpetrator", "role: detainee",
                     "killed", "13", "Violence in Sinaloa", "by Ana Reyes", "Test Institute", "2019-11",
                     "§ What Happened in Culiacán, ¶ 2"):
        assert expected in text, expected
    # Source errors and curator notes are marked; a linked entity opens its own panel.
    view.click_node("culiacan")
    text = view.panel_text()
    assert "source error" in text.lower() and "Culicán" in text and "The article misspells Culiacán." in text
    assert "Curators' correction:" in text and "correction culiacán" in text.lower()
    view.page.click("#panel .entity-link >> text=Sinaloa")
    assert view.page.inner_text("#panel h2") == "Sinaloa"
    assert view.eval("kgView.network.getSelectedNodes()") == ["sinaloa"]
    view.click_node("ovidio-guzman")
    text = view.panel_text()
    assert "Curator note: Detained and released on the same day." in text
    assert "The article calls the gunmen who forced his release Sinaloa Cartel members." in text
    assert "referenced by\nparticipant\nbattle of culiacán\nrole: detainee" in text.lower()


def test_search_suggests_and_focuses_the_right_node(rich_view):
    view = rich_view
    view.page.fill("#search", "culiacan")  # no accent: still found
    options = view.page.locator("#suggestions li").all_inner_texts()
    assert options[0].startswith("Culiacán") and any(o.startswith("Battle of Culiacán") for o in options)
    view.page.press("#search", "Enter")
    view.settle()
    assert view.eval("kgView.network.getSelectedNodes()") == ["culiacan"]
    assert view.page.inner_text("#panel h2") == "Culiacán"
    centre = view.eval("kgView.network.getViewPosition()")
    node = view.eval("kgView.network.getPositions(['culiacan']).culiacan")
    assert math.dist((centre["x"], centre["y"]), (node["x"], node["y"])) < 2
    # An alias finds the entity too, and a click on a suggestion chooses it.
    view.page.fill("#search", "el chapo")
    view.page.click("#suggestions li >> nth=0")
    view.settle()
    assert view.eval("kgView.network.getSelectedNodes()") == ["joaquin-guzman"]


def test_type_filter_hides_exactly_that_type(rich_view):
    view = rich_view
    everything = view.drawn()
    people = {n for n, d in project(view.result.model, view.result.vocab).nodes(data=True) if d["type"] == "Person"}
    view.page.uncheck("#legend input[data-type=Person]")
    assert view.drawn() == everything - people
    assert view.eval("kgView.drawnEdgeIds().every(id => { const e = kgView.edges.get(id);"
                     " return kgView.data.entities[e.from].type !== 'Person'"
                     " && kgView.data.entities[e.to].type !== 'Person'; })")
    assert f"{len(everything - people)} of 14 entities shown" in view.page.inner_text("#counts")
    view.page.check("#legend input[data-type=Person]")
    assert view.drawn() == everything
    # A broad class's box switches all its types at once.
    view.page.uncheck("#legend input[data-group=Place]")
    assert view.drawn() == everything - {"mexico", "sinaloa", "culiacan"}


def test_period_filter_narrows_the_view(rich_view):
    view = rich_view
    view.page.fill("#date-from", "2019")
    view.page.fill("#date-to", "2019")
    # The 2019 battle and who took part, where; and the office held in 2019. Not the 2016 arrest, not Peña Nieto.
    assert view.drawn() == {"battle-of-culiacan", "culiacan", "sinaloa-cartel", "ovidio-guzman", "amlo",
                            "president-of-mexico"}
    view.page.fill("#date-from", "2016-01")
    view.page.fill("#date-to", "2016-01")
    assert view.drawn() == {"chapo-arrest-2016", "joaquin-guzman", "sinaloa-cartel", "enrique-pena-nieto",
                            "president-of-mexico"}
    view.page.fill("#date-to", "20x")
    assert view.page.get_attribute("#date-to", "class") == "invalid"
    view.page.click("#period-clear")
    assert len(view.drawn()) == 14


def test_source_filter_keeps_what_the_source_says(rich_view):
    view = rich_view
    view.page.select_option("#source-filter", "article-b")
    assert view.drawn() == {"amlo", "enrique-pena-nieto", "president-of-mexico"}
    view.page.select_option("#source-filter", "")
    assert len(view.drawn()) == 14


def test_language_switch_changes_labels(rich_view):
    view = rich_view
    view.click_node("ovidio-guzman")
    view.page.click("#lang-es")
    assert view.eval("kgView.network.body.nodes['mexico'].options.label") == "México"
    assert view.eval("kgView.network.body.edges[kgView.data.edges.find(e => e.to === 'sinaloa-cartel'"
                     " && e.from === 'ovidio-guzman').id].options.label") == "miembro de"
    assert view.page.inner_text("#h-types").lower() == "tipos"
    assert view.page.title() == "Grafo de conocimiento de la seguridad en México"
    assert view.page.get_attribute("#search", "placeholder").startswith("Buscar")
    panel = view.panel_text()
    assert "Un hijo de Joaquín Guzmán." in panel and "miembro de" in panel and "fuentes de esta entrada" in panel.lower()
    assert "criminal organisation" not in view.page.inner_text("#legend")
    assert "organización criminal" in view.page.inner_text("#legend")
    view.page.click("#lang-en")
    assert view.eval("kgView.network.body.nodes['mexico'].options.label") == "Mexico"


def test_focus_page_draws_the_neighbourhood(browser, tmp_path):
    path, result = write_view(tmp_path, RICH, "focus", focus="joaquin-guzman", depth=1)
    view = View(browser, path)
    expected = set(nx.ego_graph(project(result.model, result.vocab).to_undirected(), "joaquin-guzman", radius=1))
    assert view.drawn() == expected and len(expected) == 4
    assert "Neighbourhood of Joaquín Guzmán Loera (depth 1) of 14 entities" in view.page.inner_text("#counts")
    view.close()


def test_hostile_labels_show_as_text_and_run_nothing(browser, tmp_path):
    path, _ = write_view(tmp_path, INJECTION, "injection")
    view = View(browser, path)
    assert view.drawn() == {"evil", "gang"}
    # Hover for the tooltip, click for the panel, search for the suggestion list: all show the text as written.
    view.page.mouse.move(*view.settled_point("evil"))
    view.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert "<script>window.__pwned=1</script>" in view.page.inner_text("div.vis-tooltip")
    view.click_node("evil")
    assert view.page.inner_text("#panel h2") == "<script>window.__pwned=1</script>"
    text = view.panel_text()
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert '<iframe src="javascript:window.__pwned=1"></iframe>' in text
    assert "<script>window.__pwned=1</script> Title" in text
    view.click_node("gang")
    view.page.fill("#search", "gang")
    assert view.page.inner_text("#suggestions li >> nth=0").startswith('Gang <a href="javascript:window.__pwned=1">')
    view.page.press("#search", "Enter")
    view.page.click("#lang-es")
    view.page.mouse.move(*view.settled_point("gang"))
    view.page.wait_for_timeout(500)
    assert view.eval("typeof window.__pwned") == "undefined"
    assert view.eval("document.querySelectorAll('img, iframe, #panel svg[onload], a[href^=javascript]').length") == 0
    assert not [url for url in view.requests if url.endswith("/x")]
    view.close()


def test_screenshot_for_a_person_to_look_at(rich_view):
    view = rich_view
    view.page.fill("#search", "ovidio")
    view.page.press("#search", "Enter")
    view.settle()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "viz-rich.png"
    view.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_real_graph_view(browser, tmp_path, real_build):
    """The curated graph: every entity drawn, found by name, and its facts traced to the articles."""
    path = tmp_path / "mxsec.html"
    path.write_text(render_view(real_build.model, real_build.vocab), encoding="utf-8")
    view = View(browser, path)
    graph = project(real_build.model, real_build.vocab)
    assert view.drawn() == set(graph.nodes)
    view.page.fill("#search", "Ovidio")
    view.page.press("#search", "Enter")
    view.settle()
    assert view.eval("kgView.network.getSelectedNodes()") == ["ovidio-guzman"]
    text = view.panel_text()
    assert "Joaquín" in text and "AMLO, Violent Crime, and Public Security in Mexico" in text
    ARTIFACTS.mkdir(exist_ok=True)
    view.page.screenshot(path=str(ARTIFACTS / "viz-real.png"))
    view.page.fill("#date-from", "2019-10")
    view.page.fill("#date-to", "2019-10")
    narrowed = view.drawn()
    assert "ovidio-guzman" in narrowed and 0 < len(narrowed) < len(graph.nodes)
    view.close()


def test_large_graph_layout_stops_at_its_time_budget(browser, tmp_path, monkeypatch):
    """What a 5,000-node graph gets (benchmarks/viz_layout.py measures it): a starting layout computed in Python and
    physics stopped at a time budget, then frozen. Here on the small graph, with the thresholds lowered."""
    import kg.view.network_view

    monkeypatch.setattr(kg.view.network_view, "HUGE_GRAPH_NODES", 5)
    monkeypatch.setattr(kg.view.network_view, "LAYOUT_BUDGET_MS", 1)
    path, _ = write_view(tmp_path, RICH, "budget")
    view = View(browser, path)
    assert all("x" in n and "y" in n for n in view.eval("kgView.data.nodes"))
    assert len(view.drawn()) == 14
    assert view.eval("kgView.state.budgetStopped") is True
    assert view.eval("kgView.state.iterations") < STABILIZATION_ITERATIONS
    assert view.eval("kgView.network.physics.physicsEnabled") is False
    assert view.page.inner_text("#status").startswith("Layout stopped after")
    view.close()
