"""`kg stats`, `kg path` and `kg export`: network analysis and graph files, all from the one NetworkX projection."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..core.display import escape_controls
from ..core.writing import write_stdout
from ..pipeline import BuildResult
from .as_of import as_of_option, view_as_of
from .common import checked_graph, graph_option


def _format_names() -> list[str]:
    from ..outputs.formats import registry

    return list(registry())


include_sources_option = click.option(
    "--include-sources", is_flag=True,
    help="Also make source documents nodes (with their authors, publishers and references).",
)


def load(graph_dir: Path, *, shapes: bool) -> BuildResult:
    """The checked graph; on any error, the problems on stderr and exit 1 (nothing is analysed or written)."""
    return checked_graph(graph_dir, f"in {graph_dir}/: fix them first (kg validate)", shapes=shapes)


@click.command("stats")
@graph_option
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="table (for a terminal) or json.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many entries each ranking lists.")
def stats_command(graph_dir: Path, fmt: str, top: int) -> None:
    """Counts by type and predicate, sourcing, centrality, components, communities and the most-cited sources."""
    from ..analysis.stats import graph_stats, stats_text
    from ..outputs.projection import project

    result = load(graph_dir, shapes=False)
    figures = graph_stats(result.model, result.vocab, project(result.model, result.vocab), top=top)
    if fmt == "json":
        text = json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
    else:
        text = escape_controls(stats_text(figures), keep_newlines=True)
    write_stdout(text.encode("utf-8"))


@click.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--max", "limit", type=click.IntRange(min=1), default=3, show_default=True,
              help="How many paths to show, shortest first.")
@click.option("--avoid", multiple=True, metavar="ENTITY",
              help="Leave this entity out of the search (e.g. `mexico`, which every place lies in). Repeatable.")
@include_sources_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text (sentences) or json.")
@graph_option
def path_command(a: str, b: str, limit: int, avoid: tuple[str, ...], include_sources: bool, fmt: str,
                 graph_dir: Path) -> None:
    """How A and B are connected: the shortest chains of statements, each told as a sentence with its sources.

    A and B are entity ids (`ovidio-guzman`), or a label or alias written out (accents and case do not matter).
    """
    from ..analysis.paths import PathError, path_json, path_text, shortest_connections
    from ..outputs.projection import project
    from ..query.lookup import EntityIndex

    result = load(graph_dir, shapes=False)
    graph = project(result.model, result.vocab, include_sources=include_sources)
    index = EntityIndex(result.model, result.vocab)

    def node(name: str) -> str:
        entity = index.resolve(name)
        if entity.id not in graph:
            if result.vocab.is_a(entity.type, "Source"):
                raise PathError(f"`{name}` is a source document; add --include-sources to walk through sources")
            raise PathError(f"`{name}` ({entity.id}) is linked to no other entity by a statement")
        return entity.id

    source, target = node(a), node(b)
    avoided = [node(name) for name in avoid]
    paths = shortest_connections(graph, result.vocab, source, target, limit=limit, avoid=avoided)
    if fmt == "json":
        text = json.dumps(path_json(paths), ensure_ascii=False, indent=2) + "\n"
    else:
        text = escape_controls(path_text(graph, paths), keep_newlines=True)
    write_stdout(text.encode("utf-8"))


def _format_help() -> str:
    from ..outputs.formats import registry

    return "; ".join(f"{f.name}: {f.description}" for f in registry().values()) + "."


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(_format_names()), required=True, help=_format_help())
@click.option("-o", "--output", default="-", show_default=True, metavar="PATH",
              help="File to write (`-`: stdout), or an existing directory to write mxsec.<format> into; "
                   "for csv, the directory that receives nodes.csv and edges.csv.")
@click.option("--force", is_flag=True, help="Replace output files even if kg did not write them.")
@include_sources_option
@click.option("--no-shapes", is_flag=True, help="Skip SHACL validation (faster on very large graphs).")
@click.option("--raw", is_flag=True,
              help="csv, acled: write every value exactly; by default a cell a spreadsheet would run as a formula "
                   "(=, +, -, @) gets a leading '.")
@graph_option
@as_of_option
def export_command(fmt: str, output: str, force: bool, include_sources: bool, no_shapes: bool, raw: bool,
                   graph_dir: Path, as_of: str | None) -> None:
    """Write the graph for other tools: GraphML/GEXF/CSV/xlsx from the network projection, the RDF of `kg build`, or
    the incidents in ACLED's layout (every format of kg.outputs.formats).

    On any error in the graph nothing is written.
    """
    from ..outputs.formats import ExportInputs, export_format, registry
    from ..outputs.output_files import resolve_folder, resolve_output, write_outputs

    chosen = export_format(fmt)
    if chosen.folder and output == "-":
        raise click.UsageError(f"{fmt} writes {len(chosen.files)} files ({' and '.join(chosen.files)}): "
                               "give -o DIRECTORY")
    if include_sources and not chosen.network:
        takes = ", ".join(f.name for f in registry().values() if f.network)
        rdf = "; the RDF always has the sources" if chosen.build_rank is not None else ""
        raise click.UsageError(f"--include-sources applies to {takes}{rdf}")
    if raw and not chosen.spreadsheet:
        takes = ", ".join(f.name for f in registry().values() if f.spreadsheet)
        raise click.UsageError(f"--raw applies to {takes} (the cells a spreadsheet would read as formulas)")
    if chosen.binary and output == "-" and sys.stdout.isatty():
        raise click.UsageError(f"{fmt} is a binary file: give -o FILE{Path(chosen.files[0]).suffix} (or redirect "
                               "stdout)")
    # checked before the work, so a wrong -o costs nothing
    if chosen.folder:
        targets = resolve_folder(output, chosen.files, chosen.kind, force=force)
    else:
        targets = [resolve_output(output, chosen.files[0], chosen.kind, force=force)]
    result = view_as_of(load(graph_dir, shapes=not no_shapes), as_of)
    from ..history.release import read_release, stamped

    inputs = ExportInputs(result.model, result.vocab, stamped(result.compiled, read_release(graph_dir)),
                          include_sources=include_sources, raw=raw)
    files = chosen.render(inputs)
    written = write_outputs(zip(targets, (b"".join(files[name]) for name in chosen.files), strict=True))
    if output == "-":
        return
    graph = inputs.drawn
    what = f" ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)" if graph is not None else ""
    click.echo(f"wrote {', '.join(str(p) for p in written)}{what}", err=True)
