"""`kg export`: GraphML, GEXF and CSV read back with NetworkX and the csv module, byte-identical across runs."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest

from conftest import FIXTURES, run_kg
from kg.outputs.formats import ExportInputs, render_files
from kg.outputs.formats.gexf import GEXF_RENAMED, class_color, gexf
from kg.outputs.formats.graphml import graphml
from kg.outputs.formats.network_csv import csv_files
from kg.outputs.portable import portable
from kg.outputs.projection import project
from kg.pipeline import check_graph


def render(fmt, graph, vocab, compiled):
    return render_files(fmt, ExportInputs(None, vocab, compiled, projection=graph))

ANALYSIS = FIXTURES / "analysis"


@pytest.fixture(scope="module")
def fixture_build():
    result = check_graph(ANALYSIS)
    assert result.ok, [str(p) for p in result.problems.errors]
    return result


@pytest.fixture(scope="module")
def expected(fixture_build):
    """The projection as the exports should carry it: sorted, scalar, numbers typed."""
    return portable(project(fixture_build.model, fixture_build.vocab), fixture_build.vocab)


def edges_by_statement(graph: nx.Graph) -> dict[str, tuple[str, str, dict]]:
    return {data["statement"]: (u, v, data) for u, v, data in graph.edges(data=True)}


def test_graphml_reads_back_with_the_same_nodes_edges_and_values(expected):
    back = nx.read_graphml(io.BytesIO(graphml(expected)), force_multigraph=True)
    assert sorted(back.nodes) == sorted(expected.nodes)
    for node, data in expected.nodes(data=True):
        assert back.nodes[node] == data, node
    assert edges_by_statement(back) == edges_by_statement(expected)
    assert back.nodes["culiacan"]["label"] == "Culiacán"
    assert back.nodes["cjng"]["label_es"] == "Cártel Jalisco Nueva Generación"
    assert back.nodes["culiacan"]["latitude"] == pytest.approx(24.8)
    assert back.nodes["battle"]["killed"] == 13


def test_gexf_reads_back_with_the_same_nodes_edges_and_values(fixture_build, expected):
    back = nx.read_gexf(io.BytesIO(gexf(expected, fixture_build.vocab)))
    assert sorted(back.nodes) == sorted(expected.nodes)
    for node, data in expected.nodes(data=True):
        read = {k: v for k, v in back.nodes[node].items() if k != "viz"}
        assert read == data, node
    assert back.nodes["michoacan"]["label"] == "Michoacán"
    back_edges = {data["id"]: (u, v, {k: w for k, w in data.items() if k != "id"})
                  for u, v, data in back.edges(data=True)}
    want = {key: (u, v, {GEXF_RENAMED.get(k, k): w for k, w in data.items()})
            for key, (u, v, data) in edges_by_statement(expected).items()}
    assert back_edges == want
    member = next(d for _, _, d in back.edges(data=True) if d["predicate"] == "memberOf")
    assert member["start_date"] == "2019"  # a year-only date survives, outside Gephi's timeline


def test_gexf_colours_nodes_as_the_view_does_and_carries_no_write_date(fixture_build, expected):
    data = gexf(expected, fixture_build.vocab)
    assert b"lastmodifieddate" not in data
    back = nx.read_gexf(io.BytesIO(data))
    color = class_color(fixture_build.vocab, "Person")
    assert color is not None
    rgb = back.nodes["ovidio"]["viz"]["color"]
    assert f"#{rgb['r']:02x}{rgb['g']:02x}{rgb['b']:02x}" == color.lower()


def test_a_source_error_is_not_an_edge_but_its_correction_is(expected):
    assert not expected.has_edge("iguala", "michoacan")
    [(key, data)] = expected.get_edge_data("iguala", "guerrero").items()
    assert data["assessment"] == "correction"
    back = nx.read_graphml(io.BytesIO(graphml(expected)), force_multigraph=True)
    assert not back.has_edge("iguala", "michoacan")
    assert back.edges["iguala", "guerrero", key]["assessment"] == "correction"


def test_csv_is_a_nodes_file_and_an_edges_file_with_header_rows(fixture_build, expected):
    files = render("csv", project(fixture_build.model, fixture_build.vocab), fixture_build.vocab, None)
    assert sorted(files) == ["edges.csv", "nodes.csv"]
    assert files["nodes.csv"].startswith("\ufeffid,label,".encode())  # the BOM tells Excel it is UTF-8
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode("utf-8-sig"))))
    assert [row["id"] for row in nodes] == sorted(expected.nodes)
    by_id = {row["id"]: row for row in nodes}
    assert by_id["culiacan"]["label"] == "Culiacán"
    assert by_id["culiacan"]["latitude"] == "24.8"
    assert by_id["joaquin"]["aliases"] == "El Chapo"
    assert by_id["cjng"]["sources"] == "Cartels and the State, § The Culiacán operation, ¶ 3"
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode("utf-8-sig"))))
    assert len(edges) == expected.number_of_edges() == 12
    assert list(edges[0])[:3] == ["source", "target", "label"]
    child = next(row for row in edges if row["predicate"] == "childOf")
    assert (child["source"], child["target"], child["label"], child["label_es"]) == (
        "ovidio", "joaquin", "child of", "hijo o hija de")
    assert child["statement"].startswith("https://w3id.org/mxsec/statement/")


def test_export_files_are_byte_identical_across_runs_and_hash_seeds(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        for fmt in ("graphml", "gexf"):
            result = run_kg("export", "--format", fmt, "--graph", str(ANALYSIS), "-o", str(out),
                            env={"PYTHONHASHSEED": seed})
            assert result.returncode == 0, result.stderr
        result = run_kg("export", "--format", "csv", "--graph", str(ANALYSIS), "-o", str(out / "csv"),
                        env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert sorted(outputs[0]) == ["csv/edges.csv", "csv/nodes.csv", "mxsec.gexf", "mxsec.graphml"]
    assert outputs[0] == outputs[1]


def test_export_to_stdout_and_to_a_named_file(tmp_path):
    result = run_kg("export", "--format", "graphml", "--graph", str(ANALYSIS))
    assert result.returncode == 0, result.stderr
    back = nx.read_graphml(io.BytesIO(result.stdout.encode("utf-8")), force_multigraph=True)
    assert back.number_of_nodes() == 14
    target = tmp_path / "network.gexf"
    result = run_kg("export", "--format", "gexf", "--graph", str(ANALYSIS), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "14 nodes, 12 edges" in result.stderr
    assert nx.read_gexf(target).number_of_edges() == 12


def test_rdf_formats_are_the_builds_own(tmp_path):
    built = tmp_path / "built"
    assert run_kg("build", "--graph", str(ANALYSIS), "--out", str(built), "-q").returncode == 0
    for fmt, name in (("ttl", "mxsec.ttl"), ("nt", "mxsec.nt"), ("jsonld", "mxsec.jsonld")):
        result = run_kg("export", "--format", fmt, "--graph", str(ANALYSIS), "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), fmt


def test_include_sources_adds_source_documents_as_nodes(fixture_build):
    without = render("csv", project(fixture_build.model, fixture_build.vocab), fixture_build.vocab, None)
    with_sources = render("csv", project(fixture_build.model, fixture_build.vocab, include_sources=True),
                          fixture_build.vocab, None)
    assert b"\narticle-x," not in without["nodes.csv"].replace(b"\r\n", b"\n")
    assert b"\narticle-x,Cartels and the State," in with_sources["nodes.csv"].replace(b"\r\n", b"\n")


def test_usage_and_data_errors_are_one_line_and_write_nothing(tmp_path):
    result = run_kg("export", "--format", "csv", "--graph", str(ANALYSIS))
    assert result.returncode == 2
    assert "give -o DIRECTORY" in result.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "things.yaml").write_text("- id: culiacan\n  type: Municipality\n  label: Culiacán\n  locatedIn: nowhere\n"
                                        "  cite: curator\n", encoding="utf-8")
    target = tmp_path / "out.gexf"
    result = run_kg("export", "--format", "gexf", "--graph", str(broken), "-o", str(target))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "`nowhere`" in result.stderr
    assert not target.exists()


def test_real_graph_exports_read_back_whole(real_build):
    graph = portable(project(real_build.model, real_build.vocab), real_build.vocab)
    back = nx.read_gexf(io.BytesIO(gexf(graph, real_build.vocab)))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["culiacan"]["label"] == "Culiacán"
    back = nx.read_graphml(io.BytesIO(graphml(graph)), force_multigraph=True)
    assert edges_by_statement(back) == edges_by_statement(graph)
    nodes = list(csv.DictReader(io.StringIO(csv_files(graph)["nodes.csv"].decode("utf-8-sig"))))
    assert {row["id"]: row["label"] for row in nodes}["ovidio-guzman"] == "Ovidio Guzmán López"


def test_whole_numbers_are_never_written_as_floats(real_build):
    """`28870`, not `28870.0`: the loader keeps xsd:decimal's lexical form, the files show the number."""
    import re

    graph = project(real_build.model, real_build.vocab)
    for fmt in ("csv", "graphml", "gexf"):
        files = render(fmt, graph, real_build.vocab, None)
        text = b"".join(files.values()).decode("utf-8-sig")
        assert "28870" in text, fmt
        # attribute values (GEXF), data elements (GraphML), cells (CSV); not the XML declaration or a colour's alpha
        floats = re.findall(r'(?:value="|<data key="\w+">|,)-?\d+\.0(?=["<,\r])', text)
        assert not floats, (fmt, floats[:3])
