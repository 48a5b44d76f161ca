"""Reading a large graph in two processes gives exactly what reading it in one does: the same entities in the same
order and the same problems, in the same order, at the same positions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, GRAPH_DIR
from kg.core.problems import Problems
from kg.load import processes
from kg.load.reader import read_graph
from kg.load.vocabulary import load_vocabulary

BAD = sorted(p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def read(graph: Path, monkeypatch, split: bool) -> tuple[list[str], list[str]]:
    """The model's entities (repr, in order) and the problems (in the order found), read in one or two processes."""
    with monkeypatch.context() as m:
        if split:  # every graph counts as large
            m.setattr(processes, "MIN_BYTES", 0)
            m.setattr(processes, "split_point", lambda files: None if len(files) < 2 else len(files) // 2)
        else:
            m.setattr(processes, "split_point", lambda files: None)
        problems = Problems()
        model = read_graph(graph, load_vocabulary(), problems)
    return [repr(e) for e in model.entities.values()], [f"{p!r}" for p in problems.items]


def assert_same(graph: Path, monkeypatch) -> None:
    one = read(graph, monkeypatch, split=False)
    two = read(graph, monkeypatch, split=True)
    assert two == one


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this system")
def test_real_graph_read_in_two_processes(monkeypatch):
    assert_same(GRAPH_DIR, monkeypatch)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this system")
def test_bad_inputs_read_in_two_processes(mini_graph, monkeypatch):
    graph = mini_graph
    for case in BAD:
        shutil.copy(FIXTURES / "bad" / case / "broken.yaml", graph / f"{case}.yaml")
    assert_same(graph, monkeypatch)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this system")
def test_id_defined_again_in_the_other_process(mini_graph, monkeypatch):
    """An id of the first half defined again in the second is reported against its first definition."""
    graph = mini_graph
    entity = "- id: {id}\n  type: Person\n  label: {label}\n  cite: curator\n"
    (graph / "a.yaml").write_text(entity.format(id="twice", label="First"))
    (graph / "zz.yaml").write_text(entity.format(id="twice", label="Second") * 2)
    one = read(graph, monkeypatch, split=False)
    assert_same(graph, monkeypatch)
    assert sum("duplicate id `twice`" in p for p in one[1]) == 2


def test_split_point_keeps_small_graphs_in_one_process():
    files = sorted(GRAPH_DIR.rglob("*.yaml"))
    assert processes.split_point(files) is None  # the curated graph is far below MIN_BYTES
    assert processes.split_point(files[:1], min_bytes=0) is None
    split = processes.split_point(files, min_bytes=0)
    assert split is None or 1 <= split < len(files)
