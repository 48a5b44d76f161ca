"""The real graph/: it validates cleanly, every statement is cited, and the committed exports are a fresh build."""

from __future__ import annotations

from conftest import GRAPH_DIR, REPO, run_kg


def test_real_graph_validates_without_errors():
    result = run_kg("validate", "--graph", str(GRAPH_DIR))
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stderr


def test_every_statement_cited_with_a_locator_or_curator_source(real_build):
    compiled = real_build.compiled
    assert compiled.statements > 0
    assert compiled.cited_statements == compiled.statements
    for statement in real_build.model.statements():
        for citation in statement.citations:
            source = real_build.model.entities[citation.source]
            if source.sections:  # an article: the locator is a section and a paragraph
                assert citation.section in source.sections and citation.paragraph, statement.pos


def test_committed_exports_are_a_fresh_build(tmp_path):
    """CI fails when graph/, ontology/ or src/ changed and the exports were not rebuilt and committed."""
    result = run_kg("build", "-q", "--graph", str(GRAPH_DIR), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("mxsec.ttl", "mxsec.nt", "mxsec.jsonld"):
        committed = REPO / "exports" / name
        assert committed.exists(), f"exports/{name} is not committed: run `kg build` and commit it"
        assert committed.read_bytes() == (tmp_path / name).read_bytes(), (
            f"exports/{name} differs from a fresh build: run `kg build` and commit exports/"
        )
