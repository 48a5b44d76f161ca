"""Honest evidence (issue 21): sources counted by publisher, an origin a source reports from counted as that origin,
curator knowledge never one of them, a source error no evidence at all — in the real graph."""

from __future__ import annotations

import json

from conftest import run_kg
from kg.core.evidence import statement_evidence


def statement(build, subject, predicate, value=None):
    return next(st for st in build.model.entities[subject].statements
                if st.predicate == predicate and (value is None or st.value.text == value))


def publishers(build, source_id):
    """A source's publishers as the YAML gives them (read here, apart from the code under test)."""
    return {st.value.text for st in build.model.entities[source_id].statements if st.predicate == "publisher"}


def test_curator_knowledge_is_not_an_independent_source(real_build):
    cited_with_curator = [st for e in real_build.model.entities.values() for st in e.statements
                          if not st.error and "curator" in {c.source for c in st.citations}
                          and len({c.source for c in st.citations}) > 1]
    assert len(cited_with_curator) > 10
    for st in cited_with_curator:
        evidence = statement_evidence(st, real_build.model)
        assert evidence.curator and "curator" not in evidence.voices
        if "reportedFrom" in st.qualifiers:
            continue
        voices = set()
        for source in {c.source for c in st.citations} - {"curator"}:
            voices |= {min(publishers(real_build, source))} if publishers(real_build, source) else {source}
        assert evidence.independent == len(voices), (st.subject, st.predicate, evidence)
    # López Obrador's term, cited to both articles and the curators: two voices, the curators apart
    term = statement(real_build, "amlo", "heldPosition", "president-of-mexico")
    evidence = statement_evidence(term, real_build.model)
    assert evidence.curator and evidence.independent == len({c.source for c in term.citations} - {"curator"})


def test_two_posts_of_one_outlet_are_one_voice_and_an_origin_counts_as_itself(real_build):
    homicides = statement(real_build, "homicides-2019-sesnsp", "value")
    evidence = statement_evidence(homicides, real_build.model)
    assert evidence.voices == ("sesnsp",), "the post reports SESNSP's count: one voice, SESNSP's"


def test_a_source_error_is_no_evidence(real_build):
    errors = [st for e in real_build.model.entities.values() for st in e.statements if st.error]
    assert errors
    for st in errors:
        assert statement_evidence(st, real_build.model).independent == 0


def test_kg_show_json_carries_the_evidence():
    done = run_kg("show", "amlo", "--format", "json")
    profile = json.loads(done.stdout)
    held = next(g for g in profile["statements"] if g["predicate"] == "heldPosition")
    president = next(v for v in held["values"] if "president-of-mexico" in v["value"])
    assert president["evidence"]["curator"] is True and "curator" not in president["evidence"]["voices"]
    assert president["evidence"]["independent"] == len(president["evidence"]["voices"]) >= 1
