"""`kg viz`: write the interactive network view, one self-contained HTML file that works offline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..core.display import escape_controls
from ..outputs.rdf_exports import EXPORT_NAME
from ..pipeline import DEFAULT_OUT_DIR, check_graph
from .common import graph_option, report

DEFAULT_VIEW = DEFAULT_OUT_DIR / f"{EXPORT_NAME}.html"


@click.command("viz")
@graph_option
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), default=DEFAULT_VIEW,
              show_default=True, help="The HTML file to write ('-' for standard output; a folder: mxsec.html in it).")
@click.option("--force", is_flag=True, help="Replace the output file even if kg did not write it.")
@click.option("--focus", metavar="ID", help="Draw only this entity's neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 20), default=None, metavar="N",
              help="With --focus: how many links away from the entity to draw  [default: 1]")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="The language the page opens in (it has a switch).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings or the summary.")
def viz_command(graph_dir: Path, output: Path, force: bool, focus: str | None, depth: int | None, lang: str,
                quiet: bool) -> None:
    """Write the network view: search, filters by type, period and source, and every fact's sources, offline."""
    from ..outputs.safe_paths import OutputError, resolve_output, write_outputs
    from ..view.network_view import FocusError, render_view

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus ID")
    try:  # checked before the work, so a wrong -o costs nothing
        target = resolve_output(output, DEFAULT_VIEW.name, "html", force=force)
    except OutputError as exc:
        click.echo(escape_controls(f"kg viz: {exc}"), err=True)
        sys.exit(1)
    result = check_graph(graph_dir)
    report(result.problems, quiet_warnings=quiet)
    if not result.ok:
        click.echo(f"{len(result.problems.errors)} error(s): no view written", err=True)
        sys.exit(1)
    try:
        html = render_view(result.model, result.vocab, focus=focus, depth=1 if depth is None else depth, lang=lang)
    except FocusError as exc:
        click.echo(escape_controls(f"kg viz: {exc}"), err=True)
        sys.exit(1)
    data = html.encode("utf-8")
    try:
        write_outputs([(target, data)])
    except OutputError as exc:
        click.echo(escape_controls(f"kg viz: {exc}"), err=True)
        sys.exit(1)
    if not quiet and target.path is not None:
        click.echo(f"wrote {target.shown} ({len(data) / 1024:.0f} KB); open it in a browser, no network needed", err=True)
