"""What every `kg` subcommand shares: the --graph option and how problems are printed."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.problems import Problems
from ..pipeline import DEFAULT_GRAPH_DIR

# One meaning everywhere: --graph (or --graph-dir) is the folder of YAML files; a named graph's IRI is --graph-iri.
graph_option = click.option(
    "--graph",
    "--graph-dir",
    "graph_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_GRAPH_DIR,
    show_default=True,
    help="Directory of YAML entity files.",
)


def report(problems: Problems, *, quiet_warnings: bool = False) -> None:
    """Print problems to stderr, compiler-style, sorted by file and line."""
    for problem in problems.sorted():
        if problem.severity == "warning" and quiet_warnings:
            continue
        click.echo(str(problem), err=True)
