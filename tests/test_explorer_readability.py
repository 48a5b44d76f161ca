"""The explorer's pictures, read as a reader would at 1400×900 and on a 390×844 phone (issue 26): the network's labels
never overlap (first view, "Fit view", zoomed in, the focus view), a deep link centres its entity in the visible
canvas, the exported picture carries a legend and its sources; the timeline, the map and the charts say what they
show and fit the phone; the Spanish page is Spanish. Screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

import math
import struct
import xml.etree.ElementTree as ET

import pytest

from explorer_browser import DESKTOP, PHONE, View, launch_browser
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
    view.shot(f"explorer-network-first-{viewport_name(viewport)}")
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
    view.shot(f"explorer-network-zoomed-{viewport_name(viewport)}")
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
    view.shot(f"explorer-network-focus-{viewport_name(viewport)}")
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
    svg = ET.parse(files["svg"]).getroot()
    texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    texts += [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}tspan")]
    joined = "\n".join(texts)
    assert "person (" in joined and "incident (" in joined  # the legend: the types drawn, with counts
    assert "AMLO, Violent Crime, and Public Security in Mexico" in joined  # the source line
    assert "Mexico security knowledge graph" in joined
    assert any(name.split(" ")[0] in joined for name in drawn_names)  # the names drawn
    assert not [el for el in svg.iter() if el.tag.endswith("script") or el.tag.endswith("foreignObject")]
    assert not [el for el in svg.iter() for name in el.attrib if name.startswith("on") or name.endswith("href")]
    assert view.blocked == []
    view.close()
