"""--as-of DATE: only what sources had published by then, on every verb; curator knowledge kept as context only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import GRAPH_DIR, run_kg
from kg.history.as_of import BadDate, as_of, known_since, parse_day

ARTICLES_2021 = {"jim-two-years", "jim-cienfuegos"}


def test_days():
    assert parse_day("2019-12-31") == "2019-12-31"
    assert parse_day("2019") == "2019-12-31"
    assert parse_day("2020-02") == "2020-02-29"
    for bad in ("2019-02-30", "31/12/2019", "2019-13", "soon"):
        with pytest.raises(BadDate):
            parse_day(bad)


def test_the_real_graph_at_the_end_of_2019(real_build):
    model, vocab = real_build.model, real_build.vocab
    known = known_since(model, vocab)
    assert known.sources["shirk-2019"] == "2019-12-31"  # "2019", published between 4 November and 31 December
    assert known.sources["jim-cienfuegos"] == "2021-01-26" and known.sources["jim-two-years"] == "2021-02-01"
    view, summary = as_of(model, vocab, "2019-12-31", known)

    def key(st):
        return st.subject, st.predicate, st.value, tuple(sorted(st.qualifiers.items())), bool(st.error)

    kept = {key(st): st for e in view.entities.values() for st in e.statements}
    only_2021 = [st for st in model.statements() if st.citations and {c.source for c in st.citations} <= ARTICLES_2021]
    assert only_2021 and not any(key(st) in kept for st in only_2021)
    shirk = [st for st in model.statements() if any(c.source == "shirk-2019" for c in st.citations)]
    assert len(shirk) > 200 and all(key(st) in kept for st in shirk)
    # a kept statement shows only the citations public by then (Shirk's) and undated ones (the curators', GeoNames)
    assert {c.source for st in kept.values() for c in st.citations} <= {"shirk-2019", "curator", "geonames"}
    assert "salvador-cienfuegos" not in view.entities and "cienfuegos-case" not in view.entities
    assert "amlo" in view.entities and "jim-two-years" not in view.entities
    assert summary.context == sum(1 for st in kept.values() if {c.source for c in st.citations} <= {"curator",
                                                                                                     "geonames"})
    # a day before Shirk's last possible publication day: nothing was public yet
    assert as_of(model, vocab, "2019-12-30", known)[1].statements == 0
    everything = as_of(model, vocab, "2021-12-31", known)[1]
    assert everything.statements == everything.statements_total and everything.entities == everything.entities_total


CURATED = """
- id: article-b
  type: Article
  label: Article B
  title: Article B
  published: 2021-01
  cite: article-b §byline ¶1
  sections:
    byline: {heading: Title and byline, paragraphs: 1}
    body: {heading: Body, paragraphs: 3}
- id: later-person
  type: Person
  label: Later Person
  cite: article-b §body ¶1
  memberOf: sinaloa-cartel
- id: curator-only-person
  type: Person
  label: Curator-only Person
  cite: curator
  nationality: mexico
"""


@pytest.fixture
def dated_graph(mini_graph: Path) -> Path:
    """The mini graph (Article A, 2019-11) with a 2021 article, a person only it names, and a person only the
    curators name; Ovidio's membership gains a curator statement that begins after 2019."""
    graph = mini_graph
    things = graph / "things.yaml"
    text = things.read_text(encoding="utf-8") + CURATED
    spell = """    - memberOf: sinaloa-cartel
      start: 2019
      cite: [article-a §body ¶2, curator]
"""
    assert spell in text
    text = text.replace(spell, spell + """    - memberOf: sinaloa-cartel
      start: 2020-06
      cite: curator
      note: A second spell the curators know of.
""", 1)
    things.write_text(text, encoding="utf-8")
    assert run_kg("validate", "--graph", str(graph), "--no-shapes", "-q").returncode == 0
    return graph


def test_curator_knowledge_is_context_only(dated_graph: Path):
    done = run_kg("show", "ovidio", "--as-of", "2019-12-31", "--format", "json", "--graph", str(dated_graph))
    assert done.returncode == 0, done.stderr
    assert "as known on 2019-12-31 (what sources published by then; not when things happened)" in done.stderr
    profile = json.loads(done.stdout)
    [member] = [g for g in profile["statements"] if g["predicate"] == "memberOf"]
    assert [v["qualifiers"] for v in member["values"]] == [["start: 2019"]]  # the 2020 spell had not begun
    later = run_kg("show", "ovidio", "--as-of", "2020-07-01", "--format", "json", "--graph", str(dated_graph))
    [member] = [g for g in json.loads(later.stdout)["statements"] if g["predicate"] == "memberOf"]
    assert sorted(v["qualifiers"][0] for v in member["values"]) == ["start: 2019", "start: 2020-06"]

    # context reaches what the sources named (Culiacán's state, the state's country), never a curator-only entity
    done = run_kg("query", "-e", "SELECT ?e WHERE { ?e a ?t . FILTER(STRSTARTS(STR(?e), STR(mx:))) } ORDER BY ?e",
                  "--format", "json", "--as-of", "2019-12-31", "--graph", str(dated_graph))
    assert done.returncode == 0, done.stderr
    ids = [row["e"]["value"].rsplit("/", 1)[-1] for row in json.loads(done.stdout)["results"]["bindings"]]
    assert {"culiacan", "sinaloa", "mexico", "ovidio", "article-a", "curator"} <= set(ids)
    assert "later-person" not in ids and "article-b" not in ids and "curator-only-person" not in ids

    done = run_kg("show", "later-person", "--as-of", "2019-12-31", "--graph", str(dated_graph))
    assert done.returncode == 1
    assert "Later Person (later-person) is not in the record as known on 2019-12-31: the first source naming it " \
           "was public on 2021-01-31" in done.stderr
    assert run_kg("show", "later-person", "--as-of", "2021-01-31", "--graph", str(dated_graph)).returncode == 0


def test_every_verb_leaves_out_the_2021_articles(tmp_path: Path):
    def ok(*args: str):
        done = run_kg(*args, "--as-of", "2019-12-31", "--graph", str(GRAPH_DIR))
        assert done.returncode == 0, done.stderr
        assert "kg: as known on 2019-12-31" in done.stderr
        return done

    count = "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st prov:wasDerivedFrom/kg:source mx:%s }"
    for engine in ("oxigraph", "rdflib"):
        late = ok("query", "-e", count % "jim-cienfuegos", "--format", "json", "--engine", engine)
        assert json.loads(late.stdout)["results"]["bindings"][0]["n"]["value"] == "0"
        shirk = ok("query", "-e", count % "shirk-2019", "--format", "json", "--engine", engine)
        assert int(json.loads(shirk.stdout)["results"]["bindings"][0]["n"]["value"]) > 200

    shown = ok("show", "amlo").stdout
    assert "AMLO, Violent Crime, and Public Security in Mexico" in shown and "Two Years of AMLO" not in shown

    nt = ok("export", "--format", "nt", "-o", str(tmp_path / "asof.nt"))
    text = (tmp_path / "asof.nt").read_text(encoding="utf-8")
    assert "/id/jim-two-years>" not in text and "/id/salvador-cienfuegos>" not in text and "/id/shirk-2019>" in text
    assert nt.returncode == 0

    import networkx as nx

    ok("export", "--format", "gexf", "-o", str(tmp_path / "asof.gexf"))
    graph = nx.read_gexf(tmp_path / "asof.gexf")
    assert "amlo" in graph and "salvador-cienfuegos" not in graph and "cienfuegos-case" not in graph

    ok("viz", "-o", str(tmp_path / "asof.html"))
    page = (tmp_path / "asof.html").read_text(encoding="utf-8")
    assert "Culiac" in page and "salvador-cienfuegos" not in page and "Two Years of AMLO in Office" not in page


def test_a_page_comparing_days_keeps_exactly_what_as_of_keeps(real_build):
    """The explorer filters by comparing known_days with the day chosen: that must give as_of's graph exactly."""
    from kg.core.terms import statement_iri
    from kg.history.as_of import known_days

    model, vocab = real_build.model, real_build.vocab
    days = known_days(model, vocab)
    for day in ("2019-12-30", "2019-12-31", "2021-01-25", "2021-01-26", "2021-02-01"):
        view, _ = as_of(model, vocab, day)
        kept = {statement_iri(st) for e in view.entities.values() for st in e.statements}
        kept |= {statement_iri(st.correction, "correction") for e in view.entities.values() for st in e.statements
                 if st.correction is not None}
        assert kept == {iri for iri, since in days["statements"].items() if since <= day}, day
        assert set(view.entities) == {e for e, since in days["entities"].items() if since <= day} | (
            {"curator"} if "curator" in view.entities else set()), day
