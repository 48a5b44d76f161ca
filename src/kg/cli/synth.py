"""`kg synth`: write a synthetic corpus in the project's YAML format, for benchmarks and scale tests."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.errors import UserError


@click.command("synth")
@click.option("--entities", "-n", type=click.IntRange(min=50), required=True, help="How many entities to write.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed writes byte-identical files.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory to write the YAML into (new, or without YAML files).",
)
def synth_command(entities: int, seed: int, out_dir: Path) -> None:
    """Write a valid synthetic graph: people, organisations, places, events, laws, indicators, sources."""
    from ..load.reader import graph_files
    from ..synth.synthesizer import synthesize, write_corpus

    if out_dir.exists() and graph_files(out_dir):
        raise UserError(f"{out_dir}/ already holds YAML files; give a new or empty directory")
    from .progress import progress

    try:
        with progress(2) as bar:
            bar.step("making the entities")
            files = synthesize(entities, seed)
            bar.step("writing the YAML")
            written = write_corpus(files, out_dir)
    except OSError as exc:
        raise UserError(f"cannot write under {out_dir}/: {exc.strerror or exc}") from None
    click.echo(f"wrote {entities} entities (seed {seed}) in {len(written)} files under {out_dir}/", err=True)
