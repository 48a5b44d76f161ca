"""The explorer's pictures, read as a reader would at 1400×900 and on a 390×844 phone (issue 26): the network's labels
never overlap (first view, "Fit view", zoomed in, the focus view), a deep link centres its entity in the visible
canvas, the exported picture carries a legend and its sources; the timeline, the map and the charts say what they
show and fit the phone; the Spanish page is Spanish. Screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

import math
import re
import shutil
import struct
import xml.etree.ElementTree as ET

import pytest

from explorer_browser import ARTIFACTS, DESKTOP, PHONE, PLOT_POINT, TICK_NAMES, View, launch_browser, overlapping
from kg.outputs.projection import project
from kg.view.network import hub_nodes
from kg.view.page import render_view

pytestmark = pytest.mark.browser
VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]


@pytest.fixture(scope="module")
def browser():
    yield from launch_browser()


@pytest.fixture(scope="module")
def real(real_build, tmp_path_factory):
    """The curated graph's pages (English, Spanish, and the 2-step neighbourhood of Ovidio Guzmán) and what a test
    needs to know about it."""
    folder = tmp_path_factory.mktemp("explorer")
    pages = {}
    for name, options in (("en", {}), ("es", {"lang": "es"}), ("focus", {"focus": "ovidio-guzman", "depth": 2})):
        pages[name] = folder / f"mxsec-{name}.html"
        pages[name].write_text(render_view(real_build.model, real_build.vocab, **options), encoding="utf-8")
    graph = project(real_build.model, real_build.vocab)
    hubs = hub_nodes(graph, real_build.vocab)
    core = graph.subgraph(set(graph) - hubs)
    busiest = sorted(core, key=lambda n: (-core.degree(n), n))
    names = {e.id: (e.labels.get("en") or e.id) for e in real_build.model.entities.values()}
    return {"pages": pages, "graph": graph, "busiest": busiest, "names": names, "build": real_build}


def viewport_name(viewport: dict) -> str:
    return "desktop" if viewport == DESKTOP else "phone"


# ---------------------------------------------------------------- the network


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_network_labels_never_overlap_at_any_zoom_the_controls_reach(browser, real, viewport):
    view = View(browser, real["pages"]["en"], viewport)
    phone = viewport == PHONE
    view.settle()
    first = view.assert_labels_readable(real["names"], at_least=10 if phone else 50, must=tuple(real["busiest"][:3]))
    view.shot(f"mxsec-network-first-{viewport_name(viewport)}")
    view.page.click("#fit")
    view.settle()
    view.assert_labels_readable(real["names"], at_least=10 if phone else 50, must=tuple(real["busiest"][:3]))
    # Zoomed in with the wheel, as far as a reader goes to read a cluster: more names, still none overlapping.
    scale = view.eval("kgView.network.getScale()")
    left, top, right, bottom = view.canvas_box()
    view.page.mouse.move((left + right) / 2, (top + bottom) / 2)
    for _ in range(30):  # until the links' names show (from a zoom of 0.75)
        view.page.mouse.wheel(0, -300)
        view.page.wait_for_timeout(100)
        if view.eval("kgView.network.getScale()") > 1:
            break
    view.settle()
    zoomed = view.assert_labels_readable(real["names"], at_least=5)
    assert view.eval("kgView.network.getScale()") > 2 * scale
    view.shot(f"mxsec-network-zoomed-{viewport_name(viewport)}")
    assert {label["id"] for label in zoomed if label["kind"] == "edge"}  # close up, the links are named too
    assert len(first) > 0
    view.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_focus_view_fits_and_names_its_neighbourhood(browser, real, viewport):
    view = View(browser, real["pages"]["focus"], viewport)
    view.settle()
    drawn = view.drawn()
    assert "ovidio-guzman" in drawn and 10 <= len(drawn) <= 40
    for when in ("first", "fit"):
        if when == "fit":
            view.page.click("#fit")
            view.settle()
        left, top, right, bottom = view.canvas_box()
        for node in drawn:
            x, y = view.node_point(node)
            assert left < x < right and top < y < bottom, (when, node)
        labels = view.assert_labels_readable(real["names"], at_least=min(len(drawn), 8), must=("ovidio-guzman",))
        focus = next(label for label in labels if label["id"] == "ovidio-guzman")
        assert focus["size"] >= 14
    view.shot(f"mxsec-network-focus-{viewport_name(viewport)}")
    view.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_deep_link_centres_its_entity_in_the_visible_canvas(browser, real, viewport):
    view = View(browser, real["pages"]["en"], viewport, hash="#/entity/ovidio-guzman")
    view.page.wait_for_selector("#panel", state="visible")
    if viewport == PHONE:  # the entity page covers the phone's screen; the drawing is behind it, centred
        view.page.click("#panel-close")
    view.page.wait_for_timeout(300)
    x, y = view.settled_point("ovidio-guzman")
    left, top, right, bottom = view.canvas_box()
    assert left + 20 < x < right - 20 and top + 20 < y < bottom - 20
    assert math.dist((x, y), ((left + right) / 2, (top + bottom) / 2)) < 0.1 * (right - left)
    assert view.eval("kgView.selectedNodes()") == ["ovidio-guzman"]
    names = {label["id"] for label in view.labels() if label["kind"] == "node"}
    assert "ovidio-guzman" in names  # the selected entity is named
    view.close()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_export_picture_carries_its_legend_and_sources(browser, real, tmp_path):
    view = View(browser, real["pages"]["en"], DESKTOP)
    view.settle()
    drawn_names = {" ".join(label["lines"]) for label in view.labels()}
    files = {}
    for kind in ("png", "svg"):
        view.page.click("#export")
        with view.page.expect_download() as download:
            view.page.click(f"#export-{kind}")
        files[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[kind])
    assert sorted(p.name for p in files.values()) == ["mxsec-network.png", "mxsec-network.svg"]
    left, top, right, bottom = view.canvas_box()
    width, height = png_size(files["png"].read_bytes())
    assert width == 2 * round(right - left) and height > 2 * (bottom - top)  # the drawing, and more below it
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(files["svg"], ARTIFACTS / "explorer-network-export.svg")  # to look at
    svg = ET.parse(files["svg"]).getroot()
    texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    texts += [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}tspan")]
    joined = "\n".join(texts)
    assert "person (" in joined and "incident (" in joined  # the legend: the types drawn, with counts
    assert "AMLO, Violent Crime, and Public Security in Mexico" in joined  # the source line
    assert "Mexico security knowledge graph" in joined
    assert any(name.split(" ")[0] in joined for name in drawn_names)  # the names drawn
    paths = list(svg.iter("{http://www.w3.org/2000/svg}path"))
    arrows = [el for el in svg.iter("{http://www.w3.org/2000/svg}polygon") if el.get("class") == "arrow"]
    assert paths and len(arrows) == len(paths), "every relation drawn with its direction, as on screen"
    assert not [el for el in svg.iter() if el.tag.endswith("script") or el.tag.endswith("foreignObject")]
    assert not [el for el in svg.iter() for name in el.attrib if name.startswith("on") or name.endswith("href")]
    assert view.blocked == []
    view.close()


# ---------------------------------------------------------------- one colour per type, in every view

# The colour each drawn item has in each view, by entity id: the network's glyphs, the timeline's marks, the map's
# marks, and the sidebar key's swatches (by type).
DRAWN_COLOURS = """() => {
  const out = {network: {}, timeline: {}, map: {}, key: {}};
  for (const id of kgView.drawnNodeIds()) out.network[id] = kgView.network.body.nodes['n:' + id].options.color.background;
  for (const [view, box] of [['timeline', 'timeline'], ['map', 'map']]) {
    const gd = document.getElementById(box);
    for (const trace of gd._fullData || []) {
      if (!trace.customdata || typeof trace.marker.color !== 'string') continue;
      trace.customdata.forEach((id) => { if (kgView.data.entities[id]) out[view][id] = trace.marker.color; });
    }
  }
  for (const row of document.querySelectorAll('#legend .legend-row')) {
    out.key[row.querySelector('input').dataset.type] = row.querySelector('svg [fill]').getAttribute('fill');
  }
  return out; }"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_each_type_has_one_colour_in_every_view_whatever_the_filters(browser, real, viewport):
    view = View(browser, real["pages"]["en"], viewport)
    types = view.eval("Object.fromEntries(Object.entries(kgView.data.types).map(([k, v]) => [k, v.color]))")
    type_of = {i: e.type for i, e in real["build"].model.entities.items()}

    def check(when: str) -> int:
        view.show("timeline")
        view.show("map")
        colours = view.eval(DRAWN_COLOURS)
        seen = 0
        for part in ("network", "timeline", "map"):
            for entity, colour in colours[part].items():
                assert colour.lower() == types[type_of[entity]].lower(), (when, part, entity)
                seen += 1
        assert {t: c.lower() for t, c in colours["key"].items()} == {t: types[t].lower() for t in colours["key"]}
        return seen

    assert check("opening") > 150
    # Filters change what is drawn, never the colour a type is drawn in.
    view.show("network")
    if viewport == PHONE:
        view.page.click("#filters-toggle")
    view.page.uncheck("#legend input[data-type=Incident]")
    view.page.fill("#date-from", "2019")
    view.page.fill("#date-to", "2020")
    if viewport == PHONE:
        view.page.click("#filters-toggle")
    assert 20 < check("filtered")
    assert "aguililla-ambush-2019" not in view.eval("kgView.timelineItems()")
    view.close()


# ---------------------------------------------------------------- the timeline

# Where each of an entity's marks is on the page (bars and dots; with the brackets of an uncertain date).
MARK_BOXES = """([box, id]) => {
  const gd = document.getElementById(box) || document.querySelector(box), seen = {}, out = [];
  for (const trace of gd._fullData) {
    const subplot = (trace.xaxis || 'x') + (trace.yaxis || 'y');
    const layer = trace.type === 'bar' ? 'barlayer' : 'scatterlayer';
    const n = seen[subplot + layer] = (seen[subplot + layer] || 0) + 1;
    const k = (trace.customdata || []).indexOf(id);
    if (k < 0) continue;
    const point = gd.querySelectorAll('.subplot.' + subplot + ' .' + layer + ' .trace')[n - 1].querySelectorAll('.point')[k];
    const r = point.getBoundingClientRect();
    out.push({left: r.left, top: r.top, width: r.width, height: r.height, type: trace.type,
              pattern: trace.marker.pattern ? trace.marker.pattern.shape : ''});
  }
  return out; }"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_timeline_gives_each_case_its_panel_and_draws_uncertain_dates_as_uncertain(browser, real, viewport):
    view = View(browser, real["pages"]["en"], viewport)
    view.show("timeline")
    layout = view.eval("""(() => { const gd = document.getElementById('timeline');
        const axes = Object.keys(gd._fullLayout).filter((k) => /^xaxis\\d*$/.test(k));
        return {titles: gd._fullLayout.annotations.map((a) => a.text),
                ranges: Object.fromEntries(axes.map((k) => [k, gd._fullLayout[k].range]))}; })()""")
    # Group names are where the groups are: a title over each panel, the cases named as cases.
    assert "<b>Cienfuegos case</b> · case" in layout["titles"]
    assert any(t.startswith("<b>Capture and release of Ovidio Guzmán") for t in layout["titles"])
    assert len(layout["titles"]) == len(layout["ranges"]) >= 5
    # The Cienfuegos case's events, at the default range, each readable: the panel spans its months, not the
    # seven years of the whole timeline, and every mark is at least a few pixels wide on its own row.
    case = [e["id"] for e in view.eval("kgView.data.timeline") if e.get("case") == "cienfuegos-case"]
    assert len(case) >= 12
    for event in case:
        boxes = view.eval(MARK_BOXES, ["timeline", event])
        assert boxes and max(b["width"] for b in boxes) >= 6, event
    rows = sorted({round(view.eval(MARK_BOXES, ["timeline", e])[0]["top"]) for e in case})
    assert len(rows) == len(case)  # one row each
    # Ayotzinapa is known only to the year: a hatched bar between brackets (some time in 2014), unlike a real
    # span such as the FGR's investigation (a solid bar from its start to its end).
    ayotzinapa = view.eval(MARK_BOXES, ["timeline", "ayotzinapa-2014"])
    assert [b["pattern"] for b in ayotzinapa if b["type"] == "bar"] == ["/"]
    brackets = view.eval("""(() => { const gd = document.getElementById('timeline');
        return gd._fullData.filter((t) => t.marker && t.marker.symbol === 'line-ns-open').flatMap((t) => t.x); })()""")
    assert "2014-01-01" in brackets and "2015-01-01" in brackets
    investigation = view.eval(MARK_BOXES, ["timeline", "fgr-cienfuegos-investigation"])
    assert [b["pattern"] for b in investigation if b["type"] == "bar"] == [""]
    # Names are readable whole: wrapped between words, never cut (a phone gives them up to four lines).
    names = view.eval(TICK_NAMES, "timeline")
    expected = [real["names"][e] for e in view.eval("kgView.timelineItems()")]
    assert sorted(names) == sorted(expected)
    view.shot(f"mxsec-timeline-{viewport_name(viewport)}")
    if viewport == PHONE:
        assert_inside_the_phone(view, "#view-timeline", ".main-svg, .plot-legend .legend-item, .ytick text")
    view.close()


def assert_inside_the_phone(view: View, scope: str, selector: str) -> None:
    """Every element `selector` matches inside `scope` lies within the phone's width (it may be scrolled to)."""
    boxes = view.eval("""([scope, sel]) => [...document.querySelector(scope).querySelectorAll(sel)]
        .map((e) => { const r = e.getBoundingClientRect(); return [e.textContent.slice(0, 40), r.left, r.right, r.width]; })
        .filter((b) => b[3] > 0)""", [scope, selector])
    assert boxes
    outside = [b for b in boxes if b[1] < -0.5 or b[2] > PHONE["width"] + 0.5]
    assert outside == []


# ---------------------------------------------------------------- the map

MAP_MARKS = """() => {
  const gd = document.getElementById('map'), seen = {}, marks = [], names = [];
  for (const trace of gd._fullData) {
    const n = seen[trace.type] = (seen[trace.type] || 0) + 1;
    const group = gd.querySelectorAll('.scatterlayer .trace')[n - 1];
    if (trace.fill === 'toself') continue;
    if (trace.mode === 'text') {
      for (const t of group.querySelectorAll('.textpoint text')) {
        const r = t.getBoundingClientRect(); names.push({text: t.textContent, box: [r.left, r.top, r.right, r.bottom]});
      }
      continue;
    }
    group.querySelectorAll('.point').forEach((p, k) => {
      const r = p.getBoundingClientRect();
      marks.push({id: trace.customdata[k], x: r.left + r.width / 2, y: r.top + r.height / 2, r: Math.min(r.width, r.height) / 2});
    });
  }
  const frame = gd.querySelector('.nsewdrag').getBoundingClientRect();
  return {marks: marks, names: names, frame: [frame.left, frame.top, frame.right, frame.bottom]}; }"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_map_marks_stand_apart_and_names_stay_in_the_frame(browser, real, viewport):
    view = View(browser, real["pages"]["en"], viewport)
    view.show("map")
    drawn = view.eval(MAP_MARKS)
    marks = drawn["marks"]
    assert len(marks) >= 8
    crowded = [(a["id"], b["id"]) for i, a in enumerate(marks) for b in marks[i + 1:]
               if math.dist((a["x"], a["y"]), (b["x"], b["y"])) < a["r"] + b["r"] - 1]
    assert crowded == []  # every mark can be told apart and tapped
    left, top, right, bottom = drawn["frame"]
    assert drawn["names"] and all(left <= n["box"][0] and n["box"][2] <= right and top <= n["box"][1]
                                  and n["box"][3] <= bottom for n in drawn["names"]), drawn["names"]
    assert overlapping([{"lines": [n["text"]], "box": n["box"]} for n in drawn["names"]]) == []
    assert any(n["text"] == "Cancún" for n in drawn["names"])  # the one cut at the edge before
    details = view.eval("kgView.mapDetails()")
    if viewport == PHONE:  # places too close to tell apart on a phone are one mark, with how many it holds
        assert details["clusters"]
        counts = view.eval("""(() => { const gd = document.getElementById('map');
            const t = gd._fullData.find((d) => d.customdata && String(d.customdata[0]).startsWith('cluster:'));
            return t.text.map(Number); })()""")
        assert all(c >= 2 for c in counts)
        assert_inside_the_phone(view, "#view-map", ".main-svg, .plot-legend .legend-item, .textpoint")
    view.shot(f"mxsec-map-{viewport_name(viewport)}")
    view.close()


def test_show_on_the_map_says_why_an_entity_has_no_mark(browser, real):
    # a municipality the gazetteer could not place (no town of that name): its state is the nearest mapped place
    view = View(browser, real["pages"]["en"], DESKTOP, hash="#/entity/benito-juarez-quintana-roo")
    view.page.wait_for_selector("#panel", state="visible")
    view.page.click("#panel .page-actions a[href='#/map']")
    view.page.wait_for_selector("#map .main-svg", state="attached")
    view.page.wait_for_timeout(400)
    note = view.page.inner_text("#map-note")
    assert "Benito Juárez (Quintana Roo) has no coordinates in the graph" in note and "Quintana Roo" in note
    assert view.eval("kgView.mapDetails().highlighted") == ["quintana-roo"]
    view.shot("mxsec-map-nearest-desktop")
    view.close()


def touch_page(browser, path):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-layout=stable]", state="attached", timeout=120_000)
    return context, page, errors


@pytest.mark.parametrize("plot,item", [("map", "culiacan-battle-2019"), ("#charts .chart", "homicides-2019-shirk-projection")])
def test_a_tap_on_a_phone_shows_the_tooltip_before_it_opens_the_page(browser, real, plot, item):
    context, page, errors = touch_page(browser, real["pages"]["en"])
    page.evaluate("location.hash = '#/" + ("map" if plot == "map" else "charts") + "'")
    page.wait_for_selector((plot if plot != "map" else "#map") + " .main-svg", state="attached", timeout=60_000)
    page.wait_for_timeout(400)
    point = page.evaluate(PLOT_POINT, [plot, item])
    page.wait_for_timeout(300)
    point = page.evaluate(PLOT_POINT, [plot, item])
    page.touchscreen.tap(*point)
    page.wait_for_timeout(400)
    hover = page.evaluate("sel => (document.querySelector(sel + ' .hoverlayer') || {}).textContent || ''",
                          plot if plot != "map" else "#map")
    assert real["names"][item].split(" ")[0] in hover and "#/entity/" not in page.evaluate("location.hash")
    page.touchscreen.tap(*point)
    page.wait_for_function("id => location.hash.split('?')[0] === '#/entity/' + id", arg=item, timeout=5_000)
    assert errors == []
    context.close()


# ---------------------------------------------------------------- the charts


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_charts_carry_their_attribution_bounds_and_ranks_on_their_face(browser, real, viewport):
    view = View(browser, real["pages"]["en"], viewport)
    view.show("charts")
    cards = view.eval("[...document.querySelectorAll('#charts .chart-card')].map((c) => c.dataset.indicator)")
    assert cards[0] == "intentional-homicides"  # the series people come for, first
    homicides = view.page.inner_text("#charts .chart-card >> nth=0")
    # Who made each series and who reports it, on the chart, not only on hover.
    assert "Executive Secretariat of the National Public Security System — reported by Two Years of AMLO" in homicides
    assert "David Shirk — reported by AMLO, Violent Crime, and Public Security in Mexico" in homicides
    # "35,000 or more", a projection: a bound and a status on the bar, the bar open-ended.
    texts = view.eval("""(() => { const gd = document.querySelector('#charts .chart');
        return [...gd.querySelectorAll('.bartext')].map((t) => t.textContent); })()""")
    assert any(t.startswith("≥ 35,000") and "projection" in t for t in texts), texts
    assert any(t.startswith("34,515") and "preliminary" in t for t in texts), texts
    extension = view.eval("""(() => { const gd = document.querySelector('#charts .chart');
        return gd._fullData.filter((t) => t.base && t.customdata.includes('homicides-2019-shirk-projection'))
          .map((t) => [t.base[0], t.marker.opacity]); })()""")
    assert extension == [[35000, 0.35]]
    # A rank is drawn better-is-up and says out of how many.
    rank = cards.index("wjp-rule-of-law-rank")
    axis = view.eval(f"document.querySelectorAll('#charts .chart')[{rank}]._fullLayout.yaxis.range")
    assert axis[0] > axis[1]
    wjp = view.eval(f"document.querySelectorAll('#charts .chart')[{rank}].data[0].text")
    assert "99 of 126" in wjp and "104 of 128" in wjp
    view.shot(f"mxsec-charts-{viewport_name(viewport)}")
    if viewport == PHONE:
        assert_inside_the_phone(view, "#view-charts", ".chart-card, .chart-legend li, .main-svg, .bartext, .textpoint")
    view.close()


# ---------------------------------------------------------------- the Spanish page

# Every text the Spanish page shows a reader, minus what is marked as data in one language (lang="en"), titles of
# works and the sources' own headings (quoted as written), and names from the data: what is left is the page's own.
PAGE_OWN_TEXT = """() => {
  const skip = (e) => e.closest('[lang=en], cite, [data-quote], script, style, #kg-data, #plotly-src');
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.nextNode && walker.currentNode, parent = node.parentElement;
    if (parent && !skip(parent) && visible(parent) && node.textContent.trim()) texts.push(node.textContent);
  }
  for (const e of document.querySelectorAll('[placeholder], [aria-label], [title], [data-title]')) {
    if (skip(e)) continue;
    for (const a of ['placeholder', 'aria-label', 'title', 'data-title']) if (e.getAttribute(a)) texts.push(e.getAttribute(a));
  }
  const D = kgView.data, names = new Set();
  const add = (x) => { if (x) names.add(String(x)); };
  for (const map of [D.entities, D.names, D.sources, D.types, D.groups]) {
    for (const v of Object.values(map)) { const l = v.labels || v; add(l.en); add(l.es); (v.aliases || []).forEach(add);
      add(v.title); add(v.publisher); (v.authors || []).forEach(add); }
  }
  for (const map of [D.properties, D.concepts]) for (const v of Object.values(map)) { add(v.en); add(v.es); }
  const sorted = [...names].sort((a, b) => b.length - a.length);
  return texts.map((t) => { for (const n of sorted) if (n.length > 2) t = t.split(n).join(' '); return t; }); }"""

# The words of the page's own English texts that its Spanish texts never use.
ENGLISH_WORDS = """() => {
  const words = (table) => { const out = new Set(); const walk = (v) => {
      if (typeof v === 'function') { try { walk(v(2, 3, 'X')); } catch (e) { /* a text that takes other arguments */ } }
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      else if (typeof v === 'string') for (const w of v.match(/[A-Za-zÀ-ÿ]{4,}/g) || []) out.add(w.toLowerCase()); };
    walk(table); return out; };
  const en = words(KG.UI.en), es = words(KG.UI.es);
  for (const w of ['Download', 'plot', 'Reset', 'axes', 'Autoscale', 'Zoom']) en.add(w.toLowerCase());
  return [...en].filter((w) => !es.has(w)); }"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_spanish_page_writes_spanish_everywhere(browser, real, viewport):
    view = View(browser, real["pages"]["es"], viewport)
    english = set(view.eval(ENGLISH_WORDS))
    assert {"killed", "sources", "curator", "between"} <= english  # the list is the real one (units: the vocabulary's)
    found = {}

    def look(where: str) -> None:
        for text in view.eval(PAGE_OWN_TEXT):
            for word in re.findall(r"[A-Za-zÀ-ÿ]{4,}", text):
                if word.lower() in english:
                    found.setdefault(where, set()).add(f"{word} in {text.strip()[:80]!r}")

    look("network")
    for name in ("timeline", "map", "charts"):
        view.show(name)
        plots = "#charts .chart" if name == "charts" else f"#{name}"
        view.page.hover(plots)
        view.page.wait_for_timeout(200)
        look(name)
    for entity in ("homicides-2019-shirk-projection", "tepochica-clash-2019", "wjp-rank-mexico-2019", "ovidio-guzman"):
        view.page.evaluate(f"location.hash = '#/entity/{entity}'")
        view.page.wait_for_function(f"() => document.getElementById('panel-body').dataset.entity === '{entity}'")
        look(entity)
    assert found == {}
    view.page.click("#panel-close")
    # English-only data is marked, and says so in Spanish.
    view.page.evaluate("location.hash = '#/entity/homicides-2019-shirk-projection'")
    view.page.wait_for_function("() => document.getElementById('panel-body').dataset.entity === 'homicides-2019-shirk-projection'")
    note = view.eval("document.querySelector('#panel-body > .note').innerText")
    assert note.startswith("Nota del curador: A projection") and note.endswith("(solo en inglés)")
    assert view.eval("document.querySelector('#panel-body > .note [lang=en]') !== null")
    view.page.click("#panel-close")
    view.show("charts")
    assert "homicidios" in view.page.inner_text("#charts .chart-card h3 >> nth=0")
    view.close()
