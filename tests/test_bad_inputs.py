"""The bad-input corpus: each case is a small broken graph and the exact messages `kg validate` must print.

A case is tests/fixtures/bad/<case>/broken.yaml added to the valid tests/fixtures/mini graph; expected.txt holds every
error line, in order. Covers every kind of error a curator can make that the issue names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_kg

CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def make_graph(tmp_path: Path, case: str) -> Path:
    shutil.copytree(FIXTURES / "mini", tmp_path / "graph")
    shutil.copy(FIXTURES / "bad" / case / "broken.yaml", tmp_path / "graph" / "broken.yaml")
    return tmp_path


def test_corpus_covers_every_error_kind():
    rules = {
        line.rsplit("[", 1)[1].rstrip("]\n")
        for case in CASES
        for line in (FIXTURES / "bad" / case / "expected.txt").read_text().splitlines()
    }
    for rule in (
        "yaml-syntax",
        "duplicate-key",
        "duplicate-id",
        "unknown-type",
        "unknown-property",
        "unknown-id",
        "wrong-type",
        "bad-date",
        "date-order",
        "missing-citation",
        "unknown-source",
        "yaml11-surprise",
        "wrong-domain",
        "wrong-range",
        "unknown-section",
        "bad-paragraph",
        "missing-locator",
        # issue 11: hostile and careless input
        "bad-citation",
        "encoding",
        "yaml-tag",
        "recursive-alias",
        "hidden-character",
        "hierarchy-cycle",
        "self-reference",
    ):
        assert rule in rules
    assert any(rule.startswith("shacl:") for rule in rules)


@pytest.mark.parametrize("case", CASES)
def test_validate_reports_exact_messages(tmp_path, case):
    cwd = make_graph(tmp_path, case)
    result = run_kg("validate", "--graph", "graph", cwd=cwd)
    expected = (FIXTURES / "bad" / case / "expected.txt").read_text().splitlines()
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert result.returncode == 1, result.stderr
    assert errors == expected
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.rstrip().endswith("error(s), 0 warning(s)") or "warning(s)" in result.stderr


def test_failed_build_leaves_previous_exports_untouched(tmp_path):
    cwd = make_graph(tmp_path, "impossible-date")
    out = cwd / "exports"
    out.mkdir()
    previous = {name: f"previous {name}\n".encode() for name in ("mxsec.ttl", "mxsec.nt", "mxsec.jsonld")}
    for name, data in previous.items():
        (out / name).write_bytes(data)
    result = run_kg("build", "--graph", "graph", "--out", "exports", cwd=cwd)
    assert result.returncode == 1
    assert "graph/broken.yaml:5:9: error: date: `2019-02-30` is not a date" in result.stderr
    assert "nothing written to exports/" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == previous


def test_every_problem_reported_at_once(tmp_path, mini_graph):
    """Several broken files in one graph: all their errors in one run, sorted by file and line."""
    for case in ("unknown-id", "bad-date", "yaml11-octal"):
        shutil.copy(FIXTURES / "bad" / case / "broken.yaml", tmp_path / "graph" / f"{case}.yaml")
    result = run_kg("validate", "--graph", "graph", cwd=tmp_path)
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    files = [e.split(":")[0] for e in errors]
    assert set(files) == {"graph/bad-date.yaml", "graph/unknown-id.yaml", "graph/yaml11-octal.yaml"}
    assert files == sorted(files)
    assert result.returncode == 1


def test_yaml_errors_are_one_line_without_parser_internals(tmp_path):
    """Every corpus message is one line, and none leaks PyYAML's `<unicode string>` or a Python repr."""
    for case in CASES:
        for line in (FIXTURES / "bad" / case / "expected.txt").read_text(encoding="utf-8").splitlines():
            assert "<unicode string>" not in line and "Node(" not in line and "\x1b" not in line, (case, line)
