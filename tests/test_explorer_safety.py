"""The explorer against what the data and the address bar can hold (issue 27), and against any way out of the page
(issue 21): ids named like JavaScript's built-in properties draw and open like any other, routes that name nothing
say "not found" without a page error, and no control of any view — button, toolbar button, tab, link, filter — tries
to reach the network or open a window."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES
from explorer_browser import DESKTOP, PHONE, PLOT_POINT, RICH, View, launch_browser, write_view

pytestmark = pytest.mark.browser
PROTOS = FIXTURES / "viz" / "protos"


@pytest.fixture(scope="module")
def browser():
    yield from launch_browser()


# ---------------------------------------------------------------- ids and routes (issue 27)


def test_ids_named_like_builtin_properties_draw_and_open(browser, tmp_path):
    path, result = write_view(tmp_path, PROTOS, "protos")
    view = View(browser, path)
    ids = {"constructor", "hasownproperty", "tostring", "valueof", "prototype", "isprototypeof", "isprototypeof-2019"}
    assert view.drawn() == ids
    assert "constructor" in {label["id"] for label in view.labels() if label["kind"] == "node"}
    view.click_node("constructor")
    assert view.page.inner_text("#panel h2") == "constructor"
    assert "hasOwnProperty" in view.panel_text()  # its membership, by name
    view.page.fill("#search", "constructor")
    assert view.page.inner_text("#suggestions li >> nth=0").startswith("constructor")
    view.page.fill("#search", "")
    view.show("timeline")
    assert sorted(view.eval("kgView.timelineItems()")) == ["prototype", "valueof"]
    view.show("map")  # a place labelled "Constructor", and an event at it
    assert view.eval("kgView.mapItems()") == {"places": ["tostring"], "events": ["valueof"]}
    view.show("charts")
    assert view.eval("kgView.chartItems()") == ["isprototypeof-2019"]
    assert "constructor" in view.page.inner_text("#charts")  # the unit, shown as the data gives it
    view.close()


ROUTES = ["#/entity/__proto__", "#/entity/toString", "#/entity/hasOwnProperty", "#/entity/valueOf", "#/entity/%",
          "#/entity/%E0%A4%A", "#__proto__", "#/entity/constructor/x"]


@pytest.mark.parametrize("route", ROUTES)
def test_a_route_that_names_no_entity_says_not_found(browser, tmp_path, route):
    path, _ = write_view(tmp_path, PROTOS, "protos")
    view = View(browser, path, hash=route)  # opened straight from the link
    view.page.wait_for_selector("#panel", state="visible")
    assert view.page.inner_text("#panel h2") == "Not found"
    asked = route.removeprefix("#/entity/").removeprefix("#")
    assert asked in view.page.inner_text("#panel")  # the name asked for, as text
    view.page.evaluate("location.hash = '#/entity/constructor'")  # a real one still opens
    view.page.wait_for_function("() => document.getElementById('panel-body').dataset.entity === 'constructor'")
    view.page.evaluate(f"location.hash = {route!r}")  # and the bad one again, reached from inside the page
    view.page.wait_for_function("() => document.querySelector('#panel h2').textContent === 'Not found'")
    view.close()  # no page error, no console error, nothing fetched


# ---------------------------------------------------------------- nothing leaves the page (issue 21)

# Every control in a part of the page, tagged so it can be clicked even after the page redraws around it.
TAG_CONTROLS = """scope => {
  const found = [...document.querySelectorAll(scope)].flatMap((root) => [...root.querySelectorAll(
      'button, a[href]:not([data-external=source]), input, select, .modebar-btn, [role=menuitem]')]);
  const visible = found.filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  visible.forEach((e, i) => { e.dataset.probe = scope + '|' + i; });
  return visible.map((e) => [e.dataset.probe, e.tagName.toLowerCase(), e.type || '', e.getAttribute('data-title') || '']); }"""


LOCAL = ("file:", "blob:null/", "data:")


class Prober:
    """A page with the network cut off: every request that is not a file or an object of the page itself (a `blob:`
    or `data:` URL, which is how a download is handed to the browser) is aborted and recorded, every popup and every
    new page recorded, every download accepted (downloading a picture is what some controls are for)."""

    def __init__(self, browser, path, viewport):
        self.context = browser.new_context(viewport=viewport, accept_downloads=True, has_touch=viewport == PHONE)
        self.attempted: list[str] = []
        self.opened: list[str] = []
        self.downloads: list[str] = []
        self.errors: list[str] = []
        self.clicked: list[str] = []
        self.context.route("**/*", self._route)
        self.context.on("page", lambda page: self.opened.append(page.url))
        self.page = self.context.new_page()
        self.opened.clear()  # the page itself
        self.page.on("popup", lambda page: self.opened.append(page.url))
        self.page.on("download", lambda download: self.downloads.append(download.suggested_filename))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("request", lambda request: None if request.url.startswith(LOCAL) else self.attempted.append(request.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-layout=stable]", state="attached", timeout=120_000)

    def _route(self, route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.attempted.append(route.request.url)
            route.abort()

    def click_all(self, scope: str) -> None:
        """Operate every control in `scope` once, as a reader would: click buttons, tabs, links and toolbar buttons,
        tick and untick boxes, pick every option of a list, type into fields."""
        for probe, tag, kind, title in self.page.evaluate(TAG_CONTROLS, scope):
            handle = self.page.query_selector(f'[data-probe="{probe}"]')
            if handle is None or not handle.is_visible():
                continue
            self.clicked.append(f"{tag}:{kind}:{title}:{probe}")
            if tag == "select":
                selector = f'[data-probe="{probe}"]'
                values = self.page.eval_on_selector(selector, "s => [...s.options].map(o => o.value)")
                for value in values:
                    self.page.select_option(selector, value)
                self.page.select_option(selector, values[0])
            elif tag == "input" and kind in ("text", "search"):
                handle.fill("2019")
                handle.fill("")
            elif tag == "input" and kind == "checkbox":
                handle.click()
                self.page.wait_for_timeout(50)
                handle = self.page.query_selector(f'[data-probe="{probe}"]')
                if handle is not None and handle.is_visible():
                    handle.click()
            else:
                handle.click(force=True)
            self.page.wait_for_timeout(80)
            self.page.keyboard.press("Escape")

    def close(self) -> None:
        self.context.close()


def show_modebars(page, selector: str) -> None:
    """Hover each plot so plotly puts up its toolbar."""
    for box in page.query_selector_all(selector):
        box.scroll_into_view_if_needed()
        box.hover()
        page.wait_for_timeout(100)


@pytest.mark.parametrize("viewport", [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")])
def test_no_control_of_any_view_reaches_the_network_or_opens_a_window(browser, tmp_path, viewport):
    path, _ = write_view(tmp_path, RICH, "rich")
    probe = Prober(browser, path, viewport)
    page = probe.page
    if viewport == PHONE:
        page.click("#filters-toggle")
    probe.click_all("#sidebar")
    page.click("#types-all")  # back to everything shown, as a reader would
    page.click("#period-clear")
    if viewport == PHONE:
        page.click("#filters-toggle")
    for view in ("network", "timeline", "map", "charts"):
        page.evaluate(f"location.hash = '#/{view}'")
        if view != "network":
            page.wait_for_selector(f"#{view} .main-svg", state="attached", timeout=60_000)
            page.wait_for_timeout(300)
            plots = "#charts .chart" if view == "charts" else f"#{view}"
            show_modebars(page, plots)
            buttons = page.eval_on_selector_all(f"{plots} .modebar-btn", "bs => bs.map(b => b.getAttribute('data-title'))")
            # plotly's own controls: "download as PNG" kept; no share, cloud, Chart Studio or logo link.
            assert {"Download plot as a PNG", "Descargar la gráfica como PNG"} & set(buttons), buttons
            assert not [b for b in buttons if re.search(r"share|cloud|studio|plotly|compartir|nube", b or "", re.I)]
            assert page.query_selector_all(f"{plots} .modebar a, {plots} a.modebar-btn[href]") == []
            probe.click_all(plots)
            show_modebars(page, plots)
            probe.click_all(f"{plots} .modebar")
        probe.click_all("#topbar")
        if page.evaluate("document.body.classList.contains('filters-open')"):
            page.click("#filters-toggle")  # the phone's filter sheet, opened by its button: closed again
        if view == "network":  # the picture's menu: each kind of picture
            for kind in ("png", "svg"):
                page.evaluate("location.hash = '#/network'")
                page.click("#export")
                page.click(f"#export-{kind}")
                probe.clicked.append(f"export-{kind}")
        page.evaluate(f"location.hash = '#/{view}'")
        page.wait_for_timeout(200)
    # An entity page: its links, its "show on" actions, its close button.
    page.evaluate("location.hash = '#/entity/battle-of-culiacan'")
    page.wait_for_selector("#panel", state="visible")
    probe.click_all("#panel")
    assert probe.attempted == [], f"tried to reach the network: {probe.attempted}"
    assert probe.opened == [], f"opened a window: {probe.opened}"
    assert len(probe.context.pages) == 1
    assert probe.errors == []
    assert len(probe.clicked) > 60  # it did operate the page's controls
    assert any("Download plot as a PNG" in c or "Descargar la gráfica como PNG" in c for c in probe.clicked)
    # Pictures still download, offline: the network's PNG and SVG, and plotly's PNG of each plot.
    assert {"mxsec-network.png", "mxsec-network.svg", "mxsec-timeline.png", "mxsec-map.png"} <= set(probe.downloads)
    assert any(name.startswith("mxsec-chart-") for name in probe.downloads), probe.downloads
    probe.close()


def test_plot_toolbar_has_no_share_button_and_keeps_png(browser, tmp_path):
    path, _ = write_view(tmp_path, RICH, "rich")
    view = View(browser, path)
    for name in ("timeline", "map", "charts"):
        view.show(name)
        config = view.eval("name => (document.querySelector('#' + name + ' .js-plotly-plot')"
                           " || document.getElementById(name))._context", name)
        assert config["showSendToCloud"] is False and config["displaylogo"] is False
        assert {"sendDataToCloud", "sendChartToCloud"} <= set(config["modeBarButtonsToRemove"])
        assert "toImage" not in config["modeBarButtonsToRemove"]
    assert view.eval(PLOT_POINT, ["#charts .chart", "test-homicides-2018"]) is not None
    view.close()


def test_a_sources_address_is_the_only_way_out_and_carries_nothing(browser, tmp_path):
    """Sources you can open (issue 21): a source's recorded address (http or https only) is a link on the entity page,
    marked as leaving the page, with no referrer; it is the only kind of link that leads off the page, and it is left
    out of the test above because following it is the reader's choice, not a control sending data."""
    from conftest import GRAPH_DIR
    from kg.pipeline import check_graph

    build = check_graph(GRAPH_DIR)
    addresses = {st.value.text for entity in build.model.entities.values() for st in entity.statements
                 if st.predicate in ("url", "archivedAt") and not st.error}
    assert addresses, "the real graph records some sources' addresses"
    path, _ = write_view(tmp_path, GRAPH_DIR, "real")
    probe = Prober(browser, path, DESKTOP)
    page = probe.page
    page.evaluate("location.hash = '#/entity/amlo'")
    page.wait_for_selector("#panel", state="visible")
    links = page.eval_on_selector_all("#panel a[href]", """links => links.map(a => ({href: a.getAttribute('href'),
        external: a.dataset.external || '', rel: a.rel, referrer: a.referrerPolicy}))""")
    leaving = [link for link in links if not link["href"].startswith("#")]
    assert leaving, "the page of a person cited to the posts links the posts"
    for link in leaving:
        assert link["external"] == "source" and link["href"] in addresses, link
        assert re.match(r"https?://", link["href"]) and {"noopener", "noreferrer"} <= set(link["rel"].split())
        assert link["referrer"] == "no-referrer"
    assert probe.attempted == [] and probe.opened == []
    probe.close()
