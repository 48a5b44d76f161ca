"""The vocabulary is read from the ontology alone, and its documentation is generated from it."""

from __future__ import annotations

from conftest import REPO, run_kg
from kg.load.vocabulary import load_vocabulary


def test_docs_vocabulary_is_generated_from_the_ontology():
    result = run_kg("vocab")
    assert result.returncode == 0
    assert (REPO / "docs" / "vocabulary.md").read_text(encoding="utf-8") == result.stdout, (
        "docs/vocabulary.md is stale: run `kg vocab > docs/vocabulary.md`"
    )


def test_every_class_and_property_is_bilingual_and_defined():
    vocab = load_vocabulary()
    for item in [*vocab.classes.values(), *vocab.properties.values()]:
        assert item.labels.get("en") and item.labels.get("es"), item.name
        assert item.definition, item.name
    for concept in vocab.concepts.values():
        assert concept.labels.get("en") and concept.labels.get("es"), concept.name


def test_incident_types_follow_acled():
    vocab = load_vocabulary()
    acled = vocab.concepts_in("https://w3id.org/mxsec/concept/acled")
    assert {"battles", "violence-against-civilians", "strategic-developments", "armed-clash", "attack"} <= set(acled)
    assert acled["armed-clash"].broader == "battles"
    assert vocab.is_a("SecurityForce", "Agent") and vocab.is_a("Municipality", "Place")
