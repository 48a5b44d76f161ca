"""`kg validate`, `kg build` and `kg vocab`: checking the YAML, writing the exports, listing the vocabulary."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..core.errors import UserError
from ..pipeline import DEFAULT_OUT_DIR, BuildResult, PendingChecks, check_graph, start_checks
from .common import GraphHasErrors, fail_if_errors, graph_option, report, require_graph_dir
from .progress import progress


def summary(result: BuildResult) -> str:
    stats = result.stats  # the compiled graph's counts, kept with the build: the graph itself is not needed
    assert stats is not None
    by_type = ", ".join(f"{n} {t}" for t, n in sorted(stats.entity_types.items(), key=lambda kv: (-kv[1], kv[0])))
    share = 100.0 * stats.cited / stats.statements if stats.statements else 100.0
    located = 100.0 * stats.located / stats.statements if stats.statements else 100.0
    return (
        f"{sum(stats.entity_types.values())} entities ({by_type})\n"
        f"{stats.statements} statements, {share:.0f}% cited, {located:.0f}% with a section and paragraph\n"
        f"{stats.triples} triples"
    )


@click.command("validate")
@graph_option
@click.option("--no-shapes", is_flag=True, help="Skip SHACL validation (faster on very large graphs).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
@click.option(
    "--texts",
    "texts_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of the articles' texts (mapped by graph/texts.yaml): check that each cited paragraph supports "
    "its statement.",
)
def validate_command(graph_dir: Path, no_shapes: bool, quiet: bool, texts_dir: Path | None) -> None:
    """Check the YAML; report every problem as path:line:col. Exit 1 on any error."""
    require_graph_dir(graph_dir)
    with progress(1) as bar:
        bar.step("reading and checking")
        result = check_graph(graph_dir, shapes=not no_shapes)
    citation_report = None
    if texts_dir is not None and not result.problems.errors:
        from ..check.citations import check_citations

        citation_report = check_citations(graph_dir, texts_dir, result.model, result.vocab, result.problems)
    report(result.problems, quiet_warnings=quiet)
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    if errors:
        raise GraphHasErrors(f"{errors} error(s), {warnings} warning(s)")
    if citation_report is not None:
        click.echo(citation_report.summary(), err=True)
    click.echo(f"ok: {result.entity_count} entities, 0 errors, {warnings} warning(s)", err=True)


@click.command("build")
@graph_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT_DIR,
    show_default=True,
    help="Directory for the exports.",
)
@click.option("--force", is_flag=True, help="Replace mxsec.* files in --out even if kg did not write them.")
@click.option("--no-shapes", is_flag=True, help="Skip SHACL validation (faster on very large graphs).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings or the summary.")
def build_command(graph_dir: Path, out_dir: Path, force: bool, no_shapes: bool, quiet: bool) -> None:
    """Validate, then write Turtle, N-Triples and JSON-LD to --out. On any error no file changes."""
    from ..history.release import read_release, release_lines
    from ..outputs.formats import build_formats
    from ..outputs.output_files import OutputError, check_target
    from ..outputs.spliced import write_build_exports

    started = time.perf_counter()
    require_graph_dir(graph_dir)
    with progress(1) as bar:
        bar.step("reading and checking")
        pending = start_checks(graph_dir, shapes=not no_shapes)
    # SHACL may still be running (in a thread): the exports are written into their staging folder meanwhile, and
    # replace the old ones only if the shapes hold. What is reported, and when a build stops, is as if it had waited.
    checked = _CheckedOnce(pending, out_dir, quiet)
    if not pending.result.ok:
        checked.report()
    try:  # a curator's own file of the same name is never replaced without --force
        for fmt in build_formats():
            for name in fmt.files:
                if (out_dir / name).exists() or (out_dir / name).is_symlink():
                    check_target(out_dir / name, fmt.kind, force=force)
    except OutputError:
        checked.report()
        raise
    try:
        with progress(1) as bar:
            bar.step("writing the exports")
            release = read_release(graph_dir)
            written = write_build_exports(pending.result, out_dir, before_swap=checked.require_ok,
                                          stamp=release_lines(release) if release is not None else [])
    except _ShapesFailed:
        checked.report()
    except OSError as exc:
        checked.report()
        why = exc.strerror or str(exc)
        raise UserError(f"cannot write {out_dir}/: {why}; the previous exports are unchanged") from None
    result = checked.report()
    if not quiet:
        click.echo(summary(result), err=True)
        click.echo(f"wrote {', '.join(str(p) for p in written)} in {time.perf_counter() - started:.2f} s", err=True)


class _ShapesFailed(Exception):
    """SHACL found errors while the exports were being written: they must not replace the old ones."""


class _CheckedOnce:
    """The build's checks, reported once they have all finished (SHACL included), whichever way the build ends."""

    def __init__(self, pending: PendingChecks, out_dir: Path, quiet: bool):
        self.pending, self.out_dir, self.quiet = pending, out_dir, quiet
        self.reported = False

    def require_ok(self) -> None:
        """Wait for SHACL; raise _ShapesFailed if anything found an error (the exports then stay as they were)."""
        if not self.pending.wait().ok:
            raise _ShapesFailed

    def report(self) -> BuildResult:
        """Every problem on stderr (once); with any error, stop saying that nothing was written."""
        result = self.pending.wait()
        fail_if_errors(result, f"nothing written to {self.out_dir}/", show=not self.reported,
                       quiet_warnings=self.quiet)
        self.reported = True
        return result


@click.command("vocab")
def vocab_command() -> None:
    """List the types, properties, qualifiers and concept values the YAML may use."""
    from ..outputs.vocabulary_doc import vocabulary_markdown

    click.echo(vocabulary_markdown())
