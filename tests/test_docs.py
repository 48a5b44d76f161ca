"""Docs that cannot drift: every ```console block of README.md and docs/*.md is run and its output compared.

A block is a shell session: `$ command` lines (a command whose quotes are still open continues on the next lines), each
followed by the output it prints (stdout and stderr together, as a terminal shows them). Each block runs in bash, in a
fresh copy of the repository's graph/, queries/, exports/ and tests/fixtures/ (commands that write cannot touch the real ones), with
`kg` on the PATH. What the comparison forgives, and the docs say so where it matters:

- a line `...` stands for any number of output lines, and `...` inside a line for any text (output cut for the page);
- timings (`in 0.84 s`) are masked, since no two runs take the same time;
- `$ echo $?` prints the exit status of the command before it; `$ export NAME=value` sets a variable for the block.

After a change to the graph, `python tests/test_docs.py --update README.md docs/*.md` rewrites the blocks with what the
commands print now (blocks cut with `...` are listed, for a person to update), and `git diff` shows what changed.

A comment `<!-- docs-test: skip REASON -->` right before a block leaves it out (it needs something a test machine
does not have; the reason names the test that covers it instead); `<!-- docs-test: serve -->` runs the block with
`kg serve` listening, its address standing in for `http://127.0.0.1:8000` in commands and output.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SERVE_ADDRESS = "http://127.0.0.1:8000"
# What the documented commands read (and may write), copied for each block; examples may use the test fixtures.
COPIED = ("graph", "queries", "exports", "tests/fixtures")
_FENCE = re.compile(r"^```console[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
_DIRECTIVE = re.compile(r"<!--\s*docs-test:\s*(\w+)\s*(.*?)\s*-->\s*\n\s*$")
_TIMING = re.compile(r"\b\d+(?:\.\d+)? ?(?:s|ms|seconds)\b")


@dataclass
class Step:
    command: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    path: Path
    line: int
    steps: list[Step]
    directive: str = ""
    reason: str = ""

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}"


def _complete(command: str) -> bool:
    try:
        shlex.split(command)
    except ValueError:
        return False
    return True


def parse_blocks(path: Path) -> list[Block]:
    """Every ```console block of a Markdown file, with the directive comment just before it, if any."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        directive = _DIRECTIVE.search(text[max(0, match.start() - 300):match.start()])
        steps: list[Step] = []
        pending: str | None = None
        for raw in match.group(1).splitlines():
            if pending is not None:
                pending += "\n" + raw
                if _complete(pending):
                    steps.append(Step(pending))
                    pending = None
                continue
            if raw.startswith("$ "):
                command = raw[2:]
                if _complete(command):
                    steps.append(Step(command))
                else:
                    pending = command
            elif steps:
                steps[-1].expected.append(raw)
            else:
                raise AssertionError(f"{path}:{line}: a console block must start with a `$ command` line")
        assert pending is None, f"{path}:{line}: a command's quotes are never closed"
        blocks.append(Block(path, line, steps, directive.group(1) if directive else "",
                            directive.group(2) if directive else ""))
    return blocks


BLOCKS = [block for path in DOCS for block in parse_blocks(path)]


def mask(text: str) -> str:
    return _TIMING.sub("<time>", text)


def matches(expected: list[str], actual: list[str]) -> bool:
    """True when the actual lines fit the expected ones, `...` lines and inline `...` as wildcards (blank lines that
    end either, which a doc uses to space commands apart, do not count)."""
    while expected and not expected[-1].strip():
        expected = expected[:-1]
    while actual and not actual[-1].strip():
        actual = actual[:-1]
    pattern = []
    for line in expected:
        if line.strip() == "...":
            pattern.append(r"(?:[^\n]*\n)*?")
        else:
            pattern.append(r"[^\n]*?".join(re.escape(part) for part in mask(line).split("...")) + r"\n")
    text = "".join(mask(line) + "\n" for line in actual)
    return re.fullmatch("".join(pattern), text) is not None


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of what commands read and write, so that a documented `kg build` or `kg export` changes nothing real."""
    for name in COPIED:
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def start_server(cwd: Path, env: dict) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", "0"], cwd=cwd, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        found = re.search(r"SPARQL at (http://127\.0\.0\.1:\d+)/sparql", line)
        if found:
            return process, found.group(1)
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError("kg serve did not start")


def test_every_doc_has_its_console_blocks_found():
    assert len(BLOCKS) >= 20
    assert all(block.steps for block in BLOCKS)
    for block in BLOCKS:
        if block.directive == "skip":
            assert block.reason, f"{block.name}: a skipped block must say why"
        else:
            assert block.directive in ("", "serve"), f"{block.name}: unknown directive `{block.directive}`"


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.name)
def test_console_block_output_is_what_the_doc_shows(block: Block, workspace: Path):
    if block.directive == "skip":
        pytest.skip(block.reason)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "COLUMNS": "200", "NO_COLOR": "1", "PYTHONHASHSEED": "0"}
    server = None
    address = SERVE_ADDRESS
    if block.directive == "serve":
        server, address = start_server(workspace, env)
    try:
        status = 0
        for step in block.steps:
            command = step.command.replace(SERVE_ADDRESS, address)
            expected = [line.replace(SERVE_ADDRESS, address) for line in step.expected]
            if command.strip() == "echo $?":
                actual = [str(status)]
            elif command.startswith("export "):
                for assignment in shlex.split(command)[1:]:
                    name, _, value = assignment.partition("=")
                    env[name] = value
                actual = []
            else:
                done = subprocess.run(["bash", "-c", command], cwd=workspace, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True, timeout=300)
                status = done.returncode
                actual = done.stdout.splitlines()
            assert matches(expected, actual), (
                f"{block.name}: `$ {command}` printed\n" + "\n".join(actual) + "\n--- but the doc shows\n"
                + "\n".join(expected)
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


def _update(paths: list[Path]) -> None:
    """Rewrite the console blocks of `paths` with what the commands print now; blocks with `...` (cut by hand) and
    skipped ones are left alone and listed, to be updated by hand. Run from the repository: `python tests/test_docs.py
    --update README.md docs/analysis.md`; then read the diff: it is what the docs now claim."""
    import tempfile

    wanted = {path.resolve() for path in paths}
    workspace = Path(tempfile.mkdtemp())
    for name in COPIED:
        shutil.copytree(REPO / name, workspace / name)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "COLUMNS": "200", "NO_COLOR": "1", "PYTHONHASHSEED": "0"}
    for path in sorted(wanted):
        blocks = parse_blocks(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        for block in sorted(blocks, key=lambda b: -b.line):
            if block.directive == "skip" or any("..." in line for s in block.steps for line in s.expected):
                print(f"{block.name}: left as it is ({'skipped' if block.directive == 'skip' else 'has ...'})")
                continue
            server, address = (start_server(workspace, env) if block.directive == "serve" else (None, SERVE_ADDRESS))
            out, status = [], 0
            try:
                for step in block.steps:
                    out.append("$ " + step.command)
                    command = step.command.replace(SERVE_ADDRESS, address)
                    if command.strip() == "echo $?":
                        out.append(str(status))
                    elif not command.startswith("export "):
                        done = subprocess.run(["bash", "-c", command], cwd=workspace, env=env, stdout=subprocess.PIPE,
                                              stderr=subprocess.STDOUT, text=True, timeout=300)
                        status = done.returncode
                        out.extend(done.stdout.replace(address, SERVE_ADDRESS).splitlines())
            finally:
                if server is not None:
                    server.terminate()
                    server.wait(timeout=10)
            end = block.line
            while not lines[end].startswith("```"):
                end += 1
            lines[block.line:end] = out
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"{path.relative_to(REPO)}: updated")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--update":
        sys.exit("usage: python tests/test_docs.py --update FILE.md ...")
    _update([Path(arg) for arg in sys.argv[2:]])
