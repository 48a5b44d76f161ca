"""The explorer's view state lives in the address (issue 22): filters, period, source, "as known on", language, the
network's year and the route are written into the fragment as they change (in place: no history entry for each
change), and a fresh page opened from that address shows exactly the same; parameters the page cannot use are
ignored, with no error; old links still open what they named. Chromium headless, the network blocked."""

from __future__ import annotations

import re

import pytest

from conftest import GRAPH_DIR, REPO
from explorer_browser import RICH, View, launch_browser, write_view

# What a reader would compare between two pages: every filter, the language, the route, what the controls say.
STATE = """() => ({
  hidden: [...KG.state.hiddenTypes].sort(), period: KG.state.period, source: KG.state.source, asOf: KG.state.asOf,
  year: KG.state.year, hubs: KG.state.showHubs, lang: KG.state.lang, view: KG.state.view, entity: KG.state.entity,
  from: document.getElementById('date-from').value, to: document.getElementById('date-to').value,
  asOfField: document.getElementById('as-of').value, sourceField: document.getElementById('source-filter').value,
  hubsField: document.getElementById('show-hubs').checked,
  unticked: [...document.querySelectorAll('#legend input[data-type]')].filter((c) => !c.checked)
    .map((c) => c.dataset.type).sort(),
  langButton: document.querySelector('.lang-switch button.active').dataset.lang, htmlLang: document.documentElement.lang,
  tab: document.querySelector('#tabs a[aria-current=page]').dataset.view,
  panel: document.getElementById('panel').hidden ? null : document.getElementById('panel-body').dataset.entity || null,
  yearField: document.getElementById('year-stepper').dataset.year, banner: document.getElementById('time-banner').textContent,
  counts: document.getElementById('counts').textContent })"""

DEFAULT = {"hidden": [], "period": None, "source": "", "asOf": None, "year": None, "hubs": False, "lang": "en"}


@pytest.fixture(scope="module")
def browser():
    yield from launch_browser()


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    path, _ = write_view(tmp_path_factory.mktemp("links"), RICH, "rich")
    return path


def hash_of(view: View) -> str:
    return view.eval("location.hash")


def test_filters_period_day_and_language_set_in_the_page_reload_the_same(browser, rich):
    view = View(browser, rich)
    length = view.eval("history.length")
    view.show("timeline")
    assert view.eval("history.length") == length + 1  # a route is a history entry
    view.page.uncheck("#legend input[data-type=LegalAction]")
    view.page.fill("#date-from", "2012")
    view.page.fill("#date-to", "2019-10")
    view.page.select_option("#source-filter", "article-a")
    view.page.fill("#as-of", "2020-06-30")
    view.page.click("#lang-es")
    view.page.wait_for_timeout(300)
    assert view.eval("history.length") == length + 1  # the filters replaced the entry, added none
    address = hash_of(view)
    assert address == "#/timeline?hide=LegalAction&from=2012&to=2019-10&source=article-a&asof=2020-06-30&lang=es"
    before = view.eval(STATE)
    items = sorted(view.eval("kgView.timelineItems()"))
    drawn = view.drawn()
    assert before["lang"] == "es" and before["unticked"] == ["LegalAction"] and before["tab"] == "timeline"
    assert items and "chapo-arrest-2016" not in items
    view.close()

    again = View(browser, rich, hash=address)  # a fresh page, opened from the address
    again.page.wait_for_selector("#timeline .main-svg", state="attached", timeout=60_000)
    again.page.wait_for_timeout(150)
    after = again.eval(STATE)
    assert after == before
    assert after["from"] == "2012" and after["to"] == "2019-10" and after["asOfField"] == "2020-06-30"
    assert sorted(again.eval("kgView.timelineItems()")) == items
    assert again.drawn() == drawn
    assert hash_of(again) == address
    again.page.reload()  # and reloaded as it is
    again.page.wait_for_selector("body[data-layout=stable]", state="attached", timeout=60_000)
    again.page.wait_for_selector("#timeline .main-svg", state="attached", timeout=60_000)
    assert again.eval(STATE) == before and hash_of(again) == address
    again.close()


def test_an_entity_page_over_a_view_with_the_year_and_hubs_reloads_the_same(browser, rich):
    view = View(browser, rich)
    view.page.check("#show-hubs")
    view.page.click("#year-next")
    view.page.click("#year-next")  # 2013
    view.eval("location.hash = '#/entity/ovidio-guzman'")  # a link inside the page: the filters stay
    view.page.wait_for_function("() => document.getElementById('panel-body').dataset.entity === 'ovidio-guzman'")
    address = hash_of(view)
    assert address == "#/entity/ovidio-guzman?hubs=1&year=2013"
    before, relations, drawn = view.eval(STATE), view.eval("KG.relationsShown()"), view.drawn()
    assert before["hubs"] and before["hubsField"] and before["yearField"] == "2013" and drawn
    view.close()

    again = View(browser, rich, hash=address)
    again.page.wait_for_selector("#panel", state="visible")
    assert again.eval(STATE) == before
    assert again.eval("KG.relationsShown()") == relations and again.drawn() == drawn
    again.page.click("#panel-close")  # the page closes; the view and its state stay in the address
    assert hash_of(again) == "#/network?hubs=1&year=2013"
    again.close()

    # over the map: the view is named with the entity
    third = View(browser, rich, hash="#/map?from=2019")
    third.page.wait_for_selector("#map .main-svg", state="attached", timeout=60_000)
    third.eval("location.hash = '#/entity/culiacan'")
    third.page.wait_for_function("() => document.getElementById('panel-body').dataset.entity === 'culiacan'")
    address = hash_of(third)
    assert address == "#/entity/culiacan?view=map&from=2019"
    before = third.eval(STATE)
    third.close()
    fourth = View(browser, rich, hash=address)
    fourth.page.wait_for_selector("#map .main-svg", state="attached", timeout=60_000)
    assert fourth.eval(STATE) == before and before["tab"] == "map" and before["panel"] == "culiacan"
    fourth.close()


def test_history_goes_back_to_the_state_it_left(browser, rich):
    view = View(browser, rich)
    view.page.uncheck("#legend input[data-type=Person]")
    assert hash_of(view) == "#/network?hide=Person"
    view.show("timeline")
    assert hash_of(view) == "#/timeline?hide=Person"  # a new route keeps the filters
    view.page.uncheck("#legend input[data-type=Country]")
    assert hash_of(view) == "#/timeline?hide=Country,Person" or hash_of(view) == "#/timeline?hide=Person,Country"
    view.eval("history.back()")
    view.page.wait_for_function("() => KG.state.view === 'network'")
    state = view.eval(STATE)
    assert state["hidden"] == ["Person"] and state["unticked"] == ["Person"] and state["tab"] == "network"
    view.eval("history.forward()")
    view.page.wait_for_function("() => KG.state.view === 'timeline'")
    assert view.eval(STATE)["hidden"] == ["Country", "Person"]
    view.close()


MALFORMED = [
    "#/timeline?types=<script>alert(1)</script>&from=abc&to=2019-13&__proto__=1&constructor=x&asof=2019-02-30"
    "&year=20x6&lang=fr&source=constructor&hubs=yes&view=__proto__",
    "#/timeline?types=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&hide=toString,__proto__&source=__proto__&from=%E0%A4%A",
    "#/timeline?&&=&hide=&from=&to=&asof=&year=&lang=&source=&view=",
]


@pytest.mark.parametrize("address", MALFORMED)
def test_parameters_the_page_cannot_use_are_ignored(browser, rich, address):
    view = View(browser, rich, hash=address)
    view.page.wait_for_selector("#timeline .main-svg", state="attached", timeout=60_000)
    state = view.eval(STATE)
    assert {key: state[key] for key in DEFAULT} == DEFAULT
    assert state["tab"] == "timeline" and state["panel"] is None and state["unticked"] == []
    assert hash_of(view) == "#/timeline"  # the address says what is shown
    assert not view.eval("document.documentElement.outerHTML.includes('alert(1)')")  # nothing was put in the page
    assert view.eval("Object.prototype.constructor === Object && !('x' in {})")
    view.close()  # no console error, nothing fetched


def test_a_known_type_among_unknown_ones_and_a_late_day_are_taken_as_far_as_they_go(browser, rich):
    view = View(browser, rich, hash="#/network?types=Person,Nope,,State&year=1990&asof=2030")
    state = view.eval(STATE)
    assert sorted(set(view.eval("KG.data.legend.map((r) => r.type)")) - set(state["hidden"])) == ["Person", "State"]
    assert state["year"] == 2012 and state["yearField"] == "2012"  # clamped to the years drawn
    assert state["asOf"] == "2030-12-31"
    assert hash_of(view) == "#/network?types=Person,State&asof=2030-12-31&year=2012"
    view.close()


def test_no_type_shown_is_a_link_too(browser, rich):
    view = View(browser, rich)
    view.page.click("#types-none")
    assert hash_of(view) == "#/network?types="
    assert view.drawn() == set()
    view.close()
    again = View(browser, rich, hash="#/network?types=")
    assert again.eval(STATE)["unticked"] == sorted(again.eval("KG.data.legend.map((r) => r.type)"))
    assert again.drawn() == set()
    again.close()


@pytest.mark.parametrize(("old", "entity"), [("#/network", None), ("#ovidio-guzman", "ovidio-guzman"),
                                             ("#/entity/ovidio-guzman", "ovidio-guzman")])
def test_old_links_still_open_what_they_named(browser, rich, old, entity):
    view = View(browser, rich, hash=old)
    if entity:
        view.page.wait_for_selector("#panel", state="visible")
    state = view.eval(STATE)
    assert state["panel"] == entity and state["tab"] == "network"
    assert {key: state[key] for key in DEFAULT} == DEFAULT
    assert hash_of(view) == ("#/entity/" + entity if entity else "#/network")
    view.close()


def test_the_documented_link_opens_what_it_says(browser, tmp_path):
    """The example in docs/view.md, on the real graph: every parameter taken up, the address kept as written."""
    text = (REPO / "docs" / "view.md").read_text(encoding="utf-8")
    address = re.search(r"^mxsec\.html(#/timeline\?\S+)$", text, re.M).group(1)
    path, _ = write_view(tmp_path, GRAPH_DIR, "mxsec")
    view = View(browser, path, hash=address)
    view.page.wait_for_selector("#timeline .main-svg", state="attached", timeout=60_000)
    state = view.eval(STATE)
    shown = sorted(set(view.eval("KG.data.legend.map((r) => r.type)")) - set(state["hidden"]))
    assert shown == ["Incident", "Law"] and state["tab"] == "timeline" and state["lang"] == "es"
    assert state["period"] == ["2014-01-01", "2019-12-31"] and state["source"] == "shirk-2019"
    assert state["asOf"] == "2019-12-31" and state["langButton"] == "es"
    assert view.eval("kgView.timelineItems()")  # Shirk's incidents of those years
    assert hash_of(view) == address
    view.close()
