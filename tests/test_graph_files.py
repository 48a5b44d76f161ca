"""No curator's file vanishes quietly: every YAML file is read, or its failure to be read is an error."""

from __future__ import annotations

import os
from pathlib import Path

from kg.core.problems import Problems
from kg.load.reader import graph_files
from kg.pipeline import check_graph

EXTRA = "- id: extra-person\n  type: Person\n  label: Extra\n  cite: curator\n"


def test_upper_case_suffixes_are_read(mini_graph):
    g = mini_graph
    (g / "EXTRA.YAML").write_text(EXTRA)
    (g / "more.Yml").write_text(EXTRA.replace("extra-person", "more-person"))
    result = check_graph(g, shapes=False)
    assert {"extra-person", "more-person"} <= set(result.model.entities)


def test_dangling_symlink_is_an_error(mini_graph):
    g = mini_graph
    (g / "gone.yaml").symlink_to(g.parent / "deleted.yaml")
    problems = Problems()
    graph_files(g, problems)
    [problem] = problems.errors
    assert problem.pos.file.endswith("gone.yaml") and problem.rule == "io"
    assert "symbolic link to" in problem.message and "does not exist" in problem.message


def test_a_fifo_named_yaml_is_an_error_not_a_hang(mini_graph):
    g = mini_graph
    os.mkfifo(g / "pipe.yaml")
    problems = Problems()
    files = graph_files(g, problems)
    assert all(p.name != "pipe.yaml" for p in files)
    assert [p.message for p in problems.errors] == ["cannot read file: it is not a regular file"]


def test_unreadable_folder_is_an_error(mini_graph, monkeypatch):
    g = mini_graph
    (g / "locked").mkdir()
    (g / "locked" / "x.yaml").write_text(EXTRA)
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without read permission does (root would read it anyway)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problems = Problems()
    graph_files(g, problems)
    [problem] = problems.errors
    assert problem.pos.file.endswith("locked") and problem.message.startswith("cannot read folder: Permission denied")


def test_unreadable_file_is_an_error(mini_graph, tmp_path, monkeypatch):
    g = mini_graph
    (g / "secret.yaml").write_text(EXTRA)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.chdir(tmp_path)
    result = check_graph(Path("graph"), shapes=False)
    assert [str(p) for p in result.problems.errors] == [
        "graph/secret.yaml:1:1: error: cannot read file: Permission denied [io]"]


def test_symlink_loop_in_folders_is_read_once(mini_graph):
    g = mini_graph
    (g / "loop").symlink_to(g)
    problems = Problems()
    files = graph_files(g, problems)
    assert sorted(p.name for p in files) == ["sources.yaml", "things.yaml"] and not problems.items
