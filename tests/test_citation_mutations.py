"""The citation check's mutation test (`python -m benchmarks.citation_mutations`), on a sample: citations moved within
and across sections, objects and numbers swapped, on a copy of graph/, must be caught at the issue's rates."""

from __future__ import annotations

import pytest

from conftest import GRAPH_DIR
from kg.check.mutations import KINDS, TARGETS, run_mutations
from seeds import seeds_dir


@pytest.fixture(scope="module")
def sample_run():
    return run_mutations(GRAPH_DIR, seeds_dir(), sample=150, seed=1)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_mutation_is_caught_at_its_target_rate(sample_run, kind):
    result = sample_run.results[kind]
    assert result.relevant >= 40, f"too few {kind} mutations to judge: {result.line()}"
    assert result.rate >= TARGETS[kind], sample_run.report(show_missed=10)


def test_the_mutations_leave_the_graph_as_it_was(sample_run):
    """The run works on a copy: the real graph still validates against the texts with nothing flagged."""
    assert sample_run.baseline.flagged == 0 and sample_run.baseline.values_flagged == 0
    again = run_mutations(GRAPH_DIR, seeds_dir(), sample=5, seed=1, kinds=("object",))
    assert again.baseline.checked == sample_run.baseline.checked


def test_the_command_prints_a_rate_per_kind_and_exits_0_when_targets_are_met():
    import subprocess
    import sys

    from conftest import REPO

    result = subprocess.run([sys.executable, "-m", "benchmarks.citation_mutations", "--sample", "40", "--kind",
                             "cross-section", "--texts", str(seeds_dir())], cwd=REPO, capture_output=True, text=True,
                            timeout=300)  # fmt: skip
    assert "cross-section" in result.stdout and "caught (" in result.stdout and "target 95 %" in result.stdout
    assert result.returncode == (0 if "meets" in result.stdout else 1), result.stdout + result.stderr
