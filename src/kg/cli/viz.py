"""`kg viz`: write the explorer (network, timeline, map, charts, entity pages), one self-contained offline HTML file."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..outputs.formats import EXPORT_NAME
from ..pipeline import DEFAULT_OUT_DIR
from .as_of import as_of_option, view_as_of
from .common import checked_graph, graph_option

DEFAULT_VIEW = DEFAULT_OUT_DIR / f"{EXPORT_NAME}.html"


@click.command("viz")
@graph_option
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), default=None,
              help=f"The HTML file to write ('-' for standard output; a folder: the file in it)  [default: "
                   f"{DEFAULT_VIEW}, or {DEFAULT_OUT_DIR / EXPORT_NAME}-ID.html with --focus ID]")
@click.option("--force", is_flag=True, help="Replace the output file even if kg did not write it.")
@click.option("--focus", metavar="NAME", help="Draw only this entity's neighbourhood (not through hubs such as countries); "
                                             "an id, a name or an alias.")
@click.option("--depth", type=click.IntRange(0, 20), default=None, metavar="N",
              help="With --focus: how many links away from the entity to draw  [default: 1]")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="The language the page opens in (it has a switch).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings or the summary.")
@as_of_option
def viz_command(graph_dir: Path, output: Path | None, force: bool, focus: str | None, depth: int | None, lang: str,
                quiet: bool, as_of: str | None) -> None:
    """Write the explorer: entity pages with every fact's sources, a timeline, a map, indicator charts and the
    network, with search and filters by type, period and source; one file, offline."""
    from ..outputs.output_files import resolve_output, write_outputs
    from ..view.page import render_view

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus ID")
    # A focus view gets its own name, so it never overwrites the full view. --focus may be a name ("Ovidio Guzmán"):
    # one that is not a plain word names no file, so the -o check uses a stand-in until the name is resolved below.
    name = DEFAULT_VIEW.name
    if focus is not None:
        name = f"{EXPORT_NAME}-{focus if re.fullmatch(r'[A-Za-z0-9][A-Za-z0-9_.-]*', focus) else 'focus'}.html"
    # checked before the work, so a wrong -o costs nothing
    target = resolve_output(DEFAULT_OUT_DIR / name if output is None else output, name, "html", force=force)
    result = view_as_of(checked_graph(graph_dir, "no view written", shapes=True, quiet_warnings=quiet), as_of)
    if focus is not None:
        from ..query.lookup import EntityIndex

        # a name or alias as well as an id: the view itself takes the id
        focus = EntityIndex(result.model, result.vocab).resolve(focus, what="--focus").id
        if output is None:  # the default file is named after the id the name stands for
            target = resolve_output(DEFAULT_OUT_DIR / f"{EXPORT_NAME}-{focus}.html", name, "html", force=force)
    from ..history.release import read_release

    html = render_view(result.model, result.vocab, focus=focus, depth=1 if depth is None else depth, lang=lang,
                       as_of=as_of, release=read_release(graph_dir))
    data = html.encode("utf-8")
    write_outputs([(target, data)])
    if not quiet and target.path is not None:
        click.echo(f"wrote {target.shown} ({len(data) / 1024:.0f} KB); open it in a browser, no network needed", err=True)
