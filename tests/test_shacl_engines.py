"""Full SHACL at every size: pyshacl-turbo over the compiled N-Triples (the default) reports what pySHACL reports, at the
same YAML lines, on the real graph and on a synthetic graph broken in every way only the shapes catch (issue 15)."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import run_kg
from kg.check.shacl import validate_shapes
from kg.core.problems import Problems
from kg.pipeline import check_graph
from kg.synth.synthesizer import synthesize, write_corpus

# Lines whose removal breaks a shape but none of the loader's own checks.
REMOVED = ("  date: ", "  eventType: ", "  producedBy: ", "  observationStatus: ", "  title: ")


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    graph = tmp_path_factory.mktemp("shacl") / "graph"
    files = [(name, "".join(line for line in text.splitlines(keepends=True) if not line.startswith(REMOVED)))
             for name, text in synthesize(400, seed=3)]
    write_corpus(files, graph)
    result = check_graph(graph, shapes=False)
    assert result.ok, "the loader's checks alone find nothing wrong"
    return graph, result


def shacl_problems(result, engine: str, data=None) -> list[str]:
    problems = Problems()
    if data is None:
        data = result.compiled.ntriples() if engine == "turbo" else result.rdflib_graph
    validate_shapes(result.compiled.positions, data, problems, engine=engine)
    return [str(p) for p in problems.sorted()]


def test_turbo_and_pyshacl_report_the_same_problems_on_a_broken_graph(broken):
    _, result = broken
    turbo = shacl_problems(result, "turbo")
    assert turbo == shacl_problems(result, "pyshacl")
    assert turbo == shacl_problems(result, "turbo", data=result.oxigraph_store(keep=False)), "text or store: the same"
    rules = Counter(line.rsplit("[", 1)[1] for line in turbo)
    assert {"shacl:Event]", "shacl:Event-type]", "shacl:Observation-producer]", "shacl:Observation-status]",
            "shacl:Article-title]"} <= set(rules)
    assert len(turbo) > 300


def test_turbo_and_pyshacl_agree_on_the_real_graph(real_build):
    assert shacl_problems(real_build, "turbo") == shacl_problems(real_build, "pyshacl") == []


def test_shape_violations_are_reported_at_the_yaml_line_of_their_entity(broken):
    graph, result = broken
    validated = run_kg("validate", "--graph", str(graph))
    assert validated.returncode == 1
    lines = [line for line in validated.stderr.splitlines() if "[shacl:Event]" in line]
    assert lines and all(line.startswith(str(graph / "events.yaml") + ":") for line in lines)
    first = lines[0].split(":")
    entity_line = (graph / "events.yaml").read_text(encoding="utf-8").splitlines()[int(first[1]) - 1]
    assert entity_line.startswith("- id: "), "the position is the entity's own `- id:` line"
    assert "an event needs a `date`" in lines[0]


def test_a_build_whose_shapes_fail_leaves_the_exports_as_they_were(broken, tmp_path):
    """SHACL runs in a thread while the exports are written into their staging folder: they must not replace the
    previous set when the shapes fail, and the second build (SHACL's findings from the cache) says the same."""
    graph, _ = broken
    out = tmp_path / "exports"
    first = run_kg("build", "--graph", str(graph), "--out", str(out), "--no-shapes", "-q")
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert set(before) == {"mxsec.ttl", "mxsec.nt", "mxsec.jsonld"}
    runs = [run_kg("build", "--graph", str(graph), "--out", str(out)) for _ in range(2)]
    for run in runs:
        assert run.returncode == 1
        assert run.stderr.rstrip().splitlines()[-1].endswith(f"error(s): nothing written to {out}/")
        assert "[shacl:Event]" in run.stderr
        assert {p.name: p.read_bytes() for p in sorted(out.iterdir())} == before
        assert not list(tmp_path.glob(".exports.*")), "no staging folder is left behind"
    assert runs[0].stderr == runs[1].stderr, "the cached SHACL findings are reported as the first run reported them"


def test_the_one_pass_check_reports_what_turbo_reports(broken, real_build):
    """The project's shapes checked in one pass over the sorted lines (the default), against pyshacl-turbo."""
    from kg.check.shacl import SHAPES_FILE
    from kg.check.shapes_pass import compile_shapes

    assert compile_shapes(SHAPES_FILE) is not None, "the project's shapes are all ones the pass does"
    for result in (broken[1], real_build):
        assert shacl_problems(result, "auto", data=result.compiled.lines) == shacl_problems(result, "turbo")
