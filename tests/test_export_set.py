"""All or nothing: the export folder changes as a whole, whatever kills the build and whenever, and builds take turns.

The children here are real processes killed with SIGKILL: at each named step (through the module's kill switch), at
random instants, and two writers at once. Each set's files carry the build's tag, so a mixed set cannot pass.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, run_kg
from kg.outputs import export_set
from kg.outputs.export_set import STEPS, replace_export_set

NAMES = ("mxsec.ttl", "mxsec.nt", "mxsec.jsonld")
CHILD = """
import sys, time
from pathlib import Path
from kg.outputs import export_set
out, tag, rounds, pause, exchange = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
if exchange == "no":
    export_set._exchange = lambda a, b: False
export_set.STEP_HOOK = lambda step: time.sleep(pause)
print("ready", flush=True)
def chunks(name, tag):
    for i in range(50):
        yield f"{tag} {name} {i}\\n".encode() * 200
for r in range(rounds):
    t = f"{tag}-{r}"
    replace_export_set = export_set.replace_export_set
    replace_export_set(Path(out), ((n, chunks(n, t)) for n in ("mxsec.ttl", "mxsec.nt", "mxsec.jsonld")))
"""


def child(out: Path, tag: str, rounds: int = 1, pause: float = 0.0, exchange: str = "yes",
          env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(out), tag, str(rounds), str(pause), exchange],
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def tags_of(out: Path) -> set[str]:
    """The build tags of the export files, opened through one handle on the folder: a consistent snapshot. (The old
    set is deleted after a swap: if it goes while being opened, the snapshot is taken again.)"""
    while True:
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
        files = []
        try:
            for name in NAMES:
                files.append(open(os.open(name, os.O_RDONLY, dir_fd=fd), "rb"))  # noqa: SIM115
        except FileNotFoundError:
            for f in files:
                f.close()
            continue
        finally:
            os.close(fd)
        tags = set()
        for name, f in zip(NAMES, files, strict=True):
            with f:
                lines = f.read().splitlines()
            assert len(lines) == 50 * 200, f"{name} is incomplete ({len(lines)} lines)"
            tags |= {line.split()[0].decode() for line in (lines[0], lines[-1])}
        return tags


def first_set(tmp_path: Path) -> Path:
    out = tmp_path / "exports"
    assert child(out, "old").wait() == 0
    (out / "mxsec.html").write_text("the view, kept across builds")
    return out


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(("step", "exchange"), [
    *((step, exchange) for step in STEPS for exchange in ("yes", "no")),
    ("half-swapped", "no"),  # the step between the two renames of the fallback
])
def test_kill_at_each_step_leaves_old_or_new_set(tmp_path, step, exchange):
    out = first_set(tmp_path)
    killed = child(out, "new", exchange=exchange, env={export_set.KILL_AT_VARIABLE: step})
    assert killed.wait() == -signal.SIGKILL
    if step == "half-swapped":
        assert not out.exists()  # the moment between the renames: the next run must put the old set back
    else:
        expected = "new-0" if step in ("swapped", "done") else "old-0"
        assert tags_of(out) == {expected}
    assert child(out, "next").wait() == 0  # the next build cleans up and succeeds
    assert tags_of(out) == {"next-0"}
    assert (out / "mxsec.html").read_text() == "the view, kept across builds"
    assert leftovers(tmp_path) == []


def test_kill_9_at_random_instants(tmp_path):
    out = first_set(tmp_path)
    rng = random.Random(11)
    seen = set()
    for round_ in range(12):
        proc = child(out, f"r{round_}", pause=0.04)
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.4))  # seven steps of 0.04 s and the writing: the swap falls near 0.25 s
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        tags = tags_of(out)
        assert len(tags) == 1, tags  # never a mix
        seen |= tags
    assert len(seen) > 1  # some kills fell before the swap and some after: both outcomes were exercised
    assert child(out, "final").wait() == 0
    assert leftovers(tmp_path) == []


def test_concurrent_builds_never_mix(tmp_path):
    out = first_set(tmp_path)
    writers = [child(out, tag, rounds=12, pause=0.01) for tag in ("a", "b")]
    samples = 0
    while any(w.poll() is None for w in writers):
        assert len(tags_of(out)) == 1
        samples += 1
    assert [w.returncode for w in writers] == [0, 0], [w.stderr.read() for w in writers]
    assert tags_of(out) in ({"a-11"}, {"b-11"})
    assert samples > 0 and leftovers(tmp_path) == []


def test_in_process_hook_sees_every_step(tmp_path, monkeypatch):
    steps = []
    monkeypatch.setattr(export_set, "STEP_HOOK", steps.append)
    replace_export_set(tmp_path / "out", [("a.txt", [b"x"])])
    assert steps == list(STEPS)
    assert (tmp_path / "out" / "a.txt").read_bytes() == b"x"


def test_build_into_a_missing_parent_is_one_clear_message(tmp_path):
    (tmp_path / "graph").symlink_to(REPO / "tests" / "fixtures" / "mini")
    done = run_kg("build", "--graph", "graph", "--out", "no/such/exports", "--no-shapes", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1].startswith("kg build: cannot write ")
    assert "the folder does not exist" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph"]


def test_a_view_written_during_a_build_is_not_lost(tmp_path):
    """`kg viz` writing into exports/ waits for a build's swap, so its file is in the set that wins."""
    import threading

    from kg.outputs.export_set import build_lock
    from kg.outputs.output_files import check_target, write_outputs

    out = first_set(tmp_path)
    done = threading.Event()
    with build_lock(tmp_path):  # what a build holds from carrying the old files over to the swap
        writer = threading.Thread(target=lambda: (write_outputs([(check_target(out / "mxsec.html", "html", force=True),
                                                                   b"<!DOCTYPE html>new view")]), done.set()))
        writer.start()
        assert not done.wait(0.5)  # it waits for the build
    writer.join(10)
    assert done.is_set() and (out / "mxsec.html").read_bytes() == b"<!DOCTYPE html>new view"
