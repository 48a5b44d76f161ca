"""The explorer page, read without a browser: escaping, nothing remote, focus without hubs, a distinct legend, labels
from the ontology, and the data behind the timeline, the map and the charts."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from conftest import FIXTURES, run_kg
from kg.outputs.projection import project
from kg.pipeline import check_graph
from kg.view.network import VIS_DIR, hub_nodes, legend
from kg.view.page import plotly_js_path, render_view
from kg.view.places import map_outlines
from kg.view.timeline import event_toll, event_when

RICH = FIXTURES / "viz" / "rich"
INJECTION = FIXTURES / "viz" / "injection"


@pytest.fixture(scope="module")
def rich():
    result = check_graph(RICH)
    assert result.ok
    return result


class PageParser(HTMLParser):
    """Collects every element with its attributes and the text of the JSON data element."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.data_text = ""
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        self._in_data = tag == "script" and attrs.get("id") == "kg-data"

    def handle_endtag(self, tag):
        self._in_data = False

    def handle_data(self, data):
        if self._in_data:
            self.data_text += data


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def page_data(html: str) -> dict:
    return json.loads(parse(html).data_text)


def test_hostile_text_stays_inside_the_json_and_round_trips():
    result = check_graph(INJECTION)
    assert result.ok
    html = render_view(result.model, result.vocab)
    page = parse(html)
    # The only elements are the template's own: four scripts (data, plotly as text, vis-network, the view), no
    # injected tag.
    tags = [tag for tag, _ in page.elements]
    assert tags.count("script") == 4
    assert not {"img", "iframe", "svg", "b"} & set(tags)
    assert [attrs["href"] for tag, attrs in page.elements if tag == "a"] == [
        "#/network", "#/timeline", "#/map", "#/charts"]  # the view tabs, nothing from the data
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    for raw in ("<script>window.__pwned", "<img src=x", "</script><script>", "<iframe"):
        assert raw not in html
    data = json.loads(page.data_text)
    evil = data["entities"]["evil"]
    assert evil["labels"]["en"] == "<script>window.__pwned=1</script>"
    assert evil["descriptions"]["en"] == '<img src=x onerror="window.__pwned=1">'
    assert evil["descriptions"]["es"] == "</script><script>window.__pwned=1</script>"
    # The drawing's nodes carry no text: the page names them from the entity records, as text.
    assert all(set(n) <= {"id", "shape", "value", "color", "x", "y", "hidden", "physics", "borderWidth"}
               for n in data["nodes"])
    assert data["sources"]["source-x"]["title"] == "<script>window.__pwned=1</script> Title"


def test_page_loads_nothing_from_anywhere(rich):
    html = render_view(rich.model, rich.vocab)
    page = parse(html)
    # No element fetches anything: no src, no href but the page's own #/routes, no <link>; all inline.
    assert not [(tag, attrs) for tag, attrs in page.elements
                if "src" in attrs or not attrs.get("href", "#").startswith("#") or tag == "link"]
    csp = next(attrs["content"] for tag, attrs in page.elements if attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    assert styles and not any(re.search(r"@import|url\((?!\"?data:)", css) for css in styles)
    assert (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8") in html  # the library pyvis ships, inlined
    assert plotly_js_path().read_text(encoding="utf-8") in html  # and the one plotly ships
    assert len(html.encode("utf-8")) < 7_000_000


def test_the_same_graph_gives_the_same_bytes(rich):
    assert render_view(rich.model, rich.vocab) == render_view(rich.model, rich.vocab)


def test_focus_draws_the_neighbourhood_without_passing_through_hubs(rich):
    full = project(rich.model, rich.vocab)

    def drawn(depth: int) -> set[str]:
        data = page_data(render_view(rich.model, rich.vocab, focus="ovidio-guzman", depth=depth))
        ids = {n["id"] for n in data["nodes"]}
        assert set(data["entities"]) == set(full.nodes)  # every entity keeps its page: links lead somewhere
        assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
        focus = next(n for n in data["nodes"] if n["id"] == "ovidio-guzman")
        assert focus["borderWidth"] == 5 and focus["color"]["border"] == "#111111"  # the focus is ringed
        return ids

    assert drawn(0) == {"ovidio-guzman"}
    assert drawn(1) == {"ovidio-guzman", "joaquin-guzman", "sinaloa-cartel", "battle-of-culiacan"}
    two = drawn(2)
    assert two == {"ovidio-guzman", "joaquin-guzman", "sinaloa-cartel", "battle-of-culiacan",
                   "chapo-arrest-2016", "sinaloa", "cjng", "culiacan", "culiacan-crisis"}
    hubs = hub_nodes(full, rich.vocab)
    assert hubs == {"mexico"} and not hubs & two
    ego = nx.ego_graph(full.subgraph(set(full) - hubs).to_undirected(), "ovidio-guzman", radius=2)
    assert two == set(ego.nodes)
    # Through the hub, depth 3 would reach almost everything; without it, it stays a neighbourhood.
    assert len(drawn(3)) < len(nx.ego_graph(full.to_undirected(), "ovidio-guzman", radius=3))


def test_whole_graph_draws_every_entity_but_sources(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    ids = {n["id"] for n in data["nodes"]}
    expected = {e.id for e in rich.model.entities.values() if not rich.vocab.is_a(e.type, "Source")}
    assert ids == expected
    assert {"article-a", "article-b", "curator"} <= set(data["sources"])


def test_legend_colours_and_shapes_come_from_the_ontology_and_stay_distinct(rich):
    graph = project(rich.model, rich.vocab)
    rows = {row["type"]: row for row in legend(rich.vocab, graph)}
    # Every type drawn has a colour and a glyph no other type has: Event and Incident (which inherits Event's style
    # in the ontology) no longer look alike, nor do Country, State and Municipality.
    pairs = [(r["color"], r["shape"]) for r in rows.values()]
    assert len(set(pairs)) == len(pairs) and len({c for c, _ in pairs}) == len(pairs)
    assert (rows["Event"]["color"], rows["Event"]["shape"]) == ("#e41a1c", "star")  # the ontology's own
    assert (rows["LegalAction"]["color"], rows["LegalAction"]["shape"]) == ("#fb8072", "star")
    assert rows["Incident"]["shape"] != "star" and rows["Incident"]["color"] != "#e41a1c"
    assert (rows["CriminalOrganization"]["color"], rows["CriminalOrganization"]["shape"]) == ("#e7298a", "diamond")
    assert rows["CriminalOrganization"]["labels"] == {"en": "criminal organisation", "es": "organización criminal"}
    assert rows["Person"]["count"] == 5 and rows["Person"]["group"] == "Person"
    assert rows["Municipality"]["group"] == "Place"

    # Change the ontology and the legend (and the drawn nodes) follow.
    vocab = dataclasses.replace(rich.vocab)
    vocab.classes = dict(rich.vocab.classes)
    vocab.classes["Event"] = dataclasses.replace(vocab.classes["Event"], color="#123456", shape="square")
    rows = {row["type"]: row for row in legend(vocab, graph)}
    assert (rows["Event"]["color"], rows["Event"]["shape"]) == ("#123456", "square")
    assert rows["LegalAction"]["shape"] == "square"
    data = page_data(render_view(rich.model, vocab))
    crisis = next(n for n in data["nodes"] if n["id"] == "culiacan-crisis")
    assert crisis["color"]["background"] == "#123456" and crisis["shape"] == "square"


def test_edge_labels_come_from_the_ontology_in_both_languages(rich):
    """A link is labelled with its property's name and its participant's role, in the language shown: the page
    composes the label from these (the browser test reads the drawn labels)."""
    data = page_data(render_view(rich.model, rich.vocab, lang="es"))
    member = next(e for e in data["edges"] if data["edgeMeta"][e["id"]]["p"] == "memberOf")
    assert data["properties"]["memberOf"] == {
        "en": rich.vocab.properties["memberOf"].labels["en"], "es": rich.vocab.properties["memberOf"].labels["es"]}
    assert data["properties"]["memberOf"]["es"] == "miembro de" and "label" not in member
    perpetrator = next(e for e in data["edges"] if data["edgeMeta"][e["id"]]["p"] == "participant"
                       and e["to"] == "sinaloa-cartel")
    meta = data["edgeMeta"][perpetrator["id"]]
    subject = data["entities"][meta["statement"]["s"]]["statements"][meta["statement"]["i"]]
    assert subject["q"]["role"] == {"c": "perpetrator"} and data["concepts"]["perpetrator"]["es"] == "perpetrador"
    assert data["entities"]["mexico"]["labels"]["es"] == "México"


def test_node_size_follows_the_number_of_links(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    value = {n["id"]: n["value"] for n in data["nodes"]}
    assert value["sinaloa-cartel"] > value["ovidio-guzman"] > value["mexico"]


def test_panel_data_has_statements_qualifiers_and_full_sources(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    battle = data["entities"]["battle-of-culiacan"]
    participants = [s for s in battle["statements"] if s["p"] == "participant"]
    assert {(s["v"]["e"], s["q"]["role"]["c"]) for s in participants} == {
        ("sinaloa-cartel", "perpetrator"), ("ovidio-guzman", "detainee")}
    assert participants[0]["cites"] == [["article-a", "§ What Happened in Culiacán, ¶ 2"]]
    assert data["sources"]["article-a"] == {
        "labels": {"en": "Violence in Sinaloa", "es": "Violencia en Sinaloa"}, "type": "Article",
        "title": "Violence in Sinaloa", "date": "2019-11", "authors": ["Ana Reyes"], "publisher": "Test Institute"}
    assert data["sources"]["article-b"]["authors"] == ["jdoe"]
    assert battle["dates"] == ["2019-10-17", "2019-10-17"]
    # Incoming statements are found by the page from their subjects (the browser test reads them); only those of
    # undrawn subjects, such as an article naming its publisher, are listed in the file.
    assert data["entities"]["sinaloa-cartel"]["incoming"] == []
    assert [(s["s"], s["p"]) for s in data["entities"]["test-institute"]["incoming"]] == [
        ("article-a", "publisher"), ("article-b", "publisher")]
    # A link's statement is its subject's statement, by position.
    link = next(m for m in data["edgeMeta"].values() if m["statement"]["s"] == "battle-of-culiacan"
                and data["entities"]["battle-of-culiacan"]["statements"][m["statement"]["i"]]["p"] == "participant")
    assert link["sources"] == ["article-a"]
    # A source error and its correction are both shown, with the error's explanation.
    culiacan = data["entities"]["culiacan"]
    error = next(s for s in culiacan["statements"] if s["p"] == "nameInSource")
    assert error["kind"] == "error" and error["error"] == "The article misspells Culiacán."
    assert error["v"] == {"t": "Culicán"} and error["correction"]["v"] == {"t": "Culiacán"}
    assert error["correction"]["kind"] == "correction"
    assert data["entities"]["ovidio-guzman"]["note"] == "Detained and released on the same day."


def test_filters_data_dates_and_sources(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    meta = {data["edgeMeta"][e["id"]]["statement"]["s"] + ">" + e["to"]: data["edgeMeta"][e["id"]]
            for e in data["edges"]}
    assert meta["enrique-pena-nieto>president-of-mexico"]["dates"] == ["2012-12-01", "2018-11-30"]
    assert meta["amlo>president-of-mexico"]["dates"] == ["2018-12-01", "9999-12-31"]
    assert meta["joaquin-guzman>sinaloa-cartel"]["dates"] == ["0000-01-01", "2016-01-31"]
    assert meta["sinaloa-cartel>sinaloa"]["dates"] is None
    assert meta["amlo>president-of-mexico"]["sources"] == ["article-b"]
    assert data["entities"]["amlo"]["sources"] == ["article-b"]
    assert "dates" not in data["entities"]["amlo"]  # people are not dated; their dated relations are


def test_cli_writes_the_view(tmp_path):
    out = tmp_path / "view.html"
    done = run_kg("viz", "--graph", str(RICH), "-o", str(out), "--lang", "es")
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stderr and out.stat().st_size > 500_000
    assert page_data(out.read_text(encoding="utf-8"))["lang"] == "es"

    done = run_kg("viz", "--graph", str(RICH), "-o", "-", "--focus", "cjng", "--depth", "1")
    assert done.returncode == 0
    assert {n["id"] for n in page_data(done.stdout)["nodes"]} == {"cjng", "sinaloa-cartel"}


def test_cli_focus_view_gets_its_own_file_name(tmp_path):
    (tmp_path / "exports").mkdir()
    full = tmp_path / "exports" / "mxsec.html"
    full.write_text("the full view")
    done = run_kg("viz", "--graph", str(RICH.resolve()), "--focus", "cjng", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert full.read_text() == "the full view"  # not overwritten
    assert page_data((tmp_path / "exports" / "mxsec-cjng.html").read_text(encoding="utf-8"))["focus"] == "cjng"


def test_cli_errors_are_one_line(tmp_path):
    out = tmp_path / "view.html"
    done = run_kg("viz", "--graph", str(RICH), "-o", str(out), "--focus", "ovidio-guzmn")
    assert done.returncode == 1 and not out.exists()
    assert done.stderr.strip().splitlines() == [
        "kg viz: --focus: no entity named `ovidio-guzmn` in the graph. Did you mean ovidio-guzman (Ovidio Guzmán López,"
        " Person); joaquin-guzman (Joaquín Guzmán Loera, Person)?"]
    assert "Traceback" not in done.stderr

    done = run_kg("viz", "--graph", str(RICH), "-o", str(out), "--focus", "article-a")
    assert done.returncode == 1 and "'article-a' is a source" in done.stderr and not out.exists()

    blocker = tmp_path / "file"
    blocker.write_text("")
    done = run_kg("viz", "--graph", str(RICH), "-o", str(blocker / "view.html"))
    assert done.returncode == 1 and done.stderr.startswith("kg viz: cannot write") and "Traceback" not in done.stderr

    done = run_kg("viz", "--graph", str(RICH), "-o", str(out), "--depth", "2")
    assert done.returncode == 2 and "--depth needs --focus" in done.stderr

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.yaml").write_text("- id: x\n  type: Person\n  label: X\n  memberOf: nobody\n  cite: curator\n")
    done = run_kg("viz", "--graph", str(broken), "-o", str(out))
    assert done.returncode == 1 and not out.exists()
    assert "no view written" in done.stderr and "Traceback" not in done.stderr


def test_timeline_data_keeps_each_dates_precision(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    events = {e["id"]: e for e in data["timeline"]}
    # Every dated event, and only dated events: the 2016 arrest, the battle, the crisis, the ambush.
    dated = {e.id for e in rich.model.entities.values() if rich.vocab.is_a(e.type, "Event") and event_when(e)}
    assert set(events) == dated == {"chapo-arrest-2016", "battle-of-culiacan", "culiacan-crisis", "sinaloa-ambush-2019"}
    assert [e["id"] for e in data["timeline"]] == ["chapo-arrest-2016", "sinaloa-ambush-2019", "culiacan-crisis",
                                                   "battle-of-culiacan"]  # in date order
    battle = events["battle-of-culiacan"]
    assert (battle["kind"], battle["start"], battle["end"]) == ("point", "2019-10-17", "2019-10-17")
    assert battle["case"] == "culiacan-crisis" and battle["places"] == ["culiacan"] and battle["toll"]["max"] == 13
    crisis = events["culiacan-crisis"]  # months: the whole of October to the end of November, no fake day
    assert (crisis["kind"], crisis["start"], crisis["end"]) == ("range", "2019-10-01", "2019-11-30")
    assert crisis["case"] == "culiacan-crisis"
    ambush = events["sinaloa-ambush-2019"]  # "2019, between March and May": drawn between its bounds
    assert (ambush["kind"], ambush["start"], ambush["end"]) == ("uncertain", "2019-03-01", "2019-05-31")
    assert ambush["toll"] == {"min": 5, "max": 7}  # two sources, one count: 5 or 7, not 12
    assert ambush["sources"] == ["article-a", "article-b"]


def test_sources_that_disagree_are_marked_beside_each_statement(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    killed = [s for s in data["entities"]["sinaloa-ambush-2019"]["statements"] if s["p"] == "killed"]
    assert [(s["v"]["t"], s["dis"], s["cites"][0][0]) for s in killed] == [
        ("5", ["7"], "article-a"), ("7", ["5"], "article-b")]
    battle = data["entities"]["battle-of-culiacan"]
    assert not any("dis" in s for s in battle["statements"])  # one figure: nothing to mark


def test_map_data_places_with_coordinates_and_the_rest_listed(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    assert data["places"] == {"located": [{"id": "culiacan", "lat": 24.8, "lon": -107.39}],
                              "unlocated": ["mexico", "sinaloa"],
                              "states": {"MX-SI": "sinaloa"},  # the outline named as the entity is
                              # No mark of its own: the nearest mapped place, and the links that lead there.
                              "anchors": {"sinaloa-cartel": {"place": "sinaloa", "via": [["basedIn", "sinaloa"]]}}}
    outlines = map_outlines()["states"]
    assert len(outlines) == 32 and len({s["code"] for s in outlines}) == 32
    assert data["outlines"] == outlines
    # Simplified to a sensible size, and every ring is inside Mexico's bounding box.
    points = [p for s in outlines for ring in s["rings"] for p in ring]
    assert 1_000 < len(points) < 10_000
    assert all(-118.5 < x < -86.5 and 14.4 < y < 32.8 for x, y in points)


def test_indicator_data_every_source_side_by_side(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    [indicator] = data["indicators"]
    assert indicator["id"] == "test-homicides" and indicator["unit"] == "homicides"
    rows = [(o["period"], o["value"], o["producer"], o["status"], o["sources"]) for o in indicator["observations"]]
    assert rows == [("2018", 1020, "test-institute", "official-count", ["article-b"]),
                    ("2019", 1150, "stats-office", "official-count", ["article-a"]),
                    ("2019", 1100, "test-institute", "preliminary", ["article-b"])]


def test_literals_carry_their_datatype_for_formatting(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    killed = next(s for s in data["entities"]["battle-of-culiacan"]["statements"] if s["p"] == "killed")
    date = next(s for s in data["entities"]["battle-of-culiacan"]["statements"] if s["p"] == "date")
    assert killed["v"]["dt"] in ("integer", "decimal", "nonNegativeInteger")
    assert date["v"] == {"t": "2019-10-17", "dt": "date"}


def test_death_tolls_add_up_groups_and_keep_disagreements_apart(real_build):
    """An event's toll is the sum over the groups its sources count; one group's figures from two sources are a
    range, never a sum (the page, the map's marks and the timeline's hovers all read this)."""
    tolls = {e.id: event_toll(e) for e in real_build.model.entities.values()}
    assert tolls["sonora-massacre-2019"] == {"min": 9, "max": 9, "groups": [
        {"group": "women", "figures": [3]}, {"group": "children", "figures": [6]}]}
    assert (tolls["tepochica-clash-2019"]["min"], tolls["tepochica-clash-2019"]["max"]) == (15, 15)
    data = page_data(render_view(real_build.model, real_build.vocab))
    drawn = {e["id"]: e for e in data["timeline"]}
    assert drawn["sonora-massacre-2019"]["toll"]["max"] == 9 and drawn["tepochica-clash-2019"]["toll"]["max"] == 15


def test_dates_known_to_the_year_or_month_are_drawn_as_uncertain(rich):
    entity = dataclasses.replace(rich.model.entities["battle-of-culiacan"])
    date = next(st for st in entity.statements if st.predicate == "date")
    for text, expected in (("2014", ("2014-01-01", "2014-12-31", "year")),
                           ("2019-10", ("2019-10-01", "2019-10-31", "month"))):
        value = dataclasses.replace(date.value, text=text)
        entity.statements = [dataclasses.replace(date, value=value)]
        when = event_when(entity)
        assert when["kind"] == "uncertain" and (when["start"], when["end"], when["imprecise"]) == expected


def test_observation_figures_carry_their_bound_and_rank_size(real_build):
    data = page_data(render_view(real_build.model, real_build.vocab))
    assert data["indicators"][0]["id"] == "intentional-homicides"  # the longest series first
    observations = {o["id"]: o for i in data["indicators"] for o in i["observations"]}
    assert observations["homicides-2019-shirk-projection"]["bound"] == "at-least"
    assert observations["homicides-2019-shirk-projection"]["status"] == "projection"
    assert observations["wjp-rank-mexico-2019"]["outOf"] == 126 and "bound" not in observations["wjp-rank-mexico-2019"]
