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


def checked_graph(graph_dir: Path, consequence: str, *, shapes: bool = False, show: bool = True,
                  quiet_warnings: bool = True) -> BuildResult:
    """The checked graph, ready for the command's work; on any error its problems are printed (with `show`) and the
    command stops with `N error(s): consequence`."""
    from ..pipeline import check_graph

    result = check_graph(graph_dir, shapes=shapes)
    fail_if_errors(result, consequence, show=show, quiet_warnings=quiet_warnings)
    return result

