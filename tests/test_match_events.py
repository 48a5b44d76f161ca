"""Event matching (issue 24): an ACLED-layout file whose rows report events a test graph already holds (the 17 October
2019 clash in Culiacán, the 14 October ambush in Aguililla, the 4 November attack near La Mora, Bavispe) gives
proposals with scores and reasons in the review file, nothing merged; accepted matches make one event with two
reports (both sources' citations, the differing toll listed as a disagreement), rejected ones stay two events,
re-importing changes nothing and the ACLED export writes one row per event. A synthetic set with known duplicates
measures precision and recall."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
import yaml

from conftest import FIXTURES, REPO, run_kg
from kg.pipeline import check_graph

ROWS = FIXTURES / "acled" / "acled-known-events.csv"
MX, KG = "https://w3id.org/mxsec/id/", "https://w3id.org/mxsec/ontology#"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """The mini graph with two more incidents (tests/fixtures/match/events.yaml), imported once."""
    graph = tmp_path_factory.mktemp("match") / "graph"
    shutil.copytree(FIXTURES / "mini", graph)
    shutil.copy(FIXTURES / "match" / "events.yaml", graph / "events.yaml")
    first = run_kg("import", "acled", str(ROWS), "--graph", str(graph))
    assert first.returncode == 0, first.stderr
    return graph, first


def _review(graph) -> list[dict]:
    return yaml.safe_load((graph / "event-matches.yaml").read_text(encoding="utf-8"))


def test_rows_reporting_known_events_are_proposed_with_reasons_and_not_merged(graph):
    graph, first = graph
    assert "5 incident(s) added, 0 updated, 0 unchanged, 1 actors matched, 3 match(es) proposed" in first.stderr
    proposals = {(r["record"], r["event"]): r for r in _review(graph)}
    assert set(proposals) == {("acled-mex91001", "battle"), ("acled-mex91002", "ambush"),
                              ("acled-mex91003", "massacre")}  # not the protest, not the clash four days later
    assert all(r["decision"] == "pending" and r["source"] == "acled-data" for r in proposals.values())
    culiacan = proposals[("acled-mex91001", "battle")]
    assert culiacan["score"] >= 0.9
    assert culiacan["reasons"][:3] == ["date 1.00: the same day (2019-10-17)", "place 1.00: the same place (culiacan)",
                                       "type 1.00: the same type (armed-clash)"]
    assert "different tolls (8 and 13)" in culiacan["reasons"][4]
    assert "km apart" in proposals[("acled-mex91003", "massacre")]["reasons"][1]  # La Mora and the region's point
    build = check_graph(graph)
    assert build.ok, "\n".join(str(p) for p in build.problems.errors)
    assert {f"acled-mex9100{n}" for n in range(1, 6)} <= set(build.model.entities)  # nothing merged yet
    assert "acled-data" not in {c.source for st in build.model.entities["battle"].statements for c in st.citations}


@pytest.fixture(scope="module")
def decided(graph, tmp_path_factory):
    """The curator accepts the Culiacán and Sonora matches and rejects the Aguililla one; the file is imported
    again, then a third time."""
    graph, _ = graph
    work = tmp_path_factory.mktemp("decided") / "graph"
    shutil.copytree(graph, work)
    text = (work / "event-matches.yaml").read_text(encoding="utf-8")
    entries = text.split("\n- record: ")
    decisions = {"acled-mex91001": "accepted", "acled-mex91002": "rejected", "acled-mex91003": "accepted"}
    for i, entry in enumerate(entries):
        record = entry.split("\n", 1)[0]
        if record in decisions:
            entries[i] = entry.replace("decision: pending", f"decision: {decisions[record]}")
    (work / "event-matches.yaml").write_text("\n- record: ".join(entries), encoding="utf-8")
    second = run_kg("import", "acled", str(ROWS), "--graph", str(work))
    assert second.returncode == 0, second.stderr
    snapshot = {p.name: p.read_bytes() for p in work.rglob("*.yaml")}
    third = run_kg("import", "acled", str(ROWS), "--graph", str(work))
    return work, second, third, snapshot


def test_accepted_matches_make_one_event_with_both_sources(decided):
    work, second, _, _ = decided
    assert "2 merged into the graph's events" in second.stderr and f"wrote {work / 'things.yaml'}" in second.stderr
    build = check_graph(work)
    assert build.ok, "\n".join(str(p) for p in build.problems.errors)
    entities = build.model.entities
    assert "acled-mex91001" not in entities and "acled-mex91003" not in entities  # one event each
    assert "acled-mex91002" in entities  # rejected: two events
    battle = entities["battle"]
    cited = {(st.predicate, st.value.text): {c.source for c in st.citations} for st in battle.statements}
    assert cited[("date", "2019-10-17")] == {"article-a", "acled-data", "invented-daily-reports"}
    assert cited[("place", "culiacan")] == {"article-a", "acled-data", "invented-daily-reports"}
    assert cited[("killed", "13")] == {"article-a"} and cited[("killed", "8")] == {"acled-data", "invented-daily-reports"}
    assert cited[("nameInSource", "MEX91001")] == {"acled-data"}
    assert "# Added to tests/fixtures/mini" in (work / "events.yaml").read_text(encoding="utf-8")  # comments kept
    massacre = entities["massacre"]
    assert {st.value.text for st in massacre.statements if st.predicate == "place"} == {"northeastern-sonora", "la-mora"}


def test_decisions_are_kept_and_rejected_pairs_not_proposed_again(decided):
    work, _, _, _ = decided
    review = {(r["record"], r["event"]): r["decision"] for r in _review(work)}
    assert review == {("acled-mex91001", "battle"): "accepted", ("acled-mex91002", "ambush"): "rejected",
                      ("acled-mex91003", "massacre"): "accepted"}


def test_reimport_after_merging_changes_nothing(decided):
    work, _, third, snapshot = decided
    assert third.returncode == 0 and "is up to date" in third.stderr, third.stderr
    assert {p.name: p.read_bytes() for p in work.rglob("*.yaml")} == snapshot


def test_the_differing_toll_is_a_listed_disagreement(decided):
    work, _, _, _ = decided
    result = run_kg("query", "disagreements", "--graph", str(work), "--format", "csv", cwd=REPO)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    tolls = {(r["subject"], r["value"], r["other_value"]) for r in rows if r["property"] == f"{KG}killed"}
    assert (f"{MX}battle", "8", "13") in tolls
    shown = run_kg("show", "battle", "--graph", str(work), cwd=REPO)
    assert "sources differ: 8 according to ACLED event data" in shown.stdout


def test_the_acled_export_writes_one_row_per_event(decided):
    work, _, _, _ = decided
    result = run_kg("export", "--format", "acled", "--graph", str(work), "--no-shapes")
    assert result.returncode == 0, result.stderr
    ids = [row["event_id_cnty"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert len(ids) == len(set(ids))
    assert "MEX91001" in ids and "mxsec:battle" not in ids  # the merged event, under ACLED's id
    assert "MEX91003" in ids and "mxsec:massacre" not in ids
    assert "MEX91002" in ids and "mxsec:ambush" in ids  # rejected: two events, two rows


def test_corroboration_counts_independent_sources(decided):
    work, _, _, _ = decided
    result = run_kg("query", "corroboration", "--graph", str(work), "--format", "csv", cwd=REPO)
    assert result.returncode == 0, result.stderr
    counts = {(r["subject"], r["property"], r["value"]): r["independent_sources"]
              for r in csv.DictReader(io.StringIO(result.stdout))}
    # Article A, ACLED and the outlet it names: three voices by publisher (kg.core.evidence's one definition).
    assert counts[(f"{MX}battle", f"{KG}date", "2019-10-17")] == "3"
    assert counts[(f"{MX}sinaloa", f"{KG}locatedIn", f"{MX}mexico")] == "0"  # the curators only
    # Six children killed: Article A and a wire report both took the figure from the FGR: one source, not two.
    assert counts[(f"{MX}massacre", f"{KG}killed", "6")] == "1"


def test_match_events_verb_proposes_for_events_already_in_the_graph(graph, tmp_path):
    graph, _ = graph
    work = tmp_path / "graph"
    shutil.copytree(graph, work)
    (work / "event-matches.yaml").unlink()
    dry = run_kg("match", "events", "--graph", str(work), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "acled-mex91001 → battle (0.94)" in dry.stdout and "date 1.00: the same day" in dry.stdout
    assert not (work / "event-matches.yaml").exists()
    written = run_kg("match", "events", "--graph", str(work))
    assert written.returncode == 0 and len(_review(work)) == 3, written.stderr


def test_a_mistake_in_the_review_file_is_located(graph, tmp_path):
    graph, _ = graph
    work = tmp_path / "graph"
    shutil.copytree(graph, work)
    path = work / "event-matches.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("decision: pending", "decision: maybe", 1),
                    encoding="utf-8")
    before = {p.name: p.read_bytes() for p in work.rglob("*.yaml")}
    result = run_kg("import", "acled", str(ROWS), "--graph", str(work))
    assert result.returncode == 1
    assert "event-matches.yaml:" in result.stderr and "decision: `maybe` is not one of pending, accepted, rejected" \
        in result.stderr and "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in work.rglob("*.yaml")} == before


def test_matcher_precision_and_recall_on_synthetic_duplicates():
    from kg.importers.match_synth import precision_recall, synthetic_set
    from kg.importers.matching import best_matches

    data = synthetic_set(2000, 6000, seed=7)
    found = {m.record.id: m.event.id for m in best_matches(data.records, data.events)}
    precision, recall, proposals, correct, duplicates = precision_recall(found, data.truth)
    print(f"matcher: precision {precision:.3f} ({correct}/{proposals}), recall {recall:.3f} ({correct}/{duplicates})")
    assert precision >= 0.9 and recall >= 0.9


def test_the_real_graphs_incidents_are_found(tmp_path):
    """The same rows against the curated graph: the Battle of Culiacán, the Aguililla ambush and the Sonora massacre
    (whose region's point lies 10 km from the row's La Mora), and nothing for the protest or the later clash."""
    from conftest import GRAPH_DIR

    work = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, work)
    result = run_kg("import", "acled", str(ROWS), "--graph", str(work))
    assert result.returncode == 0, result.stderr
    pairs = {(r["record"], r["event"]) for r in _review(work)}
    assert pairs == {("acled-mex91001", "culiacan-battle-2019"), ("acled-mex91002", "aguililla-ambush-2019"),
                     ("acled-mex91003", "sonora-massacre-2019")}


def test_places_that_differ_are_listed_and_nested_ones_are_not(decided, tmp_path):
    work, _, _, _ = decided
    result = run_kg("query", "disagreements", "--graph", str(work), "--format", "csv", cwd=REPO)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    places = {(r["subject"], frozenset((r["value"], r["other_value"])), r["between"])
              for r in rows if r["kind"] == "place"}
    # ACLED's row puts the massacre at La Mora, the article in north-eastern Sonora, and the graph does not say that
    # one lies in the other: listed. The Culiacán clash has one place in both reports: nothing.
    assert places == {(f"{MX}massacre", frozenset((f"{MX}la-mora", f"{MX}northeastern-sonora")), "two sources")}
    shown = run_kg("show", "massacre", "--graph", str(work), cwd=REPO)
    assert "≠ sources differ: La Mora (la-mora) according to ACLED event data" in shown.stdout, shown.stdout
    # Once the curators record that La Mora lies in the region, the two places agree.
    nested = tmp_path / "graph"
    shutil.copytree(work, nested)
    imported = nested / "imports" / "acled-data.yaml"
    text = imported.read_text(encoding="utf-8")
    assert "- id: la-mora\n  type: Locality\n" in text
    imported.write_text(text.replace("- id: la-mora\n  type: Locality\n",
                                     "- id: la-mora\n  type: Locality\n  locatedIn: northeastern-sonora\n"),
                        encoding="utf-8")
    again = run_kg("query", "disagreements", "--graph", str(nested), "--format", "csv", cwd=REPO)
    assert again.returncode == 0, again.stderr
    assert not [r for r in csv.DictReader(io.StringIO(again.stdout)) if r["kind"] == "place"]
