"""What every `kg` subcommand shares: the --graph option, getting the checked graph (or failing with its problems)
and how problems are printed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..core.errors import UserError
from ..core.problems import Problems
from ..pipeline import DEFAULT_GRAPH_DIR

if TYPE_CHECKING:
    from ..pipeline import BuildResult


def graph_dir_option(help: str = "Directory of YAML entity files.", **settings: Any):  # noqa: A002 - click's name
    """The --graph option (also spelt --graph-dir): the folder of YAML files, in every verb. (A named graph's IRI
    in a remote store is --graph-iri.)"""
    settings.setdefault("type", click.Path(file_okay=False, path_type=Path))
    settings.setdefault("default", DEFAULT_GRAPH_DIR)
    return click.option("--graph", "--graph-dir", "graph_dir", show_default=True, help=help, **settings)


graph_option = graph_dir_option()


class GraphHasErrors(UserError):
    """The graph did not pass its checks: its problems are printed above this line."""


def report(problems: Problems, *, quiet_warnings: bool = False) -> None:
    """Print problems to stderr, compiler-style, sorted by file and line."""
    for problem in problems.sorted():
        if problem.severity == "warning" and quiet_warnings:
            continue
        click.echo(str(problem), err=True)


def fail_if_errors(result: BuildResult, consequence: str, *, show: bool = True, quiet_warnings: bool = True) -> None:
    """With `show`, print the problems; with any error, stop the command (exit 1) saying `N error(s): consequence`."""
    if show:
        report(result.problems, quiet_warnings=quiet_warnings)
    if not result.ok:
        raise GraphHasErrors(f"{len(result.problems.errors)} error(s): {consequence}")


class NoGraphHere(UserError):
    """The graph folder is not there, or holds no YAML: the command was run outside the project."""


def require_graph_dir(graph_dir: Path) -> None:
    """Stop with the real problem when there is no graph to read: where kg looked, and how to point at one."""
    where = graph_dir.resolve()
    if not graph_dir.exists():
        raise NoGraphHere(f"no graph folder here: {where} does not exist; run kg in the project's folder (the one "
                          "holding graph/), or give the folder of YAML files with --graph DIR")
    if graph_dir.is_dir() and not any(p.suffix.lower() in (".yaml", ".yml") for p in graph_dir.rglob("*")):
        raise NoGraphHere(f"{where} holds no .yaml files: give the folder of the graph's YAML files with --graph DIR")


def checked_graph(graph_dir: Path, consequence: str, *, shapes: bool = False, show: bool = True,
                  quiet_warnings: bool = True) -> BuildResult:
    """The checked graph, ready for the command's work; on any error its problems are printed (with `show`) and the
    command stops with `N error(s): consequence`. Outside a project, the command says so instead."""
    from ..pipeline import check_graph

    require_graph_dir(graph_dir)
    result = check_graph(graph_dir, shapes=shapes)
    fail_if_errors(result, consequence, show=show, quiet_warnings=quiet_warnings)
    return result

