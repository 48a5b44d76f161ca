"""The --as-of option that `kg query`, `kg show`, `kg viz` and `kg export` share: the graph as the published record
stood on a day (kg.history.as_of), said on stderr so that no one mistakes it for the whole graph."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..pipeline import BuildResult


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from ..history.as_of import BadDate, parse_day

    try:
        return parse_day(value)
    except BadDate as exc:
        raise click.BadParameter(str(exc).removeprefix("--as-of "), ctx, param) from None


as_of_option = click.option(
    "--as-of", "as_of", metavar="DATE", callback=_day, default=None,
    help="Only what sources had published on or before DATE (YYYY-MM-DD; a month or year: its last day). This is "
         "when it was published, not when it happened. Curator knowledge and undated sources stay only as context "
         "of what the dated sources had named by then.")


def view_as_of(result: BuildResult, day: str | None) -> BuildResult:
    """The build as known on `day` (unchanged without one), the view it shows said on stderr."""
    if day is None:
        return result
    from ..history.as_of import as_of_build

    view, summary = as_of_build(result, day)
    click.echo(f"kg: {summary.text()}", err=True)
    view.as_of = summary  # type: ignore[attr-defined] - what kg show says of an entity not yet known
    return view


def resolve_known(full: BuildResult, view: BuildResult, name: str):  # noqa: ANN201 - the lookup's Entity
    """The entity a name gives in the whole graph, refused (saying since when it is known) if the view lacks it."""
    from ..history.as_of import require_known
    from ..query.lookup import EntityIndex

    entity = EntityIndex(full.model, full.vocab).resolve(name)
    summary = getattr(view, "as_of", None)
    if summary is not None:
        require_known(summary, entity.id, entity.labels.get("en") or entity.id)
    return entity
