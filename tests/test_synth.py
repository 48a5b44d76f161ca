"""`kg synth`: a synthetic corpus in the project's own format that the real pipeline accepts, builds and exports the
same way every time; and the large-graph rules it exercises (streamed exports, full SHACL at any size)."""

from __future__ import annotations

import json
from collections import Counter

import pyoxigraph as ox
import pytest

from conftest import FIXTURES, run_kg
from kg.core.namespaces import KG, KGC, OWL, RDF_TYPE
from kg.outputs.build_exports import write_exports
from kg.outputs.formats import ExportInputs, render_files
from kg.pipeline import check_graph

ENTITIES = 300


def corpus_files(directory) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "graph"
    result = run_kg("synth", "--entities", str(ENTITIES), "--seed", "7", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {ENTITIES} entities" in result.stderr
    return out


@pytest.fixture(scope="module")
def checked(corpus):
    return check_graph(corpus)


def test_synthetic_corpus_validates_with_no_problem_at_all(checked):
    assert checked.ok
    assert [str(p) for p in checked.problems.items] == []
    assert len(checked.model.entities) == ENTITIES


def test_kg_validate_accepts_the_corpus(corpus):
    result = run_kg("validate", "--graph", str(corpus))
    assert result.returncode == 0, result.stderr
    assert f"ok: {ENTITIES} entities, 0 errors, 0 warning(s)" in result.stderr


def test_corpus_has_the_realistic_mix(checked):
    vocab = checked.vocab
    groups = Counter()
    for entity in checked.model.entities.values():
        for root in ("Person", "Organization", "Post", "Place", "Event", "Indicator", "Observation", "Source"):
            if vocab.is_a(entity.type, root):
                groups[root] += 1
    assert groups["Person"] == ENTITIES * 30 // 100
    assert 0.08 * ENTITIES <= groups["Organization"] + groups["Post"] <= 0.12 * ENTITIES
    assert 0.08 * ENTITIES <= groups["Place"] <= 0.12 * ENTITIES
    assert 0.40 * ENTITIES <= groups["Event"] <= 0.50 * ENTITIES
    assert groups["Indicator"] >= 1 and groups["Observation"] >= 4 and groups["Source"] >= 2
    types = Counter(e.type for e in checked.model.entities.values())
    assert {"Country", "State", "Municipality", "Locality", "Incident", "LegalAction", "PolicyAction"} <= set(types)
    assert {"Law", "SocialProgram", "Strategy", "Article", "CuratorKnowledge"} <= set(types)


def test_corpus_has_roles_tolls_mixed_dates_and_source_errors(checked):
    statements = [st for e in checked.model.entities.values() for st in e.statements]
    roles = {st.qualifiers["role"].text for st in statements if "role" in st.qualifiers}
    assert {KGC + "perpetrator", KGC + "detainee", KGC + "decision-maker"} <= roles
    assert any(st.predicate == "killed" and "group" in st.qualifiers for st in statements)
    precisions = {st.value.datatype.rsplit("#", 1)[-1] for st in statements if st.predicate == "date"}
    assert precisions == {"date", "gYearMonth", "gYear"}
    errors = [st for st in statements if st.error]
    assert errors and all(st.correction is not None for st in errors)
    assert any(len(st.citations) == 2 for st in statements)  # a statement citing two sources


def test_corpus_is_spread_over_files_by_kind(corpus):
    names = sorted(corpus_files(corpus))
    assert names == sorted(
        [
            "sources.yaml",
            "places.yaml",
            "organizations.yaml",
            "people.yaml",
            "events.yaml",
            "policies.yaml",
            "indicators.yaml",
        ]
    )


def test_larger_corpora_are_chunked_into_folders(tmp_path):
    out = tmp_path / "big"
    result = run_kg("synth", "--entities", "4500", "--out", str(out))
    assert result.returncode == 0, result.stderr
    names = sorted(corpus_files(out))
    assert "people.yaml" in names and "events/events-001.yaml" in names and "events/events-002.yaml" in names


def test_same_seed_gives_byte_identical_files(corpus, tmp_path):
    again = tmp_path / "again"
    result = run_kg(
        "synth", "--entities", str(ENTITIES), "--seed", "7", "--out", str(again), env={"PYTHONHASHSEED": "99"}
    )
    assert result.returncode == 0, result.stderr
    assert corpus_files(again) == corpus_files(corpus)


def test_different_seed_gives_a_different_corpus(corpus, tmp_path):
    other = tmp_path / "other"
    assert run_kg("synth", "--entities", str(ENTITIES), "--seed", "8", "--out", str(other)).returncode == 0
    mine, theirs = corpus_files(corpus), corpus_files(other)
    assert mine.keys() == theirs.keys()
    assert all(mine[name] != theirs[name] for name in mine)


def test_refuses_a_directory_that_already_holds_yaml(corpus):
    before = corpus_files(corpus)
    result = run_kg("synth", "--entities", "100", "--out", str(corpus))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "already holds YAML files" in result.stderr
    assert corpus_files(corpus) == before


def test_too_few_entities_is_a_usage_error(tmp_path):
    result = run_kg("synth", "--entities", "10", "--out", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def test_build_of_the_corpus_is_identical_across_hash_seeds(corpus, tmp_path):
    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / seed
        result = run_kg("build", "-q", "--graph", str(corpus), "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == ["mxsec.jsonld", "mxsec.nt", "mxsec.ttl"]


def test_streamed_exports_are_the_in_memory_renderings(checked, tmp_path):
    written = write_exports(checked.compiled, tmp_path)
    for path in written:
        assert path.read_bytes() == render_files(path.suffix[1:], ExportInputs(None, None, checked.compiled))[path.name]


def test_jsonld_text_is_what_json_dumps_writes_and_holds_every_triple(checked):
    text = render_files("jsonld", ExportInputs(None, None, checked.compiled))["mxsec.jsonld"].decode("utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    # every subject of the N-Triples is one node, in the same order
    subjects = list(dict.fromkeys(line.split(" ", 1)[0] for line in checked.compiled.lines))
    assert len(document["@graph"]) == len(subjects)
    parsed = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.JSON_LD))
    assert len(set(parsed)) == len(checked.compiled.lines)


def test_turtle_holds_exactly_the_ntriples(checked):
    ttl = set(ox.parse(render_files("ttl", ExportInputs(None, None, checked.compiled))["mxsec.ttl"], format=ox.RdfFormat.TURTLE))
    nt = set(ox.parse(render_files("nt", ExportInputs(None, None, checked.compiled))["mxsec.nt"], format=ox.RdfFormat.N_TRIPLES))
    assert ttl == nt
    assert ox.Quad(ox.NamedNode(KG + "Person"), ox.NamedNode(RDF_TYPE), ox.NamedNode(OWL + "Class")) in ttl


def test_shacl_checks_every_graph_whatever_its_size(tmp_path):
    # an event without a date is caught only by the shapes, which run on every graph (no size limit any more)
    bad = tmp_path / "g"
    bad.mkdir()
    text = (FIXTURES / "mini" / "things.yaml").read_text(encoding="utf-8").replace("  date: 2019-10-17\n", "")
    (bad / "things.yaml").write_text(text, encoding="utf-8")
    (bad / "sources.yaml").write_bytes((FIXTURES / "mini" / "sources.yaml").read_bytes())
    checked = run_kg("validate", "--graph", str(bad), env={"KG_SHACL_MAX_TRIPLES": "100"})
    assert checked.returncode == 1
    assert "an event needs a `date`" in checked.stderr
    assert "shacl-skipped" not in checked.stderr
