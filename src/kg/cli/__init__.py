"""The `kg` command: one click group; each verb lives in a module of its own and is registered here."""

from __future__ import annotations

import gc
import os
import sys

import click

from .. import __version__
from ..core.display import escape_controls
from .analysis import export_command, path_command, stats_command
from .build import build_command, validate_command, vocab_command
from .curate import import_group, mentions_command
from .entity import find_command, show_command
from .query import publish_command, query_command
from .serve import serve_command
from .source import source_group
from .synth import synth_command
from .viz import viz_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Mexico security knowledge graph: compile, check, query, export and draw the graph in graph/."""


for command in (
    validate_command,
    build_command,
    vocab_command,
    query_command,
    publish_command,
    viz_command,
    stats_command,
    path_command,
    export_command,
    synth_command,
    show_command,
    find_command,
    serve_command,
    source_group,
    import_group,
    mentions_command,
):
    cli.add_command(command)


def main() -> None:
    """Entry point: click handles usage errors (exit 2); anything unexpected is one line, not a traceback."""
    try:
        cli.main(prog_name="kg")
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a curator-facing tool
        if os.environ.get("KG_DEBUG"):
            raise
        message = escape_controls(f"{type(exc).__name__}: {exc}")
        click.echo(f"kg: internal error: {message} (set KG_DEBUG=1 for details)", err=True)
        sys.exit(70)
    finally:
        # Nothing is left to collect: freezing the heap spares the exit a last walk over every object (with a large
        # graph loaded that walk took 0.1-0.3 s).
        gc.freeze()
