"""`kg viz`: write the explorer (network, timeline, map, charts, entity pages), one self-contained offline HTML file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..outputs.rdf_exports import EXPORT_NAME, write_all_or_nothing
from ..pipeline import DEFAULT_OUT_DIR, check_graph
from .common import graph_option, report

DEFAULT_VIEW = DEFAULT_OUT_DIR / f"{EXPORT_NAME}.html"


@click.command("viz")
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=None,
              help=f"The HTML file to write ('-' for standard output)  [default: {DEFAULT_VIEW}, or "
                   f"{DEFAULT_OUT_DIR / EXPORT_NAME}-ID.html with --focus ID]")
@click.option("--focus", metavar="ID", help="Draw only this entity's neighbourhood (not through hubs such as countries).")
@click.option("--depth", type=click.IntRange(0, 20), default=None, metavar="N",
              help="With --focus: how many links away from the entity to draw  [default: 1]")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="The language the page opens in (it has a switch).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings or the summary.")
def viz_command(graph_dir: Path, output: Path | None, focus: str | None, depth: int | None, lang: str,
                quiet: bool) -> None:
    """Write the explorer: entity pages with every fact's sources, a timeline, a map, indicator charts and the
    network, with search and filters by type, period and source; one file, offline."""
    from ..view.network_view import FocusError
    from ..view.page import render_view

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus ID")
    result = check_graph(graph_dir)
    report(result.problems, quiet_warnings=quiet)
    if not result.ok:
        click.echo(f"{len(result.problems.errors)} error(s): no view written", err=True)
        sys.exit(1)
    try:
        html = render_view(result.model, result.vocab, focus=focus, depth=1 if depth is None else depth, lang=lang)
    except FocusError as exc:
        click.echo(f"kg viz: {exc}", err=True)
        sys.exit(1)
    data = html.encode("utf-8")
    if output is None:  # a focus view gets its own name, so it never overwrites the full view
        output = DEFAULT_VIEW if focus is None else DEFAULT_OUT_DIR / f"{EXPORT_NAME}-{focus}.html"
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_all_or_nothing([(output, data)])
    except OSError as exc:
        click.echo(f"kg viz: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(f"wrote {output} ({len(data) / 1024:.0f} KB); open it in a browser, no network needed", err=True)
