"""The explorer's two times in a real browser: the network's year stepper shows, year by year, exactly the relations in
force (a synthetic graph whose spells are known: succession in an office, year-only bounds drawn dotted, an event's
participants on its date, undated relations hidden), and its play control steps through the years; the "as known on"
control leaves out what only the 2021 articles published, in every view, and says so on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, GRAPH_DIR
from explorer_browser import View, launch_browser
from kg.pipeline import check_graph
from kg.view.page import render_view

SPELLS = """
- id: mexico
  type: Country
  label: Mexico
  cite: curator
- id: mayor-of-x
  type: Post
  label: Mayor of X
  cite: curator
- id: mayor-a
  type: Person
  label: Mayor A
  cite: curator
  statements:
    - heldPosition: mayor-of-x
      start: 2010-01-01
      cite: curator
    - nationality: mexico
      cite: curator
- id: mayor-b
  type: Person
  label: Mayor B
  cite: curator
  statements:
    - heldPosition: mayor-of-x
      start: 2015-06-01
      cite: curator
    - affiliatedWith: cartel-y
      cite: curator
- id: gunman-c
  type: Person
  label: Gunman C
  cite: curator
  statements:
    - memberOf: cartel-x
      start: 2012
      end: 2014
      cite: curator
    - memberOf: cartel-y
      at: 2016
      cite: curator
- id: cartel-x
  type: CriminalOrganization
  label: Cartel X
  cite: curator
  statements:
    - rivalOf: cartel-y
      start: 2014-03
      end: 2016-08
      cite: curator
- id: cartel-y
  type: CriminalOrganization
  label: Cartel Y
  cite: curator
- id: clash-2013
  type: Incident
  label: Clash of 2013
  eventType: armed-clash
  date: 2013-05-05
  cite: curator
  statements:
    - participant: cartel-x
      role: perpetrator
      cite: curator
"""

# What must be drawn each year: (subject, predicate, object) → certain, or uncertain (a bound known only to the year).
EXPECTED = {
    2010: {("mayor-a", "heldPosition", "mayor-of-x"): "certain"},
    2011: {("mayor-a", "heldPosition", "mayor-of-x"): "certain"},
    2012: {("mayor-a", "heldPosition", "mayor-of-x"): "certain", ("gunman-c", "memberOf", "cartel-x"): "uncertain"},
    2013: {("mayor-a", "heldPosition", "mayor-of-x"): "certain", ("gunman-c", "memberOf", "cartel-x"): "certain",
           ("clash-2013", "participant", "cartel-x"): "certain"},
    2014: {("mayor-a", "heldPosition", "mayor-of-x"): "certain", ("gunman-c", "memberOf", "cartel-x"): "uncertain",
           ("cartel-x", "rivalOf", "cartel-y"): "certain"},
    # Mayor B's start ends Mayor A's open term the day before (2015-05-31)
    2015: {("mayor-a", "heldPosition", "mayor-of-x"): "certain", ("mayor-b", "heldPosition", "mayor-of-x"): "certain",
           ("cartel-x", "rivalOf", "cartel-y"): "certain"},
    2016: {("mayor-b", "heldPosition", "mayor-of-x"): "certain", ("cartel-x", "rivalOf", "cartel-y"): "certain",
           ("gunman-c", "memberOf", "cartel-y"): "uncertain"},
}

SHOWN = """() => {
  const out = [];
  const shown = KG.relationsShown();
  for (const e of KG.data.edges) {
    if (!(e.id in shown)) continue;
    const dashes = kgView.edges.get(e.id).dashes;
    out.push([e.from, KG.data.edgeMeta[e.id].p, e.to, shown[e.id], JSON.stringify(dashes || false)]);
  }
  return out; }"""


@pytest.fixture(scope="module")
def browser():
    yield from launch_browser()


@pytest.fixture(scope="module")
def spells_page(tmp_path_factory) -> Path:
    graph = tmp_path_factory.mktemp("spells") / "graph"
    graph.mkdir()
    shutil.copy(FIXTURES / "mini" / "sources.yaml", graph / "sources.yaml")
    (graph / "things.yaml").write_text(SPELLS, encoding="utf-8")
    result = check_graph(graph)
    assert result.ok, [str(p) for p in result.problems.errors]
    page = graph.parent / "spells.html"
    page.write_text(render_view(result.model, result.vocab), encoding="utf-8")
    return page


def shown_in_year(view: View) -> dict[tuple, str]:
    found = {}
    for subject, predicate, obj, status, dashes in view.eval(SHOWN):
        found[subject, predicate, obj] = status
        assert (dashes == "[2,6]") == (status == "uncertain"), (subject, predicate, obj, dashes)
    return found


def test_the_stepper_shows_exactly_the_relations_in_force_each_year(browser, spells_page: Path):
    view = View(browser, spells_page)
    try:
        stepper = view.page.locator("#year-stepper")
        assert stepper.is_visible()
        assert view.eval("document.getElementById('year-value').textContent") == "All years"
        view.page.click("#year-next")  # from all years, the first year
        for year in range(2010, 2017):
            assert view.eval("document.getElementById('year-value').textContent") == str(year)
            assert shown_in_year(view) == EXPECTED[year], year
            status = view.eval("document.getElementById('year-status').textContent")
            unsure = sum(1 for s in EXPECTED[year].values() if s == "uncertain")
            assert status.startswith(f"{len(EXPECTED[year])} relation")
            assert (f"({unsure} known only to the year: dotted)" in status) == bool(unsure)
            drawn = view.drawn()
            linked = {end for key in EXPECTED[year] for end in (key[0], key[2])}
            assert linked <= drawn  # an undated relation (Mayor B's affiliation) is in no year: EXPECTED lacks it
            assert "Network: relations in force in " + str(year) in view.eval(
                "document.getElementById('time-banner').textContent")
            view.page.click("#year-next")
        assert view.eval("document.getElementById('year-value').textContent") == "2016"  # it stops at the last
        view.page.click("#year-all")
        every = {tuple(row[:3]) for row in view.eval(SHOWN)}
        assert ("mayor-b", "affiliatedWith", "cartel-y") in every and set(EXPECTED[2013]) <= every
        assert view.eval("document.getElementById('time-banner').hidden")
        assert view.errors == [] and view.blocked == []
    finally:
        view.page.close()


def test_play_steps_through_the_years_and_stops(browser, spells_page: Path):
    view = View(browser, spells_page)
    try:
        view.page.click("#year-play")
        assert view.eval("document.getElementById('year-play').getAttribute('aria-pressed')") == "true"
        view.page.wait_for_function("() => document.getElementById('year-stepper').dataset.year === '2012'",
                                    timeout=10_000)
        assert shown_in_year(view) == EXPECTED[2012]
        view.page.wait_for_function("() => document.getElementById('year-play').getAttribute('aria-pressed') === "
                                    "'false'", timeout=20_000)
        assert view.eval("document.getElementById('year-stepper').dataset.year") == "2016"
        assert view.errors == []
    finally:
        view.page.close()


@pytest.fixture(scope="module")
def real_page(tmp_path_factory) -> Path:
    result = check_graph(GRAPH_DIR)
    page = tmp_path_factory.mktemp("real") / "mxsec.html"
    page.write_text(render_view(result.model, result.vocab), encoding="utf-8")
    return page


def test_as_known_on_leaves_out_the_2021_articles_in_every_view(browser, real_page: Path):
    view = View(browser, real_page, hash="#/entity/amlo")
    try:
        assert "Showing everything recorded" in view.eval("document.getElementById('asof-status').textContent")
        assert "salvador-cienfuegos" in view.drawn()
        view.page.fill("#as-of", "2019-12-31")
        view.page.wait_for_timeout(200)
        assert "Showing the record as known on 2019-12-31" in view.eval(
            "document.getElementById('asof-status').textContent")
        assert view.eval("document.getElementById('time-banner').textContent").startswith(
            "As known on 2019-12-31 (when published, not when it happened)")
        drawn = view.drawn()
        assert "salvador-cienfuegos" not in drawn and "cienfuegos-case" not in drawn and "amlo" in drawn
        panel = view.eval("document.getElementById('panel-body').textContent")
        assert "AMLO, Violent Crime, and Public Security in Mexico" in panel and "Two Years of AMLO" not in panel
        assert "statements published after 2019-12-31 not shown" in panel
        # the timeline: Shirk's events stay, the Cienfuegos affair (reported in 2021) goes
        timeline = view.eval("KG.viewSpec('timeline') && true") and view.eval(
            "KG.data.timeline.filter((ev) => KG.passes(ev.id, [ev.start, ev.end], ev.sources)).map((ev) => ev.id)")
        assert "ovidio-capture-2019" in timeline and not any("cienfuegos" in item for item in timeline)
        view.page.click("#asof-clear")
        view.page.wait_for_timeout(200)
        assert "salvador-cienfuegos" in view.drawn()
        assert view.errors == [] and view.blocked == []
    finally:
        view.page.close()


def test_a_page_drawn_as_known_on_a_day_says_so(browser, tmp_path: Path):
    page = tmp_path / "asof.html"
    from conftest import run_kg

    done = run_kg("viz", "--as-of", "2019-12-31", "-o", str(page), "-q", "--graph", str(GRAPH_DIR))
    assert done.returncode == 0, done.stderr
    view = View(browser, page)
    try:
        status = view.eval("document.getElementById('asof-status').textContent")
        assert "This page was drawn as known on 2019-12-31 (kg viz --as-of): later sources are not in it." in status
        assert view.eval("document.getElementById('as-of').value") == "2019-12-31"
        assert "salvador-cienfuegos" not in view.drawn()
        assert view.errors == []
    finally:
        view.page.close()
