"""The network view's page, read without a browser: escaping, nothing remote, focus, legend and labels from the ontology."""

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
from kg.view.network_view import VIS_DIR, date_bounds, legend, render_view

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
    # The only elements are the template's own: three scripts (data, vis-network, the view), no injected tag.
    tags = [tag for tag, _ in page.elements]
    assert tags.count("script") == 3
    assert not {"img", "iframe", "svg", "b", "a"} & set(tags)
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    for raw in ("<script>window.__pwned", "<img src=x", "</script><script>", "<iframe"):
        assert raw not in html
    data = json.loads(page.data_text)
    evil = data["entities"]["evil"]
    assert evil["labels"]["en"] == "<script>window.__pwned=1</script>"
    assert evil["descriptions"]["en"] == '<img src=x onerror="window.__pwned=1">'
    assert evil["descriptions"]["es"] == "</script><script>window.__pwned=1</script>"
    node = next(n for n in data["nodes"] if n["id"] == "evil")
    assert node["label"] == "<script>window.__pwned=1</script>"
    assert data["sources"]["source-x"]["title"] == "<script>window.__pwned=1</script> Title"


def test_page_loads_nothing_from_anywhere(rich):
    html = render_view(rich.model, rich.vocab)
    page = parse(html)
    # No element fetches anything: no src, no href, no <link>; styles and scripts are inline.
    assert not [(tag, attrs) for tag, attrs in page.elements if "src" in attrs or "href" in attrs or tag == "link"]
    csp = next(attrs["content"] for tag, attrs in page.elements if attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    assert styles and not any(re.search(r"@import|url\((?!\"?data:)", css) for css in styles)
    assert (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8") in html  # the library pyvis ships, inlined
    assert len(html.encode("utf-8")) < 1_500_000


def test_the_same_graph_gives_the_same_bytes(rich):
    assert render_view(rich.model, rich.vocab) == render_view(rich.model, rich.vocab)


def test_focus_draws_the_neighbourhood_only(rich):
    def drawn(depth: int) -> set[str]:
        data = page_data(render_view(rich.model, rich.vocab, focus="ovidio-guzman", depth=depth))
        ids = {n["id"] for n in data["nodes"]}
        assert set(data["entities"]) == ids
        assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
        return ids

    assert drawn(0) == {"ovidio-guzman"}
    assert drawn(1) == {"ovidio-guzman", "joaquin-guzman", "sinaloa-cartel", "battle-of-culiacan"}
    assert drawn(2) == {"ovidio-guzman", "joaquin-guzman", "sinaloa-cartel", "battle-of-culiacan",
                        "chapo-arrest-2016", "sinaloa", "cjng", "culiacan"}
    full = project(rich.model, rich.vocab)
    ego = nx.ego_graph(full.to_undirected(), "ovidio-guzman", radius=2)
    assert drawn(2) == set(ego.nodes)


def test_whole_graph_draws_every_entity_but_sources(rich):
    data = page_data(render_view(rich.model, rich.vocab))
    ids = {n["id"] for n in data["nodes"]}
    expected = {e.id for e in rich.model.entities.values() if not rich.vocab.is_a(e.type, "Source")}
    assert ids == expected
    assert {"article-a", "article-b", "curator"} <= set(data["sources"])


def test_legend_colours_and_shapes_come_from_the_ontology(rich):
    graph = project(rich.model, rich.vocab)
    rows = {row["type"]: row for row in legend(rich.vocab, graph)}
    # Own colour, shape inherited from kg:Event; both inherited from kg:Place; both its own.
    assert (rows["LegalAction"]["color"], rows["LegalAction"]["shape"]) == ("#fb8072", "star")
    assert (rows["Incident"]["color"], rows["Incident"]["shape"]) == ("#e41a1c", "star")
    assert (rows["Municipality"]["color"], rows["Municipality"]["shape"]) == ("#17becf", "triangle")
    assert (rows["CriminalOrganization"]["color"], rows["CriminalOrganization"]["shape"]) == ("#e7298a", "diamond")
    assert rows["CriminalOrganization"]["labels"] == {"en": "criminal organisation", "es": "organización criminal"}
    assert rows["Person"]["count"] == 5 and rows["Person"]["group"] == "Person"
    assert rows["Municipality"]["group"] == "Place"

    # Change the ontology and the legend (and the drawn nodes) follow.
    vocab = dataclasses.replace(rich.vocab)
    vocab.classes = dict(rich.vocab.classes)
    vocab.classes["Event"] = dataclasses.replace(vocab.classes["Event"], color="#123456", shape="square")
    rows = {row["type"]: row for row in legend(vocab, graph)}
    assert (rows["Incident"]["color"], rows["Incident"]["shape"]) == ("#123456", "square")
    assert rows["LegalAction"]["shape"] == "square"
    data = page_data(render_view(rich.model, vocab))
    battle = next(n for n in data["nodes"] if n["id"] == "battle-of-culiacan")
    assert battle["color"]["background"] == "#123456" and battle["shape"] == "square"


def test_edge_labels_come_from_the_ontology_in_both_languages(rich):
    data = page_data(render_view(rich.model, rich.vocab, lang="es"))
    member = next(e for e in data["edges"] if data["edgeMeta"][e["id"]]["p"] == "memberOf")
    assert data["edgeMeta"][member["id"]]["labels"] == {
        "en": rich.vocab.properties["memberOf"].labels["en"], "es": rich.vocab.properties["memberOf"].labels["es"]}
    assert member["label"] == "miembro de"
    perpetrator = next(e for e in data["edges"] if data["edgeMeta"][e["id"]]["p"] == "participant"
                       and e["to"] == "sinaloa-cartel")
    assert perpetrator["label"] == "participante · perpetrador"
    mexico = next(n for n in data["nodes"] if n["id"] == "mexico")
    assert mexico["label"] == "México"


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
    # Incoming statements: the cartel's panel lists the battle it took part in.
    cartel_in = data["entities"]["sinaloa-cartel"]["incoming"]
    assert any(s["s"] == "battle-of-culiacan" and s["p"] == "participant" for s in cartel_in)
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


def test_date_bounds_keep_precision():
    assert date_bounds("2019") == ("2019-01-01", "2019-12-31")
    assert date_bounds("2020-02") == ("2020-02-01", "2020-02-29")
    assert date_bounds("2019-10-17") == ("2019-10-17", "2019-10-17")


def test_cli_writes_the_view(tmp_path):
    out = tmp_path / "view.html"
    done = run_kg("viz", "--graph", str(RICH), "-o", str(out), "--lang", "es")
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stderr and out.stat().st_size > 500_000
    assert page_data(out.read_text(encoding="utf-8"))["lang"] == "es"

    done = run_kg("viz", "--graph", str(RICH), "-o", "-", "--focus", "cjng", "--depth", "1")
    assert done.returncode == 0
    assert {n["id"] for n in page_data(done.stdout)["nodes"]} == {"cjng", "sinaloa-cartel"}


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
