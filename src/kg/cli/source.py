"""`kg source scaffold`: a source's YAML (sections and paragraph counts) written from its plain text, so that no
curator counts paragraphs by hand; for a source already in the graph, what differs from its `sections:` and why."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.display import escape_controls
from ..core.errors import UserError
from .common import graph_option


@click.group("source")
def source_group() -> None:
    """Work with the graph's sources and their texts."""


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML) that keeps accents and curly quotes readable, with
    control characters and bidirectional marks as escapes (the output reaches a terminal)."""
    from ..curate.report import yaml_quoted

    return yaml_quoted(text)


@source_group.command("scaffold")
@click.argument("text", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "source_id", required=True, help="The source's id (a slug, e.g. shirk-2019).")
@click.option("--start", default=None, help="The line that begins the article (for a file holding several posts).")
@click.option("--end", default=None, help="The first line after the article.")
@click.option("-o", "--out", "out_file", default="-", show_default=True,
              help="Where to write the YAML: - for standard output, a file, or a folder (ID.yaml inside it).")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace an existing file that kg did not write.")
@graph_option
def scaffold_command(text: Path, source_id: str, start: str | None, end: str | None, out_file: str, force: bool,
                     graph_dir: Path) -> None:  # fmt: skip
    """Read an article's TEXT and print its source entity with `sections:` (headings found in the text, paragraph
    counts). When graph/texts.yaml maps --id to this file, its start/end markers are used. When the source is
    already in the graph, its section keys are kept and every difference from its `sections:` is listed on stderr.
    An existing file that kg did not write is not replaced without --force."""
    from ..check.citations import align_sections
    from ..check.source_texts import read_text_refs
    from ..core.names import SLUG_RE
    from ..core.problems import Problems
    from ..text.article import read_article_file

    if not SLUG_RE.match(source_id):
        raise UserError(f"--id `{source_id}` is not a slug (lower-case letters, digits, hyphens)")
    from ..outputs.output_files import resolve_output, write_outputs

    # checked before any work, so that a bad -o changes nothing and costs nothing
    target = resolve_output(out_file, f"{source_id}.yaml", "scaffold", force=force)
    side = Problems()
    ref = read_text_refs(graph_dir, side).get(source_id) if graph_dir.is_dir() else None
    if ref is not None and ref.file == text.name and start is None and end is None:
        start, end = ref.start, ref.end
    article = read_article_file(text, start=start, end=end)
    if not article.sections:
        raise UserError(f"{text}: no paragraphs found")

    existing = _existing_source(graph_dir, source_id)
    keys = [s.key for s in article.sections]
    headings = [s.heading or "(opening, no heading)" for s in article.sections]
    if existing is not None and existing.sections:
        mapping, notes = align_sections(existing.sections, article)
        by_text = {id(t): key for key, t in mapping.items()}
        for i, section in enumerate(article.sections):
            key = by_text.get(id(section))
            if key is not None:
                keys[i] = key
                curated = existing.sections[key].heading
                if curated.startswith("(") and curated.endswith(")"):
                    headings[i] = curated
        where = escape_controls(f"{existing.pos.file}:{existing.pos.line}")
        if notes:
            click.echo(f"`{source_id}` at {where}: {len(notes)} difference(s) from its sections:", err=True)
            for note in notes:
                click.echo(f"  {escape_controls(note)}", err=True)
        else:
            click.echo(f"`{source_id}` at {where}: the same sections and paragraph counts as the text", err=True)

    title = article.sections[0].heading or text.stem
    lines = [
        f"# Written by kg source scaffold from {escape_controls(text.name)}: check the headings and counts, then add labels, author,",
        "# publisher and dates, and move the entity into graph/sources.yaml.",
        f"- id: {source_id}",
        "  type: Article",
        f"  label: {{en: {_quoted(title)}}}",
        f"  title: {_quoted(title)}",
        f"  cite: {source_id} §{keys[0]} ¶1",
        "  sections:",
    ]
    for key, heading, section in zip(keys, headings, article.sections, strict=True):
        lines.append(f"    {key}: {{heading: {_quoted(heading)}, paragraphs: {len(section.paragraphs)}}}")
    output = "\n".join(lines) + "\n"
    written = write_outputs([(target, output.encode("utf-8"))])
    if target.path is not None:
        click.echo(escape_controls(f"wrote {written[0]}"), err=True)


def _existing_source(graph_dir: Path, source_id: str):
    """The source entity `source_id` as the graph has it, or None (no graph, or not in it)."""
    if not graph_dir.is_dir():
        return None
    from ..pipeline import check_graph

    result = check_graph(graph_dir, shapes=False)
    return result.model.entities.get(source_id)
