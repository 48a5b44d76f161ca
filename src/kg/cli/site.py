"""`kg site DIR`: the static site — a page per entity at the path of its IRI, a page per source, indexes, search, the
dumps and the explorer — for any static host and for `file://`, written all or nothing."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .common import checked_graph, graph_option

DEFAULT_SITE_DIR = Path("site")


def _check_base_url(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not value.startswith(("https://", "http://")) or any(c.isspace() or c in "\"'<>" for c in value):
        raise click.BadParameter("give the site's address as http(s)://host/path/")
    return value if value.endswith("/") else value + "/"


@click.command("site")
@click.argument("out_dir", metavar="DIR", required=False, type=click.Path(file_okay=False, path_type=Path),
                default=DEFAULT_SITE_DIR)
@graph_option
@click.option("--base-url", default="https://w3id.org/mxsec/", show_default=True, callback=_check_base_url,
              help="Where the site will be published: the sitemap's and canonical links' addresses start with it. "
                   "The default is the IRIs' base, so each entity's page is at its IRI.")
@click.option("--no-explorer", is_flag=True, help="Leave the explorer out (it takes minutes at tens of thousands of "
                                                 "entities).")
@click.option("--no-history", is_flag=True, help="Leave out each entity's history in git (first recorded, last "
                                                "changed, every change), read once from the graph's repository.")
@click.option("--library", "library_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory of named queries shown as SPARQL examples  [default: queries]")
@click.option("--force", is_flag=True, help="Replace DIR even if it is not a site kg wrote (its files are lost).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings or the summary.")
def site_command(out_dir: Path, graph_dir: Path, base_url: str, no_explorer: bool, no_history: bool,
                 library_dir: Path | None, force: bool, quiet: bool) -> None:
    """Write the static site into DIR (default: site/): every entity's page at the path of its IRI
    (id/<slug>/index.html, in Spanish index.es.html, its triples as index.ttl and index.jsonld), a page per source,
    indexes by type, case and year, a home page, search, the dumps and the explorer. Nothing is loaded from another
    origin: it reads the same from any static host and from file://. DIR is replaced all at once."""
    from ..outputs.output_files import check_owned_folder
    from ..query.library import DEFAULT_LIBRARY_DIR, load_library
    from ..site import QueryExample, SiteInputs, build_site, read_history
    from ..site.build import MARK, WHAT
    from .progress import on_terminal

    started = time.perf_counter()
    check_owned_folder(out_dir, MARK, WHAT, force=force)  # before the work: a wrong DIR costs nothing
    result = checked_graph(graph_dir, f"no site written to {out_dir}/", shapes=True, quiet_warnings=quiet)
    # Only the site keeps the compiled graph, so that it can let go of it once the dumps are written.
    model, vocab, compiled = result.model, result.vocab, result.compiled
    del result
    library = library_dir or DEFAULT_LIBRARY_DIR
    queries = [QueryExample.of(q) for q in load_library(library).values()] \
        if library.is_dir() or library_dir is not None else []
    explorer = None
    if not no_explorer:
        from ..site.paths import EXPLORER_ENTITY_PAGE
        from ..view.page import render_view

        explorer = render_view(model, vocab, entity_page=EXPLORER_ENTITY_PAGE)
    history = None
    if not no_history:
        history = read_history(graph_dir)
        if history.unavailable is not None and not quiet:
            click.echo(f"kg site: warning: the pages say there is no history: {history.reason}", err=True)
    inputs = SiteInputs(model, vocab, compiled, explorer_html=explorer, queries=queries, base_url=base_url,
                        history=history)
    del compiled
    if on_terminal():
        import sys

        total = len(model.entities)
        with click.progressbar(length=total, file=sys.stderr, label="writing pages".ljust(24),
                               show_eta=True, show_percent=True) as bar:
            last = [0]

            def advance(done: int, _total: int) -> None:
                bar.update(done - last[0])
                last[0] = done

            summary = build_site(inputs, out_dir, force=force, progress=advance)
    else:
        summary = build_site(inputs, out_dir, force=force)
    if not quiet:
        seconds = time.perf_counter() - started
        click.echo(f"wrote {out_dir}/: {summary.entities} entities, {summary.pages} pages, {summary.files} files, "
                   f"{summary.bytes / 1e6:.1f} MB in {seconds:.1f} s; open {out_dir}/index.html, or publish the "
                   "folder on any static host", err=True)
