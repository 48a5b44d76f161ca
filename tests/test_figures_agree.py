"""One number per fact, everywhere (issue 21): for every incident and every indicator observation of the real graph,
the explorer's data, `kg show`, `kg query`, each export (the network CSV, the workbook, the ACLED rows) and the static
site's pages (English and Spanish) give the same figures with the same qualifiers as the one presenter, kg.core.figures."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from decimal import Decimal

import pytest

from conftest import run_kg
from kg.core.figures import event_toll, observation_figure
from kg.core.namespaces import KGC, MX

CONCEPT = len(KGC)


def num(text) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text)).normalize()


@pytest.fixture(scope="module")
def surfaces(real_build, tmp_path_factory):
    """Every surface's figures, read as a user would get them."""
    from openpyxl import load_workbook

    from kg.view.page import page_data

    out = tmp_path_factory.mktemp("exports")
    page = page_data(real_build.model, real_build.vocab)
    assert run_kg("export", "--format", "csv", "-o", str(out / "csv")).returncode == 0
    assert run_kg("export", "--format", "xlsx", "-o", str(out / "book.xlsx")).returncode == 0
    acled = run_kg("export", "--format", "acled", "-o", "-")
    incidents = run_kg("query", "incidents", "--format", "json")
    site = out / "site"
    assert run_kg("site", str(site), "--no-explorer", "-q").returncode == 0
    with open(out / "csv" / "nodes.csv", encoding="utf-8-sig") as f:
        nodes = {row["id"]: row for row in csv.DictReader(f)}
    sheet = load_workbook(out / "book.xlsx")["entities"]
    header = [c.value for c in sheet[1]]
    book = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    return {
        "timeline": {e["id"]: e.get("toll") for e in page["timeline"]},
        "charts": {o["id"]: o for i in page["indicators"] for o in i["observations"]},
        "nodes": nodes,
        "book": book,
        "acled": {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(acled.stdout))},
        "incidents": json.loads(incidents.stdout)["results"]["bindings"],
        "site": site,
    }


def site_figures(site, entity_id: str) -> dict[str, list[str]]:
    """The figures an entity's pages print in their heading, by language (the text as a reader sees it)."""
    found = {}
    for lang, name in (("en", "index.html"), ("es", "index.es.html")):
        page = (site / "id" / entity_id / name).read_text(encoding="utf-8")
        found[lang] = [html.unescape(t) for t in re.findall(r'<p class="figure">.*?<strong>(.*?)</strong></p>', page)]
    return found


def show(entity_id: str) -> dict:
    done = run_kg("show", entity_id, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def concept(binding: dict, name: str) -> str | None:
    return binding[name]["value"][CONCEPT:] if name in binding else None


def test_every_incidents_toll_agrees(real_build, surfaces):
    incidents = [e for e in real_build.model.entities.values() if real_build.vocab.is_a(e.type, "Incident")]
    assert len(incidents) >= 7
    with_toll = 0
    for entity in incidents:
        toll = event_toll(entity)
        drawn, node, row = surfaces["timeline"].get(entity.id), surfaces["nodes"][entity.id], surfaces["book"][entity.id]
        acled = surfaces["acled"].get(f"mxsec:{entity.id}")
        shown = show(entity.id)
        counts = sorted((b.get("who", {}).get("value", ""), num(b["number"]["value"]), concept(b, "bound"))
                        for b in surfaces["incidents"]
                        if b["incident"]["value"] == MX + entity.id and b.get("toll", {}).get("value", "").endswith("#killed"))
        on_site = site_figures(surfaces["site"], entity.id)
        if toll is None:  # no source gives a toll: empty everywhere, never 0
            assert drawn is None and "toll" not in shown and counts == [] and on_site == {"en": [], "es": []}
            assert node.get("toll_low", "") == "" and row.get("toll_low") in (None, "")
            assert acled is None or acled["fatalities"] == ""
            continue
        with_toll += 1
        assert (num(drawn["min"]), num(drawn["max"])) == (num(toll.low), num(toll.high)), entity.id
        assert drawn.get("bound") == toll.total.bound and drawn.get("hedge") == toll.total.hedge
        assert num(shown["toll"]["total"]["value"]) == num(toll.total.value)
        assert shown["toll"]["total"].get("bound") == toll.total.bound
        assert (shown["toll"].get("disputed", False), num(shown["toll"].get("low", toll.low))) == (toll.disputed,
                                                                                                num(toll.low))
        assert num(node["toll_low"]) == num(row["toll_low"]) == num(toll.low)
        assert num(node["toll_high"]) == num(row["toll_high"]) == num(toll.high)
        assert (node.get("toll_bound") or None) == toll.total.bound
        assert node["toll_text"] == row["toll_text"] == toll.text()
        assert on_site == {lang: [toll.text(lang, real_build.vocab.label)] for lang in ("en", "es")}, entity.id
        if acled is not None:
            assert num(acled["fatalities"]) == num(toll.low), "ACLED's conservative figure"
        given = sorted((f.group or "", num(f.value), f.bound) for g in toll.groups
                       for f in toll.alternatives.get(g.group or "", (g,)))
        assert sorted(set(counts)) == sorted(set(given)), entity.id
    assert with_toll >= 4  # Aguililla, Tepochica, Culiacán, Sonora


def test_every_observation_agrees(real_build, surfaces):
    observations = [e for e in real_build.model.entities.values() if real_build.vocab.is_a(e.type, "Observation")]
    assert len(observations) >= 10
    for entity in observations:
        figure = observation_figure(entity)
        assert figure is not None, entity.id
        charted = surfaces["charts"][entity.id]
        assert num(charted["value"]) == num(figure.value)
        assert (charted.get("bound"), charted.get("status"), charted.get("unit")) == (figure.bound, figure.status,
                                                                                      figure.unit), entity.id
        shown = show(entity.id)["figure"]
        assert num(shown["value"]) == num(figure.value)
        assert (shown.get("bound"), shown.get("status"), shown.get("unit")) == (figure.bound, figure.status,
                                                                                figure.unit)
        node, row = surfaces["nodes"][entity.id], surfaces["book"][entity.id]
        assert node["figure_text"] == row["figure_text"] == shown["text"] == figure.text(labels=real_build.vocab.label)
        assert (node.get("value_bound") or None) == figure.bound
        assert site_figures(surfaces["site"], entity.id) == {
            lang: [figure.text(lang, real_build.vocab.label)] for lang in ("en", "es")}, entity.id
        indicator = next(st.value.text for st in entity.statements if st.predicate == "indicator")
        area = next(st.value.text for st in entity.statements if st.predicate == "refArea")
        series = run_kg("query", "homicide-series", "--param", f"indicator={indicator}", "--param", f"area={area}",
                        "--format", "json")
        rows = [b for b in json.loads(series.stdout)["results"]["bindings"]
                if b["observation"]["value"] == MX + entity.id]
        assert rows, entity.id
        for b in rows:
            assert num(b["value"]["value"]) == num(figure.value)
            assert (concept(b, "bound"), concept(b, "status"), b.get("unit", {}).get("value")) == (
                figure.bound, figure.status, figure.unit), entity.id


def test_the_same_values_disagree_everywhere(real_build, surfaces):
    """`kg query disagreements`, `kg show`, the explorer and the site flag the same pairs of values (one rule:
    kg.outputs.entity_statements.differing_values)."""
    from kg.outputs.entity_statements import PlaceContainment, differing_values
    from kg.view.page import page_data

    done = run_kg("query", "disagreements", "--format", "json")
    assert done.returncode == 0, done.stderr
    queried = set()
    for b in json.loads(done.stdout)["results"]["bindings"]:
        if b["kind"]["value"] not in ("statement", "place"):
            continue
        subject, prop = b["subject"]["value"][len(MX):], b["property"]["value"].rpartition("#")[2]
        value, other = (b[k]["value"].rpartition("/")[2] for k in ("value", "other_value"))
        queried |= {(subject, prop, value, other), (subject, prop, other, value)}
    assert queried, "the real graph has values that disagree (the Youth Building the Future cuts)"
    computed = set()
    places = PlaceContainment(real_build.model)
    for entity in real_build.model.entities.values():
        for index, others in differing_values(entity, real_build.vocab, places).items():
            st = entity.statements[index]
            computed |= {(entity.id, st.predicate, st.value.text, entity.statements[i].value.text) for i in others}
    assert computed == queried

    explorer = page_data(real_build.model, real_build.vocab)["entities"]
    flagged = {(entity_id, s["p"], s["v"]["t"], other) for entity_id, e in explorer.items()
               for s in e["statements"] for other in s.get("dis", ())}
    assert flagged == {row for row in computed if row[0] in explorer}
    for entity_id in {row[0] for row in computed}:
        shown = show(entity_id)
        differs = sum(len(v["differs"]) for g in shown["statements"] for v in g["values"])
        assert differs == sum(1 for row in computed if row[0] == entity_id), entity_id
        page = (surfaces["site"] / "id" / entity_id / "index.html").read_text(encoding="utf-8")
        assert page.count('<div class="other"><p class="flag">≠') == differs, entity_id
