"""The static site in a real browser (Debian's Chromium driven by Playwright), opened from file:// with every
non-file request blocked: pages render at 1400×900 and 390×844 without a console error, read with JavaScript off,
keep the page when the language is switched, the search finds "Culiacan" and "cartel de sinaloa", and the explorer
inside the site links each entity panel to its page. Screenshots go to test-artifacts/site-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GRAPH_DIR, REPO, require_program, run_kg

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP, PHONE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}
PAGES = [
    "index.html", "index.es.html", "id/culiacan/index.html", "id/culiacan/index.es.html",
    "id/culiacan-battle-2019/index.html", "id/shirk-2019/index.html", "id/sinaloa-cartel/index.es.html",
    "id/homicide-share-five-municipalities-2018/index.html", "types/index.html", "types/Incident/index.html",
    "cases/index.html", "years/2019/index.html", "sources/index.html", "queries/index.html",
    "search/index.html", "404.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    done = run_kg("site", str(out), "--graph", str(GRAPH_DIR), "-q")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    chromium = require_program("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Opened:
    """One page opened from file:// with the network closed, and what it tried to fetch and logged."""

    def __init__(self, browser, url: str, viewport: dict = DESKTOP, javascript: bool = True):
        self.context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


def _shot(opened: Opened, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / f"site-{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pages_render_offline_without_errors(site, browser, viewport):
    for relative in PAGES:
        opened = Opened(browser, (site / relative).as_uri(), viewport)
        try:
            assert opened.errors == [], f"{relative}: {opened.errors}"
            assert opened.blocked == [], f"{relative} asked the network for {opened.blocked}"
            heading = opened.page.locator("h1").first.inner_text()
            assert heading.strip(), relative
            # nothing wider than the screen: a phone reader never scrolls sideways
            width = opened.page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"] + 1, f"{relative} is {width}px wide at {viewport['width']}px"
            # every picture the page draws is there (the map's outlines are a file of the site)
            broken = opened.page.evaluate("""[...document.images].filter(i => !i.complete || !i.naturalWidth).length""")
            assert broken == 0, relative
            name = relative.replace("/", "-").replace(".html", "") + ("-phone" if viewport is PHONE else "")
            _shot(opened, name)
        finally:
            opened.close()


def test_an_entity_page_reads_with_javascript_off(site, browser):
    opened = Opened(browser, (site / "id" / "culiacan" / "index.html").as_uri(), javascript=False)
    try:
        text = opened.page.inner_text("main")
        assert "Culiacán" in text and "Source error" in text and "Correction" in text
        assert "§ Mexico’s Security Dilemma, ¶ 3" in text
        assert opened.page.locator(".map svg circle.mark").count() == 1
        assert opened.page.locator(".timeline svg .ev").count() >= 4
        _shot(opened, "culiacan-no-js")
    finally:
        opened.close()


def test_the_language_switch_keeps_the_page(site, browser):
    opened = Opened(browser, (site / "id" / "culiacan-battle-2019" / "index.html").as_uri())
    try:
        opened.page.click("a.lang-switch")
        opened.page.wait_for_load_state("load")
        assert opened.page.url.endswith("/id/culiacan-battle-2019/index.es.html")
        assert opened.page.locator("html").get_attribute("lang") == "es"
        assert opened.page.locator("h1").inner_text() == "Enfrentamiento de Culiacán"
        opened.page.click("a.lang-switch")
        opened.page.wait_for_load_state("load")
        assert opened.page.url.endswith("/id/culiacan-battle-2019/index.html")
    finally:
        opened.close()


def _search(browser, site: Path, query: str, page: str = "index.html") -> tuple[list[str], list[str]]:
    """The labels and addresses the site's search lists for `query`, opened as a reader would: from a page's form."""
    opened = Opened(browser, (site / "id" / "culiacan" / page).as_uri())
    try:
        opened.page.fill("header form.search input[name=q]", query)
        opened.page.press("header form.search input[name=q]", "Enter")
        opened.page.wait_for_selector("body[data-search=ready]", state="attached")
        opened.page.wait_for_function("document.getElementById('search-status').textContent.length > 0")
        links = opened.page.locator("#search-results a")
        labels = [links.nth(i).inner_text() for i in range(links.count())]
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert opened.errors == [] and opened.blocked == []
        _shot(opened, "search-" + query.replace(" ", "-"))
        return labels, hrefs
    finally:
        opened.close()


def test_search_finds_culiacan_without_its_accent(site, browser):
    labels, hrefs = _search(browser, site, "Culiacan")
    assert labels[0] == "Culiacán"
    assert hrefs[0] == "../id/culiacan/index.html"
    assert "Battle of Culiacán" in labels


def test_search_finds_the_sinaloa_cartel_by_its_spanish_name(site, browser):
    labels, _ = _search(browser, site, "cartel de sinaloa")
    assert labels[0] == "Sinaloa Cartel"
    labels, hrefs = _search(browser, site, "CÁRTEL DE SINALOA", page="index.es.html")
    assert labels[0] == "Cártel de Sinaloa" and hrefs[0] == "../id/sinaloa-cartel/index.es.html"


def test_search_finds_aliases_and_descriptions(site, browser):
    labels, _ = _search(browser, site, "el chapo")
    assert labels[0] == "Joaquín Guzmán Loera"
    labels, _ = _search(browser, site, "impunity")  # a word of a description, not of a name
    assert labels, "descriptions are searched"


def test_the_explorer_links_each_entity_to_its_page(site, browser):
    opened = Opened(browser, (site / "explorer" / "index.html").as_uri() + "#/entity/culiacan")
    try:
        opened.page.wait_for_selector("#panel-body a.entity-page", timeout=120_000)
        opened.page.click("#panel-body a.entity-page")
        opened.page.wait_for_load_state("load")
        assert opened.page.url.endswith("/id/culiacan/index.html")
        assert opened.page.locator("h1").inner_text() == "Culiacán"
        assert opened.errors == [] and opened.blocked == []
    finally:
        opened.close()


def test_a_citation_leads_to_the_paragraph_on_the_source_page(site, browser):
    opened = Opened(browser, (site / "id" / "culiacan" / "index.html").as_uri())
    try:
        opened.page.click("a[href$='shirk-2019/index.html#p-dilemma-3']")
        opened.page.wait_for_load_state("load")
        assert opened.page.url.endswith("/id/shirk-2019/index.html#p-dilemma-3")
        target = opened.page.locator("#p-dilemma-3")
        assert "Culicán" in target.inner_text()
        assert target.is_visible()
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < DESKTOP["height"], "the paragraph is scrolled into view"
    finally:
        opened.close()
