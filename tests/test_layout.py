"""The package tree is the pipeline: no module imports from a stage downstream of it (issue 10)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "kg"

# Stages in the order data flows; a module may import its own stage or any earlier one. Siblings of one rank (query,
# view, analysis; the curation tools) do not import one another.
RANKS = {
    "core": 0,
    "text": 1,
    "load": 1,
    "check": 2,
    "compile": 3,
    "pipeline": 4,
    "cache": 3.5,  # the build cache: below the pipeline that uses it, above nothing it needs
    "outputs": 5,
    "query": 6,
    "view": 6,
    "analysis": 6,
    "importers": 6,
    "curate": 6,
    "serve": 7,
    "synth": 8,
    "cli": 9,
    "__main__": 10,
    "__init__": 10,
}


def stage_of(module: str) -> str:
    """The stage (first-level subpackage or module) of a dotted kg module; names defined in kg/__init__ count as it."""
    parts = module.split(".")
    if len(parts) < 2:
        return "__init__"
    exists = (SRC / parts[1]).is_dir() or (SRC / f"{parts[1]}.py").is_file()
    return parts[1] if exists else "__init__"


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every kg module that `path` imports (absolute or relative), with its line."""
    rel = path.relative_to(SRC.parent).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            found += [(node.lineno, name) for name in names if name.startswith("kg")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("kg")]
    return found


MODULES = sorted(p for p in SRC.rglob("*.py"))


def test_every_stage_is_ranked():
    stages = {stage_of(".".join(p.relative_to(SRC.parent).with_suffix("").parts)) for p in MODULES}
    assert stages <= set(RANKS), f"unranked stage(s): {sorted(stages - set(RANKS))}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_from_downstream(path: Path):
    module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    own = stage_of(module)
    bad = []
    for line, target in imported_modules(path):
        other = stage_of(target)
        if other == own or other == "__init__":
            continue
        if RANKS[other] >= RANKS[own]:
            bad.append(f"{path.relative_to(SRC)}:{line} imports {target} ({other} is not upstream of {own})")
    assert not bad, "\n".join(bad)
