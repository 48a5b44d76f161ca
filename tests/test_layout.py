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
    "history": 5.5,  # versions, diffs, as-of views: above the outputs whose texts it reuses, below the views using it
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


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")


def kg_imports(path: Path) -> set[str]:
    """The kg modules `path` imports anywhere in it (a `from package import name` counts the submodule it names)."""
    known = {module_name(p) for p in MODULES}
    found = set()
    for _, target in imported_modules(path):
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target:
            found.add(target)
    return found - {module_name(path)}


def test_no_import_circle():
    """No module imports, even from inside a function, a module that imports it back (directly or by a round)."""
    graph = {module_name(p): kg_imports(p) for p in MODULES}
    packages = {name for name in graph if (SRC.parent / name.replace(".", "/") / "__init__.py").is_file()}
    # A package imports what its __init__ names, and its modules import their package: not a circle of mechanisms.
    edges = {m: {t for t in targets if t not in packages} for m, targets in graph.items()}
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                circles.append(" → ".join(trail[trail.index(target):] + [node, target]) if target in trail
                               else f"{node} → {target}")
            elif target not in state:
                visit(target, trail + [node])
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [])
    assert not circles, "\n".join(circles)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_helper_of_another_module(path: Path):
    """A name that starts with `_` is its module's own: another module that needs it needs it moved to a shared home."""
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("kg")):
            bad += [f"{path.relative_to(SRC)}:{node.lineno} imports {a.name}" for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")]
    assert not bad, "\n".join(bad)
