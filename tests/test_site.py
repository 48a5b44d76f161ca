"""`kg site`: the static site of the real graph, checked as a reader and a crawler would check it — every entity and
source has its page in both languages, every link inside the site leads to a file (and to the paragraph it names),
every page is well-formed HTML5, nothing is loaded from another origin, the embedded JSON-LD holds exactly the
triples the Turtle export holds for the entity, the same YAML gives the same bytes, and the folder is replaced all
or nothing, never a folder kg did not write."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FIXTURES, GRAPH_DIR, REPO, run_kg
from kg.core.namespaces import CIT, MX, PROV, RDF, ST

RDF_SUBJECT, DERIVED = f"{RDF}subject", f"{PROV}wasDerivedFrom"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    done = run_kg("site", str(out), "--graph", str(GRAPH_DIR))
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}/" in done.stderr
    return out


@pytest.fixture(scope="module")
def real(real_build):
    return real_build


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ---------------------------------------------------------------- a crawler of our own over the files


class Links(HTMLParser):
    """Every address a page links to or loads, and every id it defines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str, str]] = []  # (tag, attribute, address, rel)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        for name in ("href", "src", "action", "xlink:href"):
            if values.get(name) is not None:
                self.links.append((tag, name, values[name], values.get("rel") or ""))


def parse_links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_entity_and_source_has_its_pages_and_data(site, real):
    for entity_id, entity in real.model.entities.items():
        folder = site / "id" / entity_id
        for name in ("index.html", "index.es.html", "index.ttl", "index.jsonld"):
            assert (folder / name).is_file(), f"missing {folder / name}"
        if real.vocab.is_a(entity.type, "Source"):
            page = (folder / "index.html").read_text(encoding="utf-8")
            assert "What the graph takes from this source" in page
            assert "Errors found in this source" in page
    assert len(list((site / "id").iterdir())) == len(real.model.entities)


def test_every_internal_link_resolves_to_a_file_and_its_anchor(site):
    pages = html_files(site)
    parsed = {path: parse_links(path) for path in pages}
    checked = external = 0
    broken = []
    for path, links in parsed.items():
        for tag, _attribute, address, rel in links.links:
            parts = urlsplit(address)
            if parts.scheme in ("http", "https"):
                external += 1
                # nothing is loaded from another origin: only links a reader follows may leave the site
                assert tag == "a" or (tag == "link" and rel in ("canonical", "alternate")), \
                    f"{path.relative_to(site)} loads {address}"
                continue
            assert not parts.scheme and not parts.netloc, f"{path.relative_to(site)}: {address}"
            if path.name == "404.html" and parts.path.startswith("/"):  # served at any address: from the site's path
                target = site / parts.path.removeprefix("/mxsec/")
            elif parts.path:
                target = (path.parent / unquote(parts.path)).resolve()
            else:
                target = path
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(site)} → {address}")
                continue
            if parts.fragment and target.suffix == ".html" and not parts.fragment.startswith("/"):
                ids = parsed[target].ids if target in parsed else parse_links(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(site)} → {address} (no id {parts.fragment})")
    assert not broken, f"{len(broken)} broken link(s), e.g.:\n" + "\n".join(broken[:20])
    assert checked > 10_000 and external > 0


def test_every_page_is_well_formed_html5(site):
    import html5lib

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for path in html_files(site):
        if path.parent.name == "explorer":
            continue  # the explorer's page is kg viz's, tested with it
        try:
            document = parser.parse(path.read_bytes())
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{path.relative_to(site)}: {error}")
        assert document.find("head/title") is not None, path
        assert document.get("lang") in ("en", "es"), path


def _entity_triples_from_export(turtle_export: Path) -> dict[str, set]:
    """For each entity, the export's triples about it: its own, its statement nodes' (rdf:subject it) and the
    citation nodes those cite — worked out here from the committed Turtle export, independently of the site."""
    import pyoxigraph as ox

    by_subject: dict[str, set] = {}
    for triple in ox.parse(path=str(turtle_export), format=ox.RdfFormat.TURTLE):
        by_subject.setdefault(triple.subject.value, set()).add(triple)
    nodes: dict[str, set[str]] = {}
    for subject, triples in by_subject.items():
        if subject.startswith(ST):
            for t in triples:
                if t.predicate.value == RDF_SUBJECT:
                    nodes.setdefault(t.object.value, set()).add(subject)
    out = {}
    for subject, triples in by_subject.items():
        if not subject.startswith(MX):
            continue
        found = set(triples)
        for node in nodes.get(subject, ()):
            found |= by_subject[node]
        cited = {t.object.value for t in found if t.predicate.value == DERIVED and t.object.value.startswith(CIT)}
        for citation in cited:
            found |= by_subject[citation]
        out[subject[len(MX):]] = {(t.subject.value, t.predicate.value, str(t.object)) for t in found}
    return out


def _embedded_jsonld(page: Path) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert len(found) == 1, page
    return json.loads(found[0])


def _pyld_triples(document: dict) -> set:
    """The document's triples as an independent JSON-LD processor (PyLD) reads them."""
    import pyoxigraph as ox
    from pyld import jsonld

    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    return {(t.subject.value, t.predicate.value, str(t.object))
            for t in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)}


def test_embedded_jsonld_and_data_files_hold_exactly_the_exports_triples(site, real):
    import pyoxigraph as ox

    expected = _entity_triples_from_export(REPO / "exports" / "mxsec.ttl")
    assert set(expected) == set(real.model.entities)
    for entity_id, triples in sorted(expected.items()):
        folder = site / "id" / entity_id
        embedded = _embedded_jsonld(folder / "index.html")
        assert _pyld_triples(embedded) == triples, entity_id
        assert _embedded_jsonld(folder / "index.es.html") == embedded
        assert _pyld_triples(json.loads((folder / "index.jsonld").read_text(encoding="utf-8"))) == triples
        turtle = {(t.subject.value, t.predicate.value, str(t.object))
                  for t in ox.parse(path=str(folder / "index.ttl"), format=ox.RdfFormat.TURTLE)}
        assert turtle == triples, entity_id
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert '<link rel="alternate" type="text/turtle" href="index.ttl">' in page
        assert '<link rel="alternate" type="application/ld+json" href="index.jsonld">' in page


def test_entity_files_cut_from_the_dumps_equal_the_writers_output(real):
    """The per-entity files are cut from the whole graph's dumps; the exports' writers give the same text for the
    entity's lines alone."""
    import tempfile

    from kg.outputs.formats import ExportInputs, export_format
    from kg.site.entity_rdf import EntityTriples, entity_jsonld, entity_turtle

    with tempfile.TemporaryDirectory() as folder:
        dumps = Path(folder)
        for name in ("ttl", "jsonld"):
            for file, chunks in export_format(name).render(ExportInputs(None, None, real.compiled)).items():
                (dumps / file).write_bytes(b"".join(chunks))
        triples = EntityTriples(real.compiled)
        assert triples.attach_dumps(dumps / "mxsec.ttl", dumps / "mxsec.jsonld")
        for entity_id in sorted(real.model.entities):
            lines = triples.lines(entity_id)
            assert triples.turtle_of(entity_id) == entity_turtle(lines), entity_id
            assert triples.jsonld_of(entity_id) == entity_jsonld(lines), entity_id
        triples.close()


def test_the_same_yaml_gives_the_same_bytes(site, tmp_path):
    again = tmp_path / "again"
    done = run_kg("site", str(again), "--graph", str(GRAPH_DIR), "-q")
    assert done.returncode == 0, done.stderr

    def digests(folder: Path) -> dict[str, str]:
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    assert digests(again) == digests(site)


def test_two_writers_give_the_same_site_as_one(real, site, tmp_path, monkeypatch):
    """On a large graph a forked second process writes half of the entities: the same files, byte for byte."""
    from kg.query.library import load_library
    from kg.site import QueryExample, SiteInputs, build, read_history
    from kg.view.page import render_view

    monkeypatch.setattr(build, "PARALLEL_FROM", 0)
    queries = [QueryExample(q.name, q.title, q.description, q.text, tuple(q.examples),
                            tuple(p.usage() for p in q.parameters)) for q in load_library(REPO / "queries").values()]
    explorer = render_view(real.model, real.vocab, entity_page="../id/{id}/index.html")
    inputs = SiteInputs(real.model, real.vocab, real.compiled, explorer_html=explorer, queries=queries,
                        history=read_history(GRAPH_DIR))  # as kg site reads it
    summary = build.build_site(inputs, tmp_path / "two")
    assert summary.entities == len(real.model.entities)
    for path in sorted(site.rglob("*")):
        if path.is_file():
            assert (tmp_path / "two" / path.relative_to(site)).read_bytes() == path.read_bytes(), path


def test_pages_show_what_a_reader_needs(site, real):
    culiacan = (site / "id" / "culiacan" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Culiacán</h1>" in culiacan
    assert 'hreflang="es"' in culiacan and 'href="index.es.html"' in culiacan
    # a source's error beside the curators' correction, with the paragraph it comes from
    assert "Source error" in culiacan and "Culicán" in culiacan and "Correction" in culiacan
    assert "§ Mexico’s Security Dilemma, ¶ 3" in culiacan
    assert 'href="../../id/shirk-2019/index.html#p-dilemma-3"' in culiacan
    # its place on the static map and its events on the static timeline, drawn at build time
    assert '<circle class="mark"' in culiacan and "assets/mexico.svg" in culiacan
    assert 'class="timeline"' in culiacan and "Battle of Culiacán" in culiacan
    spanish = (site / "id" / "culiacan" / "index.es.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in spanish and "Error de la fuente" in spanish and 'href="index.html"' in spanish
    # the source's page: what the graph takes from it, paragraph by paragraph, with its errors
    shirk = (site / "id" / "shirk-2019" / "index.html").read_text(encoding="utf-8")
    assert 'id="p-dilemma-3"' in shirk and "Culicán" in shirk
    # home: the data as of the latest source's publication, the sources, the dumps, the explorer, the examples
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Data as of</span> <strong>1 February 2021</strong>" in home
    for link in ('href="explorer/index.html"', 'href="dumps/mxsec.ttl"', 'href="dumps/mxsec.jsonld"',
                 'href="queries/index.html"', 'href="types/index.html"', 'href="cases/index.html"',
                 'href="years/index.html"'):
        assert link in home
    assert '"entityPage":"../id/{id}/index.html"' in (site / "explorer" / "index.html").read_text(encoding="utf-8")
    assert "case-timeline" in (site / "queries" / "index.html").read_text(encoding="utf-8")


def test_numbers_come_from_the_one_presenter(site, real):
    from markupsafe import escape

    from kg.core.figures import event_toll, observation_figure

    shown = 0
    for entity_id, entity in real.model.entities.items():
        page = (site / "id" / entity_id / "index.html").read_text(encoding="utf-8")
        if real.vocab.is_a(entity.type, "Event") and (toll := event_toll(entity)) is not None:
            assert escape(toll.text("en", real.vocab.label)) in page, entity_id
            shown += 1
        if real.vocab.is_a(entity.type, "Observation") and (figure := observation_figure(entity)) is not None:
            assert escape(figure.text("en", real.vocab.label)) in page, entity_id
            spanish = (site / "id" / entity_id / "index.es.html").read_text(encoding="utf-8")
            assert escape(figure.text("es", real.vocab.label)) in spanish, entity_id
            shown += 1
    assert shown >= 10


def test_sitemap_lists_every_page_at_its_address(site):
    import xml.etree.ElementTree as ET

    urls = {e.text for e in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = [p for p in html_files(site) if p.name != "404.html"]
    assert len(urls) == len(pages)
    assert "https://w3id.org/mxsec/id/culiacan/" in urls
    assert "https://w3id.org/mxsec/id/culiacan/index.es.html" in urls
    assert "Sitemap: https://w3id.org/mxsec/sitemap.xml" in (site / "robots.txt").read_text()
    assert (site / "404.html").is_file()


def test_indexes_by_type_case_and_year_list_everything(site, real):
    types = (site / "types" / "index.html").read_text(encoding="utf-8")
    for type_name in {e.type for e in real.model.entities.values()}:
        assert f'href="../types/{type_name}/index.html"' in types
    case = (site / "cases" / "index.html").read_text(encoding="utf-8")
    assert "Capture and release of Ovidio Guzmán in Culiacán" in case and "Battle of Culiacán" in case
    year = (site / "years" / "2019" / "index.html").read_text(encoding="utf-8")
    assert "Battle of Culiacán" in year and "17 October 2019" in year
    search_data = (site / "assets" / "search-data.js").read_text(encoding="utf-8")
    assert '"culiacan"' in search_data and "cartel de sinaloa" in search_data


def test_text_from_the_data_is_escaped(tmp_path):
    graph = FIXTURES / "viz" / "injection"
    out = tmp_path / "site"
    done = run_kg("site", str(out), "--graph", str(graph), "--no-explorer", "-q")
    assert done.returncode == 0, done.stderr
    for page in html_files(out):
        text = page.read_text(encoding="utf-8")
        assert "<script>window" not in text and "<img src=x" not in text and "<svg onload" not in text, page
        assert 'href="javascript:' not in text, page
    evil = (out / "id" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in evil
    assert "\\u003c/script>\\u003cscript>" in evil or "</script><script>window" not in evil


def test_a_folder_kg_did_not_write_is_not_replaced(tmp_path, mini_graph):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    done = run_kg("site", str(foreign), "--graph", str(mini_graph), "--no-explorer")
    assert done.returncode == 1
    assert "exists and is not a static site written by kg: not replaced" in done.stderr
    assert (foreign / "notes.txt").read_text() == "mine" and len(list(foreign.iterdir())) == 1
    done = run_kg("site", str(foreign), "--graph", str(mini_graph), "--no-explorer", "--force", "-q")
    assert done.returncode == 0, done.stderr
    assert not (foreign / "notes.txt").exists() and (foreign / "index.html").is_file()


def test_rebuilding_replaces_the_whole_site(tmp_path, mini_graph):
    out = tmp_path / "site"
    assert run_kg("site", str(out), "--graph", str(mini_graph), "--no-explorer", "-q").returncode == 0
    assert (out / "id" / "battle" / "index.html").is_file()
    text = (mini_graph / "things.yaml").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=- id: )", text)
    (mini_graph / "things.yaml").write_text("\n".join(b for b in blocks if not b.startswith("- id: battle\n")),
                                            encoding="utf-8")
    done = run_kg("site", str(out), "--graph", str(mini_graph), "--no-explorer", "-q")
    assert done.returncode == 0, done.stderr
    assert not (out / "id" / "battle").exists(), "the page of a removed entity was left behind"
    assert (out / "id" / "culiacan" / "index.html").is_file()
    assert not list(tmp_path.glob(".site.build-*")), "the staging folder was left behind"


def test_a_failed_build_leaves_the_old_site(tmp_path, mini_graph, monkeypatch):
    from kg.site import build

    out = tmp_path / "site"
    assert run_kg("site", str(out), "--graph", str(mini_graph), "--no-explorer", "-q").returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(self, out, dumps):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build.SiteBuilder, "write_indexes", broken)
    done = run_kg("site", str(out), "--graph", str(mini_graph), "--no-explorer")
    assert done.returncode == 1 and "No space left on device" in done.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".site.build-*"))


def test_entity_page_path_is_the_iri_path():
    from kg.site import entity_page_path, entity_rdf_path

    assert entity_page_path("culiacan") == "id/culiacan/index.html"
    assert entity_page_path("culiacan", "es") == "id/culiacan/index.es.html"
    assert entity_rdf_path("culiacan", "ttl") == "id/culiacan/index.ttl"

