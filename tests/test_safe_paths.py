"""Output paths: every `-o` goes through one module; no file the user did not ask to replace is lost.

Unit tests on `kg.outputs.output_files`, and the real command line for `kg export` and `kg viz` (the two verbs that
take `-o`) and `kg build --out`.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from conftest import FIXTURES, run_kg, run_kg_process
from kg.outputs.output_files import OutputError, check_target, resolve_folder, resolve_output, write_outputs

TURTLE = b"@prefix kg: <https://w3id.org/mxsec/ontology#> .\n\nkg:x a kg:Y .\n"


def test_dash_is_stdout():
    assert resolve_output("-", "mxsec.ttl", "ttl").path is None


def test_existing_folder_or_trailing_slash_writes_inside_under_the_default_name(tmp_path):
    assert resolve_output(tmp_path, "mxsec.ttl", "ttl").path == tmp_path / "mxsec.ttl"
    assert resolve_output(f"{tmp_path}/", "mxsec.ttl", "ttl").path == tmp_path / "mxsec.ttl"
    with pytest.raises(OutputError, match="the folder .*nope does not exist"):
        resolve_output(f"{tmp_path}/nope/", "mxsec.ttl", "ttl")


def test_a_file_kg_did_not_write_is_kept_without_force(tmp_path):
    mine = tmp_path / "notes.ttl"
    mine.write_text("# my own notes\n")
    with pytest.raises(OutputError, match="is not a ttl file written by kg: not replaced .*--force"):
        resolve_output(mine, "mxsec.ttl", "ttl")
    assert resolve_output(mine, "mxsec.ttl", "ttl", force=True).path == mine
    ours = tmp_path / "ours.ttl"
    ours.write_bytes(TURTLE)
    assert resolve_output(ours, "mxsec.ttl", "ttl").path == ours  # recognised: replaced without --force
    with pytest.raises(OutputError):  # the right content, the wrong kind
        resolve_output(ours, "mxsec.nt", "nt")
    empty = tmp_path / "empty.html"
    empty.touch()
    assert resolve_output(empty, "mxsec.html", "html").path == empty  # nothing to lose


def test_a_symlink_is_written_through_and_kept(tmp_path):
    target = tmp_path / "real.ttl"
    target.write_bytes(TURTLE)
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    write_outputs([(resolve_output(link, "mxsec.ttl", "ttl"), TURTLE + b"# new\n")])
    assert link.is_symlink() and target.read_bytes().endswith(b"# new\n")


def test_a_fifo_is_written_through_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_outputs([(resolve_output(fifo, "mxsec.ttl", "ttl"), TURTLE)])
    reader.join(10)
    assert received == [TURTLE]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_character_device_is_written_through(tmp_path):
    out = resolve_output("/dev/null", "mxsec.ttl", "ttl")
    assert out.special
    write_outputs([(out, TURTLE)])
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize(("where", "message"), [
    ("missing/x.ttl", "the folder missing does not exist"),
    ("afile/x.ttl", "afile is not a folder"),
    ("/proc/kg-test.ttl", "cannot write /proc/kg-test.ttl: "),
])
def test_impossible_places_are_one_clear_error(tmp_path, monkeypatch, where, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputError, match=message):
        write_outputs([(resolve_output(where, "mxsec.ttl", "ttl"), TURTLE)])


def test_a_folder_where_the_file_must_go(tmp_path):
    (tmp_path / "mxsec.ttl").mkdir()
    with pytest.raises(OutputError, match="it is a folder"):
        resolve_output(tmp_path, "mxsec.ttl", "ttl")


def test_read_only_folder(tmp_path, monkeypatch):
    if os.geteuid() == 0:  # root writes anywhere: make the system refuse as it would refuse a user
        monkeypatch.setattr(os, "access", lambda path, mode: False)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="read-only"):
            check_target(folder / "x.ttl", "ttl")
    finally:
        folder.chmod(0o755)


def test_csv_folder(tmp_path):
    outs = resolve_folder(tmp_path / "csv", ["nodes.csv", "edges.csv"], "csv")
    write_outputs(zip(outs, [b"\xef\xbb\xbfid,label\r\n", b"\xef\xbb\xbfsource,target\r\n"], strict=True))
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["edges.csv", "nodes.csv"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="it is a file"):
        resolve_folder(tmp_path / "file", ["nodes.csv"], "csv")


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "graph").symlink_to(FIXTURES / "mini")
    return tmp_path


def test_viz_does_not_replace_a_curators_yaml(workdir):
    yaml_file = workdir / "sources.yaml"
    yaml_file.write_text("- id: x\n")
    done = run_kg("viz", "--graph", "graph", "-o", "sources.yaml", cwd=workdir)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == ("kg viz: sources.yaml exists and is not a html file written by kg:"
                                                    " not replaced (give --force to replace it, or choose another name)")
    assert yaml_file.read_text() == "- id: x\n"
    again = run_kg("viz", "--graph", "graph", "-o", "sources.yaml", "--force", "-q", cwd=workdir)
    assert again.returncode == 0 and yaml_file.read_text().startswith("<!DOCTYPE html>")
    rewrite = run_kg("viz", "--graph", "graph", "-o", "sources.yaml", "-q", cwd=workdir)  # now it is kg's own view
    assert rewrite.returncode == 0, rewrite.stderr


def test_export_rewrites_its_own_file_and_writes_into_folders(workdir):
    first = run_kg("export", "--format", "gexf", "--no-shapes", "--graph", "graph", "-o", "g.gexf", cwd=workdir)
    second = run_kg("export", "--format", "gexf", "--no-shapes", "--graph", "graph", "-o", "g.gexf", cwd=workdir)
    assert first.returncode == second.returncode == 0, second.stderr
    (workdir / "out").mkdir()
    inside = run_kg("export", "--format", "nt", "--no-shapes", "--graph", "graph", "-o", "out", cwd=workdir)
    assert inside.returncode == 0 and (workdir / "out" / "mxsec.nt").stat().st_size > 0


@pytest.mark.parametrize(("output", "message"), [
    ("no/such/dir/x.ttl", "kg export: cannot write no/such/dir/x.ttl: the folder no/such/dir does not exist"),
    ("/proc/x.ttl", "kg export: cannot write /proc/x.ttl: "),
])
def test_export_bad_paths_exit_1_with_one_line(workdir, output, message):
    done = run_kg("export", "--format", "ttl", "--no-shapes", "--graph", "graph", "-o", output, cwd=workdir)
    assert done.returncode == 1
    assert done.stderr.startswith(message) and len(done.stderr.strip().splitlines()) == 1


def test_build_keeps_a_foreign_file_of_the_same_name(workdir):
    (workdir / "exports").mkdir()
    (workdir / "exports" / "mxsec.ttl").write_text("my own turtle notes\n")
    done = run_kg("build", "--graph", "graph", "--no-shapes", cwd=workdir)
    assert done.returncode == 1 and "not a ttl file written by kg" in done.stderr
    assert (workdir / "exports" / "mxsec.ttl").read_text() == "my own turtle notes\n"
    forced = run_kg("build", "--graph", "graph", "--no-shapes", "--force", "-q", cwd=workdir)
    assert forced.returncode == 0 and (workdir / "exports" / "mxsec.ttl").read_bytes().startswith(b"@prefix")


def test_leftovers_of_a_killed_write_are_recovered(tmp_path):
    """A write killed between its renames left the original in a backup: the next write puts it back first (and
    checks it as the file it replaces); temporary files of dead processes go."""
    target = tmp_path / "view.html"
    dead = 4_194_303  # the largest pid Linux allows; checked: not a running process
    assert not Path(f"/proc/{dead}").exists()
    (tmp_path / f".view.html.bak-{dead}").write_text("my own page, not kg's\n")
    (tmp_path / f".view.html.tmp-{dead}").write_bytes(b"half written")
    with pytest.raises(OutputError, match="not a html file written by kg"):
        write_outputs([(check_target(target, "html"), b"<!DOCTYPE html>new")])
    assert target.read_text() == "my own page, not kg's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.html"]


def test_dev_stdout_into_a_pipe_and_an_empty_name(workdir):
    # /dev/stdout names the process's own standard output: a process of its own, whose stdout is a pipe
    done = run_kg_process("export", "--format", "nt", "--no-shapes", "--graph", "graph", "-o", "/dev/stdout",
                          cwd=workdir)
    assert done.returncode == 0, done.stderr  # stdout is a pipe here: written through, by its name
    assert done.stdout.startswith("<https://w3id.org/mxsec/")
    empty = run_kg("export", "--format", "nt", "--no-shapes", "--graph", "graph", "-o", "", cwd=workdir)
    assert empty.returncode == 1 and "the output name is empty" in empty.stderr
    assert sorted(p.name for p in workdir.iterdir()) == ["graph"]
