"""Property-based: whatever YAML a curator writes, the checker answers with problems or a valid graph — never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from kg.pipeline import check_graph

KEYS = [
    "id",
    "type",
    "label",
    "cite",
    "statements",
    "memberOf",
    "date",
    "killed",
    "start",
    "end",
    "role",
    "en",
    "es",
    "locatedIn",
    "eventType",
    "sections",
    "error",
    "correction",
    "nameInSource",
    "sameAs",
    "aliases",
    "note",
]
WORDS = [
    "ovidio",
    "Person",
    "Incident",
    "curator",
    "article-a §body ¶2",
    "2019-02-30",
    "2019-10-17",
    "no",
    "012",
    "sinaloa-cartel",
    "culiacan",
    "armed-clash",
    "perpetrator",
    "13",
    "-4",
    "Q96",
    "",
    "~",
    "x" * 3,
    "§",
    "¶0",
]

scalars = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.integers(-5, 40000),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), children, max_size=6),
    ),
    max_leaves=30,
)


def check(tmp: Path, text: str, name: str = "fuzz.yaml") -> bool:
    """Check the graph with `name` replaced by `text`; True when it compiled cleanly."""
    graph = tmp / "graph"
    if graph.exists():
        shutil.rmtree(graph)
    shutil.copytree(FIXTURES / "mini", graph)
    (graph / name).write_text(text, encoding="utf-8")
    result = check_graph(graph, shapes=False)
    if result.problems.errors:
        for problem in result.problems.errors:
            assert problem.pos.line >= 1 and problem.pos.col >= 1
            assert problem.message
        return False
    assert result.compiled is not None
    triples = list(ox.parse(result.compiled.ntriples().encode(), format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == len(result.compiled)
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_arbitrary_structures(tmp_path, document):
    check(tmp_path, yaml.safe_dump(document, allow_unicode=True))


VALID = (FIXTURES / "mini" / "things.yaml").read_text(encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(VALID)), st.integers(0, 40), st.text(alphabet=":-[]{}#&*!|>'\"%@`\n ,?§¶abc0", max_size=8))
def test_mutated_valid_file(tmp_path, at, cut, insert):
    # A copy of a valid file with a slice replaced: typos, stray brackets, broken indentation.
    text = VALID[:at] + insert + VALID[at + cut :]
    clean = check(tmp_path, text, name="things.yaml")
    if text == VALID:
        assert clean
