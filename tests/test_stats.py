"""`kg stats` on tests/fixtures/analysis, against figures counted by hand from its three YAML files.

The hand count (17 entities, 23 statements):
- statements: title 2 and published 2 (the two articles), locatedIn 6 (sinaloa, guerrero, michoacan, culiacan, and
  iguala's erroneous claim plus its correction), and one each of latitude, longitude, rivalOf, leaderOf, childOf,
  memberOf, eventType, date, place, participant, killed, acronym, producedBy.
- with a section and paragraph: 15 (all but the 8 cited to `curator`: three states, culiacan's three, the correction,
  the acronym).
- the network: 14 entities (no sources), 12 edges (iguala's error claim is not one; its correction is); components
  of 11 (places and actors), 2 (homicides, sesnsp) and 1 (hugs-not-bullets).
- betweenness, over 13 * 12 / 2 = 78 pairs: culiacan lies on 5 * 5 = 25 of them, battle and sinaloa on 24 each
  (6 * 4 and 4 * 6), mexico on 7 * 2 + 7 * 1 + 2 * 1 = 23, sinaloa-cartel on 7 * 1 + 7 * 2 + 1 * 2 = 23, guerrero on 9.
- statements citing each source: article-x 9, curator 8, article-y 7 (joaquin's leaderOf cites both articles).
- facts (statements but the erroneous claim): 22, of which 21 rest on one source: article-x 8, curator 8, article-y 5.
"""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, run_kg
from kg.analysis.stats import graph_stats, stats_text
from kg.outputs.projection import project
from kg.pipeline import check_graph

ANALYSIS = FIXTURES / "analysis"


@pytest.fixture(scope="module")
def stats():
    result = check_graph(ANALYSIS)
    assert result.ok, [str(p) for p in result.problems.errors]
    return graph_stats(result.model, result.vocab, project(result.model, result.vocab), top=20)


def test_entities_by_type_match_the_hand_count(stats):
    assert stats["entities"]["total"] == 17
    by_type = {row["type"]: row["count"] for row in stats["entities"]["by_type"]}
    assert by_type == {
        "State": 3, "Article": 2, "CriminalOrganization": 2, "Municipality": 2, "Person": 2, "Country": 1,
        "CuratorKnowledge": 1, "GovernmentAgency": 1, "Incident": 1, "Indicator": 1, "Strategy": 1,
    }
    groups = {row["type"]: row["group"] for row in stats["entities"]["by_type"]}
    assert groups["CriminalOrganization"] == "Organization"
    assert groups["Municipality"] == "Place"


def test_statements_by_predicate_and_their_sourcing_match_the_hand_count(stats):
    st = stats["statements"]
    assert (st["total"], st["cited"], st["located"], st["source_errors"]) == (23, 23, 15, 1)
    assert st["located_share"] == pytest.approx(15 / 23, abs=1e-4)
    by_predicate = {row["predicate"]: row["count"] for row in st["by_predicate"]}
    assert by_predicate["locatedIn"] == 6
    assert by_predicate["title"] == by_predicate["published"] == 2
    assert sum(by_predicate.values()) == 23
    assert st["by_predicate"][0] == {"predicate": "locatedIn", "label": "located in", "count": 6}


def test_figures_agree_with_the_build_summary():
    result = check_graph(ANALYSIS)
    figures = graph_stats(result.model, result.vocab, project(result.model, result.vocab))
    assert figures["statements"]["total"] == result.compiled.statements
    assert figures["statements"]["located"] == result.compiled.located_statements


def test_network_components_and_isolates(stats):
    net = stats["network"]
    assert (net["nodes"], net["edges"]) == (14, 12)
    assert net["component_sizes"] == [11, 2, 1]
    assert net["isolates"] == ["hugs-not-bullets"]


def test_degree_ranking(stats):
    top = [(row["id"], row["neighbours"]) for row in stats["degree"][:3]]
    assert top == [("sinaloa-cartel", 4), ("mexico", 3), ("battle", 2)]
    joaquin = next(row for row in stats["degree"] if row["id"] == "joaquin")
    assert joaquin["label"] == "Joaquín Guzmán Loera"


def test_betweenness_matches_the_hand_count(stats):
    figures = {row["id"]: row["betweenness"] for row in stats["betweenness"]}
    for node, pairs in {"culiacan": 25, "battle": 24, "sinaloa": 24, "mexico": 23, "sinaloa-cartel": 23,
                        "guerrero": 9, "ovidio": 0}.items():
        assert figures[node] == pytest.approx(pairs / 78, abs=1e-4), node
    assert stats["betweenness"][0]["id"] == "culiacan"


def test_communities_partition_the_network_and_never_join_components(stats):
    communities = [set(c["members"]) for c in stats["communities"]]
    members = [m for c in communities for m in c]
    assert len(members) == len(set(members)) == 14
    assert {"homicides", "sesnsp"} in communities
    assert {"hugs-not-bullets"} in communities
    assert stats["network"]["communities"] == len(communities)


def test_most_cited_sources_and_facts_resting_on_one_source(stats):
    assert [(r["source"], r["statements"]) for r in stats["sources"]] == [
        ("article-x", 9), ("curator", 8), ("article-y", 7)]
    assert stats["sources"][0]["title"] == "Cartels and the State"
    single = stats["single_source"]
    assert (single["facts"], single["of_facts"]) == (21, 22)
    assert [(r["source"], r["facts"]) for r in single["by_source"]] == [
        ("article-x", 8), ("curator", 8), ("article-y", 5)]


def test_top_cuts_every_ranking():
    result = check_graph(ANALYSIS, shapes=False)
    figures = graph_stats(result.model, result.vocab, project(result.model, result.vocab), top=2)
    assert [len(figures[k]) for k in ("degree", "betweenness", "communities", "sources")] == [2, 2, 2, 2]
    assert len(figures["single_source"]["by_source"]) == 2
    assert len(figures["entities"]["by_type"]) == 2 and figures["entities"]["types"] > 2
    assert len(figures["statements"]["by_predicate"]) == 2 and figures["statements"]["predicates"] > 2
    assert figures["network"]["component_sizes"] == [11, 2]
    text = stats_text(figures)
    assert f"[... {figures['entities']['types'] - 2} more types: raise --top to list them]" in text
    assert f"[... {figures['statements']['predicates'] - 2} more predicates: raise --top to list them]" in text
    assert "3 connected components, sizes 11, 2 ...;" in text


def test_table_output_reads_as_a_report(stats):
    text = stats_text(stats)
    assert "Statements: 23; cited 23 (100.0%); with a section and paragraph 15 (65.2%)" in text
    assert "Facts resting on one source: 21 of 22 (95.5%)" in text
    assert "3 connected components, sizes 11, 2, 1" in text
    assert "Joaquín Guzmán Loera" in text


def test_kg_stats_json_is_the_same_whatever_the_hash_seed():
    runs = [run_kg("stats", "--format", "json", "--graph", str(ANALYSIS), env={"PYTHONHASHSEED": seed})
            for seed in ("0", "1", "12345")]
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert json.loads(runs[0].stdout)["network"]["component_sizes"] == [11, 2, 1]


def test_kg_stats_on_a_broken_graph_exits_1_without_a_traceback(tmp_path):
    (tmp_path / "bad.yaml").write_text("- id: x\n  type: Persn\n  label: X\n  cite: curator\n", encoding="utf-8")
    result = run_kg("stats", "--graph", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "bad.yaml:2:" in result.stderr


def test_kg_stats_on_the_real_graph(real_build):
    result = run_kg("stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["entities"]["total"] == len(real_build.model.entities)
    assert figures["statements"]["total"] == real_build.compiled.statements
    # Mexico is the country nearly every place, agency and person of the articles belongs to.
    assert figures["degree"][0]["id"] == "mexico"
    assert figures["betweenness"][0]["id"] == "mexico"
    assert figures["sources"][0]["source"] in {"shirk-2019", "jim-two-years", "jim-cienfuegos"}
    net = figures["network"]
    sizes = net["component_sizes"]  # the largest ones only: the rest (isolates, mostly) are 1 node at least each
    assert sum(sizes) + (net["components"] - len(sizes)) <= net["nodes"]
    assert net["components"] > len(sizes) or sum(sizes) == net["nodes"]
