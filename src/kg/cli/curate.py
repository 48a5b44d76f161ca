"""`kg import acled|sesnsp` (datasets → cited YAML) and `kg mentions` (an article → the graph's entities it names).

Loaded by kg.cli (its last lines register these commands); import kg.cli, not this module, first.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from ..core.display import escape_controls
from ..core.errors import UserError
from ..core.names import SLUG_RE
from ..core.problems import Problems
from .common import GraphHasErrors, checked_graph, graph_option, report

T = TypeVar("T")

no_shapes_option = click.option(
    "--no-shapes", is_flag=True,
    help="Check what the import writes without the SHACL shapes (faster for large imports; `kg validate` runs them).",
)
out_option = click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder to write the YAML file into (default: imports/ inside the graph folder).",
)


def progress_for(label: str) -> Callable[[Iterable[T]], Iterator[T]] | None:
    """A progress bar on stderr when stderr is a terminal; None (no output) when it is a file or a pipe."""
    if not sys.stderr.isatty():
        return None

    def wrap(items: Iterable[T]) -> Iterator[T]:
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


def fail_on(problems: Problems, what: str) -> None:
    """Print the problems; with any error, stop saying that nothing was written."""
    report(problems, quiet_warnings=True)
    if problems.errors:
        raise GraphHasErrors(f"{len(problems.errors)} error(s) in {what}: nothing written")


def checked_model(graph_dir: Path):
    """The graph the import reconciles against (checked without SHACL shapes); stop if it has errors."""
    return checked_graph(graph_dir, f"in {graph_dir}/ (fix the graph first: kg validate): nothing written")


def check_import_target(target: Path) -> None:
    """Refuse, before any work, a target the import must not write: a file kg did not write, a folder that cannot
    be made (only the last level of --out is made, as `graph/imports/` on a first import)."""
    from ..outputs.output_files import OutputError, check_target

    folder = target.parent
    if not folder.exists():
        if not folder.parent.is_dir():
            raise OutputError(f"cannot write {target}: the folder {folder.parent} does not exist")
        return  # a new folder: nothing in it to protect
    check_target(target, "dataset import")


def write_result(result, noun: str) -> None:
    """Write the merged file, and the other files the import changes (the events accepted matches add to, the review
    file), unless none changed; say what changed."""
    from ..outputs.output_files import OutputError, check_target, write_outputs

    if not result.changed:
        click.echo(escape_controls(f"{result.target} is up to date: {result.summary(noun)}"), err=True)
        return
    try:
        result.target.parent.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {result.target}: {exc.strerror or exc}") from None
    planned = [(check_target(result.target, "dataset import"), result.text.encode("utf-8"))]
    # A graph file an accepted match adds to, and the review file, are the curators' own: written on purpose
    # (only the event's block changes), after the whole graph was checked with them in memory.
    planned += [(check_target(path, "graph", force=True), text.encode("utf-8"))
                for path, text in sorted(result.others.items())]
    write_outputs(planned)
    click.echo(escape_controls(f"wrote {result.target}: {result.summary(noun)}"), err=True)
    for path in sorted(result.others):
        click.echo(escape_controls(f"wrote {path}"), err=True)


def run_import(csv_file: Path, records: list, problems: Problems, target: Path, graph_dir: Path, do_import,
               source_id: str, what: str, noun: str, *, shapes: bool = True, **options) -> None:
    """The steps every import shares once its file is read: stop on bad rows, protect the target, merge the records
    into the graph's YAML and write it all or nothing."""
    from ..importers.check_import import check_import
    from ..importers.merge import ImportCollision

    fail_on(problems, str(csv_file))
    check_import_target(target)
    build = checked_model(graph_dir)
    try:
        result = do_import(csv_file, records, build.model, build.vocab, target, source_id=source_id,
                           progress=progress_for(f"importing {what}"), **options)
    except ImportCollision as exc:
        if exc.problems:
            fail_on(Problems(exc.problems), str(csv_file))
        raise UserError(f"{exc}: nothing written") from None
    if result.changed:
        # The graph as it would be after the import, read and checked in memory before anything is written.
        after = check_import(result, build.model, build.vocab, shapes=shapes)
        fail_on(after, f"the graph as the import would leave it ({result.target} checked in memory)")
    write_result(result, noun)


def source_id_option(default: str):
    def check(ctx, param, value: str) -> str:
        if not SLUG_RE.match(value):
            raise click.BadParameter("use lower-case letters, digits and single hyphens, e.g. `acled-data`")
        return value

    return click.option("--source-id", default=default, show_default=True, callback=check,
                        help="Id of the dataset's source entity; also the name of the YAML file written.")


@click.group("import")
def import_group() -> None:
    """Bring a dataset into the graph as cited YAML (ACLED events, SESNSP crime tables).

    The YAML goes to one file per dataset (`--out`, default GRAPH/imports/); re-importing the same file changes
    nothing, and a newer export updates what changed and keeps what it does not repeat. Bad input is reported as
    file:line:column and nothing is written; so is an import that would leave a graph that does not validate (the
    graph with the new file is read and checked in memory first).
    """


@import_group.command("acled")
@click.argument("csv_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@out_option
@source_id_option("acled-data")
@no_shapes_option
@click.option("--no-match", "match", flag_value=False, default=True,
              help="Do not compare the rows with the graph's events (no proposals; accepted matches not applied).")
@graph_option
def import_acled_command(csv_file: Path, out_dir: Path | None, source_id: str, no_shapes: bool, match: bool,
                         graph_dir: Path) -> None:
    """An ACLED export (CSV in ACLED's 31-column layout) → incidents, places and actors, cited to each row.

    Each row is compared with the graph's events (date, place, type, actors, toll): likely matches are proposed in
    GRAPH/event-matches.yaml with their score and reasons, never merged. A row whose match a curator accepted there
    becomes statements of that event (cited to the row) instead of an incident of its own."""
    from ..importers.acled import import_acled, read_acled
    from ..importers.review import read_review_file

    problems = Problems()
    events = read_acled(csv_file, problems)
    target = (out_dir or graph_dir / "imports") / f"{source_id}.yaml"
    review = read_review_file(graph_dir, problems) if match else None
    run_import(csv_file, events, problems, target, graph_dir, import_acled, source_id, "ACLED events", "incident",
               shapes=not no_shapes, review=review, match=match)
    if match and review is not None:
        pending = [r for r in review.entries.values() if r.decision == "pending" and r.source == source_id]
        if pending:
            click.echo(f"{len(pending)} match(es) to review in {escape_controls(str(review.path))}:", err=True)
            for entry in sorted(pending, key=lambda r: r.record):
                click.echo(escape_controls(f"  {entry.record} → {entry.event} ({entry.score:.2f}): "
                                           + "; ".join(entry.reasons)), err=True)


@import_group.command("sesnsp")
@click.argument("csv_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@out_option
@click.option("--source-id", default=None, metavar="ID",
              help="Id of the file's source entity (default: sesnsp- and the file's name as an id).")
@no_shapes_option
@graph_option
def import_sesnsp_command(csv_file: Path, out_dir: Path | None, source_id: str | None, no_shapes: bool,
                          graph_dir: Path) -> None:
    """A SESNSP crime-incidence table (state or municipal layout) → monthly observations, cited to the file.

    Writes GRAPH/imports/sesnsp.yaml (or --out/sesnsp.yaml): the crime indicators (linked to SESNSP's crime types),
    the observations by state or municipality and month, and any place the graph lacks. Blank months are no data.
    """
    from ..importers.sesnsp import import_sesnsp, read_sesnsp
    from ..importers.yamlwriter import slug
    from ..load.vocabulary import load_vocabulary

    source_id = source_id or f"sesnsp-{slug(csv_file.stem)}".replace("sesnsp-sesnsp-", "sesnsp-")
    if not SLUG_RE.match(source_id):
        raise click.BadParameter("use lower-case letters, digits and single hyphens", param_hint="--source-id")
    problems = Problems()
    rows = read_sesnsp(csv_file, load_vocabulary(), problems)
    target = (out_dir or graph_dir / "imports") / "sesnsp.yaml"
    run_import(csv_file, rows, problems, target, graph_dir, import_sesnsp, source_id, "SESNSP rows", "observation",
               shapes=not no_shapes)


@click.command("mentions")
@click.argument("article", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--source", "source_id", metavar="ID",
              help="The article's source id: citations use its section names (e.g. `shirk-2019 §dilemma ¶2`).")
@click.option("--yaml", "as_yaml", is_flag=True, help="Print a YAML draft (new entities, citations, TODOs).")
@click.option("--start", metavar="LINE", help="First line of the article in the text (a file holding several posts).")
@click.option("--end", metavar="LINE", help="First line after the article (dropped).")
@graph_option
def mentions_command(article: Path, source_id: str | None, as_yaml: bool, start: str | None, end: str | None,
                     graph_dir: Path) -> None:
    """For each paragraph of a plain-text article (English or Spanish): the graph's entities it names, names the
    graph does not hold, and its numbers and dates. Paragraphs are counted as the citation checks count them."""
    from ..core.writing import write_stdout
    from ..curate.gazetteer import build_gazetteer
    from ..curate.mentions import find_mentions
    from ..curate.report import draft_yaml, mentions_text
    from ..text.article import read_article_file

    if source_id is not None and not SLUG_RE.match(source_id):
        raise click.BadParameter("use lower-case letters, digits and single hyphens", param_hint="--source")
    text = read_article_file(article, start=start, end=end)
    build = checked_model(graph_dir)
    source = build.model.entities.get(source_id) if source_id else None
    if source is not None and not build.vocab.is_a(source.type, "Source"):
        raise UserError(f"`{source_id}` is a {source.type}, not a source")
    gazetteer = build_gazetteer(build.model, build.vocab)
    results = find_mentions(text, build.model, build.vocab, source=source, gazetteer=gazetteer)
    if as_yaml:
        output = draft_yaml(text, results, source_id, source is not None, set(build.model.entities), article.name)
    else:
        output = mentions_text(article.name, results, gazetteer, source_id)
    write_stdout(output.encode("utf-8"))
