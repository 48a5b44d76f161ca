"""The view's Python mirrors its scripts (issue 20): one module per view script, what they share in `common` (as
core.js), the page assembled in `page`; no view module imports one that imports it back; the class colours have one
home, which both the explorer and the GEXF export use."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from kg.load.vocabulary import load_vocabulary
from kg.outputs import class_styles
from kg.outputs.formats import gexf

VIEW = Path(__file__).resolve().parents[1] / "src" / "kg" / "view"


def view_imports() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in VIEW.glob("*.py"):
        graph.add_node(path.stem)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                graph.add_edge(path.stem, node.module.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.level == 1:
                graph.add_edges_from((path.stem, alias.name) for alias in node.names)
    return graph


def test_one_python_module_per_script_and_no_circle():
    scripts = {p.stem for p in (VIEW / "templates").glob("*.js")} - {"core", "i18n", "app"}
    modules = {p.stem for p in VIEW.glob("*.py")} - {"__init__", "common", "page"}
    assert scripts == modules == {"network", "entities", "timeline", "places", "charts", "time"}
    graph = view_imports()
    assert list(nx.simple_cycles(graph)) == []
    assert set(graph.predecessors("page")) == set()  # the page assembles; nothing builds on it
    assert {"network", "entities", "timeline", "places", "charts", "time"} <= set(graph.successors("page"))


def test_class_colours_have_one_home():
    vocab = load_vocabulary()
    assert gexf.class_color is class_styles.class_color  # the GEXF export's colours are the explorer's
    for name in vocab.classes:
        assert class_styles.class_style(vocab, name)[0] == (class_styles.class_color(vocab, name)
                                                             or class_styles.DEFAULT_COLOR)
    for path in list(VIEW.glob("*.py")) + [VIEW.parent / "outputs" / "formats" / "gexf.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert not defined & {"class_color", "class_style", "type_styles", "_shade"}, path.name
