"""`kg show NAME` (one entity, every statement with its sources) and `kg find TEXT` (entities whose names or
descriptions match), both taking names as people write them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..outputs.rows import format_option, raw_option, wide_option
from .as_of import as_of_option, resolve_known, view_as_of
from .common import checked_graph, graph_option


def _load(graph_dir: Path):
    return checked_graph(graph_dir, f"in {graph_dir}/: fix them first (kg validate)")


@click.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text (for a terminal) or json.")
@click.option("--lang", type=click.Choice(("en", "es")), default="en", show_default=True,
              help="The language of property, type and value labels.")
@graph_option
@as_of_option
def show_command(name: str, fmt: str, lang: str, graph_dir: Path, as_of: str | None) -> None:
    """Everything the graph says about one entity: names, type, description, and every statement grouped by property,
    each with its sources (section and paragraph); a source's errors and values that differ between sources are
    marked.

    NAME is an id, or a label or alias in English or Spanish (accents and case do not matter).
    """
    from ..analysis.profile import entity_profile, profile_text
    from ..core.writing import write_stdout
    from ..query.lookup import EntityIndex

    full = _load(graph_dir)
    result = view_as_of(full, as_of)
    entity = resolve_known(full, result, name) if as_of else EntityIndex(result.model, result.vocab).resolve(name)
    profile = entity_profile(result.model, result.vocab, entity.id, lang)
    if fmt == "json":
        text = json.dumps(profile, ensure_ascii=False, indent=2) + "\n"
    else:
        text = profile_text(profile)
    write_stdout(text.encode("utf-8"))


@click.command("find")
@click.argument("text", nargs=-1, required=True)
@click.option("--type", "types", multiple=True, metavar="CLASS",
              help="Only entities of this class or its subclasses (e.g. Person, Place, Event). Repeatable.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many to list.")
@format_option
@raw_option
@wide_option
@graph_option
def find_command(text: tuple[str, ...], types: tuple[str, ...], limit: int, fmt: str, raw: bool, wide: bool,
                 graph_dir: Path) -> None:
    """Entities whose names, aliases or descriptions contain TEXT (every word; accents and case do not matter),
    best first: exact names, then names starting with it, then names holding it, then descriptions."""
    from ..analysis.profile import printable
    from ..core.problems import did_you_mean
    from ..core.writing import write_stdout
    from ..outputs.rows import render_rows
    from ..query.lookup import EntityIndex

    result = _load(graph_dir)
    for cls in types:
        if cls not in result.vocab.classes:
            raise click.BadParameter(f"no class `{cls}`{did_you_mean(cls, result.vocab.classes)}",
                                     param_hint="--type")
    index = EntityIndex(result.model, result.vocab)
    query = " ".join(text)
    matches = index.search(query, classes=types, limit=None)
    shown = matches[:limit]
    how = {4.0: "name", 3.0: "name starts", 2.5: "in name", 2.0: "words in name", 1.0: "description"}
    rows = [[m.entity.id, index.label(m.entity.id), m.entity.type, how.get(m.score, ""), m.matched]
            for m in shown]
    if fmt == "table":
        rows = [[printable(c if len(c) <= 60 else c[:59].rstrip() + "…") for c in row] for row in rows]
    write_stdout(render_rows(["id", "label", "type", "match", "matched"], rows, fmt, raw, wide).encode("utf-8"))
    more = f"; the first {len(shown)} shown, --limit for more" if len(matches) > len(shown) else ""
    click.echo(f"({len(matches)} match{'es' if len(matches) != 1 else ''}{more})", err=True)
    if not matches:
        sys.exit(1)
