"""Property-based: whatever YAML a curator writes, the checker answers with problems or a valid graph — never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import rdflib
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from kg.core.namespaces import XSD
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
    for triple in triples:  # only valid ASCII XSD lexical forms reach an export
        obj = triple.object
        if isinstance(obj, ox.Literal) and obj.datatype.value.startswith(XSD) and obj.datatype.value != XSD + "string":
            assert obj.value.isascii(), obj
            assert not rdflib.Literal(obj.value, datatype=obj.datatype.value).ill_typed, obj
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


# A valid entity of each shape the reader knows, whose fields the strategies below break one at a time.
ENTITY = {
    "id": "fuzzed",
    "type": "Incident",
    "label": {"en": "Fuzzed", "es": "Difuso"},
    "aliases": ["Fuzz"],
    "description": {"en": "A fuzzed event."},
    "note": "A note.",
    "sameAs": "Q5",
    "eventType": "armed-clash",
    "date": "2019-10-17",
    "killed": 3,
    "place": "culiacan",
    "cite": "article-a §body ¶2",
    "statements": [
        {"participant": "sinaloa-cartel", "role": "perpetrator", "start": "2019", "cite": "curator",
         "note": "n", "error": "e", "correction": "ovidio"},
        {"participant": "ovidio", "cite": {"source": "article-a", "section": "body", "paragraph": 1}},
    ],
}
ODD_TEXT = st.text(
    alphabet=st.sampled_from(
        ["a", "1", "-", " ", "\x00", "\x1b", "\x07", "\x7f", "\x85", "\u202e", "\u2066", "\u200f", "\ufeff",
         "\u0661", "\u0966", "\uff11", "_", "é", "\U0001f600", "\t", "\n", "§", "¶"]
    ),
    max_size=10,
)
WRONG_SHAPES = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=3),
    st.dictionaries(st.sampled_from(KEYS + ["source", "section", "paragraph", "x"]), st.sampled_from(WORDS), max_size=3),
    st.lists(st.lists(st.sampled_from(WORDS), max_size=2), max_size=2),
    st.sampled_from([None, True, 0, -1, 1.5, "", "0000", "1_000", "\u0661\u0662", "2019-02-30"]),
    ODD_TEXT,
)
PATHS = [(key,) for key in ENTITY] + [
    ("statements", 0, key) for key in ENTITY["statements"][0]] + [
    ("statements", 1, "cite", key) for key in ("source", "section", "paragraph")] + [
    ("label", "en"), ("description", "en")]


def with_value(path: tuple, value) -> list:
    import copy

    entity = copy.deepcopy(ENTITY)
    target = entity
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return [entity]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(PATHS), WRONG_SHAPES)
def test_every_field_any_shape(tmp_path, path, value):
    """Any value of any shape in any field: a located message or a clean graph with valid literals, never a crash."""
    check(tmp_path, yaml.safe_dump(with_value(path, value), allow_unicode=True))


def test_the_fuzzed_entity_is_valid(tmp_path):
    """The base the field strategy breaks is itself clean, so the strategy explores errors of one field at a time."""
    assert check(tmp_path, yaml.safe_dump([ENTITY], allow_unicode=True))


ALIAS_DOCS = st.sampled_from([
    "- &e {id: a1, type: Person, label: A, cite: curator, statements: [*e]}\n",
    "- id: a2\n  type: Person\n  label: &l A\n  aliases: [*l, *l]\n  cite: curator\n",
    "- &x [*x]\n",
    "x: &a {b: *a}\n",
    "- id: a3\n  type: Person\n  label: *undefined\n  cite: curator\n",
    "- id: a4\n  type: Person\n  label: A\n  cite: curator\n  statements: &s\n    - memberOf: sinaloa-cartel\n"
    "      cite: curator\n    - {memberOf: sinaloa-cartel, cite: curator, note: *s}\n",
])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ALIAS_DOCS, st.sampled_from(["", "\n- &b [1, 2]\n", "\n- *b\n"]))
def test_aliases(tmp_path, document, tail):
    check(tmp_path, document + (tail if document.startswith("-") else ""))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ODD_TEXT, st.sampled_from(["label", "description", "note", "id", "date", "killed", "eventType"]))
def test_odd_unicode_in_values(tmp_path, text, field):
    entity = with_value((field,), text)
    assert check(tmp_path, yaml.safe_dump(entity, allow_unicode=True)) in (True, False)
    problems = check_graph(tmp_path / "graph", shapes=False).problems
    for problem in problems.items:  # nothing a terminal would act on reaches a message
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in str(problem))
