"""`kg match events` (which imported events may report events the graph already holds) and `kg match places`
(coordinates for the graph's places from the GeoNames gazetteer)."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.display import escape_controls
from ..core.problems import Problems
from .common import graph_option


@click.group("match")
def match_group() -> None:
    """Find what the graph holds twice (events reported by two sources) and where its places are."""


@match_group.command("events")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Lowest score proposed (default: the matcher's, 0.70).")
@click.option("--dry-run", is_flag=True, help="Print the proposals without adding them to the review file.")
@graph_option
def match_events_command(threshold: float | None, dry_run: bool, graph_dir: Path) -> None:
    """Compare each imported event (in GRAPH/imports/) with the graph's other events and propose likely matches in
    GRAPH/event-matches.yaml, with their scores and reasons. Nothing is merged: a curator accepts or rejects each
    proposal there, and the next import of the record applies an accepted one."""
    from ..importers.matching import THRESHOLD, best_matches, graph_records
    from ..importers.review import Review, read_review_file
    from ..outputs.output_files import check_target, write_outputs
    from .curate import checked_model, fail_on

    build = checked_model(graph_dir)
    problems = Problems()
    review = read_review_file(graph_dir, problems)
    fail_on(problems, str(review.path))
    imports = (graph_dir / "imports").resolve()

    def group_of(entity) -> str:
        path = Path(entity.pos.file).resolve()
        return str(path) if imports in path.parents else ""

    events = graph_records(build.model, build.vocab, group_of=group_of)
    records = [e for e in events if e.group]
    sources = {e.id: next((c.source for c in build.model.entities[e.id].citations), "") for e in records}
    found = best_matches(records, events, threshold=threshold if threshold is not None else THRESHOLD,
                         exclude=lambda r, e: review.rejected(r, e))
    for match in found:
        click.echo(escape_controls(f"{match.record.id} → {match.event.id} ({match.score:.2f})"))
        for reason in match.reasons:
            click.echo(escape_controls(f"    {reason}"))
        review.propose(Review(match.record.id, sources[match.record.id], match.event.id, match.score, match.reasons))
    click.echo(f"{len(found)} match(es) proposed among {len(records)} imported event(s) and {len(events)} in all",
               err=True)
    if dry_run or not found:
        return
    text = review.text()
    if review.path.exists() and review.path.read_text(encoding="utf-8") == text:
        click.echo(escape_controls(f"{review.path} is up to date"), err=True)
        return
    write_outputs([(check_target(review.path, "graph", force=True), text.encode("utf-8"))])
    click.echo(escape_controls(f"wrote {review.path}"), err=True)


@match_group.command("places")
@click.option("--all", "include_placed", is_flag=True, help="Also places that have coordinates (to compare).")
@graph_option
def match_places_command(include_placed: bool, graph_dir: Path) -> None:
    """For each municipality and locality without coordinates: the one GeoNames place of that name in the state the
    graph places it in, with the statements to add (cited to the gazetteer, `geonames`), or why there is none
    (several places of that name: ambiguous, left unplaced)."""
    from ..curate.place_coordinates import propose_coordinates
    from ..text.places import SOURCE_ID, load_places
    from .curate import checked_model

    build = checked_model(graph_dir)
    proposals = propose_coordinates(build.model, build.vocab, load_places(), include_placed=include_placed)
    placed = [p for p in proposals if p.place is not None]
    for proposal in proposals:
        head = f"{proposal.entity} ({proposal.kind}): {proposal.reason}"
        click.echo(escape_controls(head))
        if proposal.place is not None:
            click.echo(escape_controls(f"  {proposal.place.describe()}; the point of {proposal.precision}"))
            click.echo(escape_controls(proposal.statements_yaml(), keep_newlines=True))
    if SOURCE_ID not in build.model.entities and placed:
        click.echo(f"note: the graph has no `{SOURCE_ID}` source yet: add the gazetteer's source entity (see "
                   "docs/curation.md) before citing it", err=True)
    click.echo(f"{len(placed)} of {len(proposals)} place(s) found in the gazetteer without ambiguity", err=True)
