"""`kg diff`: what changed between two versions of the graph, statement by statement, with citations."""

from __future__ import annotations

from pathlib import Path

import click

from .common import graph_option


@click.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--format", "fmt", type=click.Choice(("text", "markdown", "json", "atom")), default="text",
              show_default=True, help="text (terminal), markdown (a changelog), json, or atom (a feed).")
@click.option("--lang", type=click.Choice(("en", "es")), default="en", show_default=True,
              help="The language of names and labels.")
@graph_option
def diff_command(old: str | None, new: str | None, fmt: str, lang: str, graph_dir: Path) -> None:
    """Statements added, removed and changed between two versions of the graph, grouped by entity, each with its
    citations; a changed value, date or qualifier is one change, and renamed ids are followed.

    OLD and NEW are git revisions of the repository that holds --graph (a tag, a branch, a commit, HEAD~2), folders
    of YAML, or export folders (holding mxsec.nt). By default OLD is the last tag (or HEAD~1) and NEW the working
    tree. Dates come from the commits (or graph/release.yaml), never from the clock.
    """
    from ..core.writing import write_stdout
    from ..history.diff import diff_versions
    from ..history.reading import read_pair
    from ..history.render import RENDERERS, counts_line
    from ..history.versions import Repository, resolve_version

    repository = Repository.around(graph_dir)
    old_version = resolve_version(old, graph_dir, repository, role="old")
    new_version = resolve_version(new, graph_dir, repository, role="new")
    old_read, new_read = read_pair(old_version, new_version)
    diff = diff_versions(old_read, new_read)
    write_stdout(RENDERERS[fmt](diff, lang).encode("utf-8"))
    if fmt != "text":
        click.echo(f"{old_version.label} → {new_version.label}: {counts_line(diff)}", err=True)
