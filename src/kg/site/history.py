"""An entity page's "History" section and "Relations by year" strip.

The history is read once per site build from the git repository holding the graph folder
(`kg.history.entity_history.graph_history`: one diff per commit that touched it) and shown per entity: when it was
first recorded, when it last changed, and each change, statement by statement, in the words of `kg diff`
(`kg.history.render`). When there is no history to read (no repository, no git, an unreadable commit) the section says
so and guesses nothing.

The strip is drawn at build time as SVG (no script): a row per dated relation, a cell per year — in force (solid),
known only to the year (hatched, with a "?"), not in force (empty) — inside a box that scrolls sideways on a phone,
and the same as text beneath it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..history.entity_history import EntityEvent, EntityHistory, RelationInYear, graph_history, uncommitted_entities
from ..history.render import change_summary, field_summary
from . import strings

EVENT_LINES = 40  # statement lines listed under one change; the rest are counted
STRIP_ROWS = 40  # relations drawn in the strip; the rest are counted
CELL = 16  # a year's cell, in pixels
ROW = 16
LABEL = 170  # the relation's name, left of the cells
TOP = 18  # the years, over the cells


@dataclass
class SiteHistory:
    """Every entity's history, read once for the whole site; `unavailable` says why there is none (a key of
    strings.STRINGS: history_no_git, history_not_in_git, history_unreadable) and `reason` the details, for the
    terminal (never on a page: it may name local paths)."""

    entities: dict[str, EntityHistory] = field(default_factory=dict)
    uncommitted: frozenset[str] = frozenset()
    unavailable: str | None = None
    reason: str = ""


def read_history(graph_dir: Path) -> SiteHistory:
    """The history of every entity of the graph folder's repository, or why there is none. Never raises."""
    from ..history.versions import Repository

    if shutil.which("git") is None:
        return SiteHistory(unavailable="history_no_git", reason="git is not installed")
    if Repository.around(graph_dir) is None:
        return SiteHistory(unavailable="history_not_in_git", reason=f"{graph_dir}/ is not in a git repository")
    try:
        entities = graph_history(graph_dir)
    except Exception as exc:  # noqa: BLE001 - a site without history is better than no site; the terminal says why
        return SiteHistory(unavailable="history_unreadable", reason=f"{type(exc).__name__}: {exc}")
    try:
        uncommitted = frozenset(uncommitted_entities(graph_dir))
    except Exception:  # noqa: BLE001 - only the "changed since the last commit" line is lost
        uncommitted = frozenset()
    return SiteHistory(entities, uncommitted)


def _commit(commit, lang: str) -> dict:  # noqa: ANN001 - kg.history.entity_history.Commit
    return {"date": strings.date_text(commit.date[:10], lang), "iso": commit.date, "subject": commit.subject,
            "hash": commit.hash[:7]}


def _lines(event: EntityEvent, lang: str) -> tuple[list[dict], int]:
    """What one commit changed in the entity, one line per statement or field (`kg diff`'s words)."""
    change = event.change
    if change.status != "changed" or event.diff is None:
        return [], 0
    lines = [{"sign": "~", "kind": "changed", "said": strings.text("change_changed", lang), "text": field_summary(f, lang)}
             for f in change.fields]
    lines += [{"sign": {"added": "+", "removed": "−", "changed": "~"}[fact.change], "kind": fact.change,
               "said": strings.text(f"change_{fact.change}", lang), "text": change_summary(event.diff, fact, lang)}
              for fact in change.facts]
    return lines[:EVENT_LINES], max(len(lines) - EVENT_LINES, 0)


def history_section(history: SiteHistory | None, entity_id: str, lang: str) -> dict | None:
    """The template data of the entity's "History" section; None when the site is built without history."""
    if history is None:
        return None
    if history.unavailable is not None:
        return {"unavailable": strings.text(history.unavailable, lang)}
    found = history.entities.get(entity_id)
    uncommitted = entity_id in history.uncommitted
    if found is None or not found.changes:
        return {"unavailable": None, "never": True, "uncommitted": uncommitted}
    events = []
    for event in reversed(found.changes):  # the latest first, as a changelog reads
        lines, more = _lines(event, lang)
        status = event.change.status
        if status == "added":
            what = strings.text("history_added", lang, n=strings.number_text(len(event.change.facts)))
        elif status == "removed":
            what = strings.text("history_removed", lang)
        else:
            what = strings.text("history_changed", lang)
        renamed = event.change.renamed_from
        events.append({**_commit(event.commit, lang), "status": status, "what": what, "lines": lines,
                       "more": strings.text("history_more", lang, n=strings.number_text(more)) if more else "",
                       "renamed": strings.text("history_renamed", lang, old=renamed) if renamed else ""})
    return {"unavailable": None, "never": False, "uncommitted": uncommitted,
            "first": _commit(found.first_recorded, lang), "last": _commit(found.last_changed, lang),
            "events": events}


# ---------------------------------------------------------------------------------------------- relations by year

def _ranges(cells: list[tuple[int, str | None]], lang: str) -> str:
    """The years a relation was in force, as text: `2018 (year only), 2019–2024`."""
    runs: list[list] = []  # [first, last, status]
    for year, status in cells:
        if status is None:
            continue
        if runs and runs[-1][1] == year - 1 and runs[-1][2] == status:
            runs[-1][1] = year
        else:
            runs.append([year, year, status])
    uncertain = strings.text("years_uncertain", lang)
    return ", ".join((f"{a}" if a == b else f"{a}–{b}") + (f" ({uncertain})" if s == "uncertain" else "")
                     for a, b, s in runs)


def _clip(text: str, width: int) -> str:
    chars = int(width / 6.2)  # about the width of a character of 11px text
    return text if len(text) <= chars else text[:chars - 1].rstrip() + "…"


def _cells_svg(cells: list[tuple[int, str | None]], first: int, y: int, text_y: int, hatch: str) -> Markup:
    """A row's cells as SVG, made here rather than by the template (thousands of cells per page on a large graph):
    numbers and the page's own pattern id only, nothing from the data."""
    top, width, height = y + 2, CELL - 2, ROW - 4
    parts = []
    for year, status in cells:
        x = LABEL + (year - first) * CELL
        if status == "certain":
            parts.append(f'<rect class="in" x="{x + 1}" y="{top}" width="{width}" height="{height}"/>')
        elif status == "uncertain":
            parts.append(f'<rect class="uncertain" x="{x + 1}" y="{top}" width="{width}" height="{height}" '
                         f'fill="url(#{hatch})"/><text class="q" x="{x + CELL / 2}" y="{text_y}">?</text>')
        else:
            parts.append(f'<rect class="none" x="{x + 1}" y="{top}" width="{width}" height="{height}"/>')
    return Markup("".join(parts))


def relation_strip(years: dict[int, list[RelationInYear]], label, link, prop, lang: str,  # noqa: ANN001
                   hatch: str = "hatch") -> dict | None:
    """The strip's template data: rows of cells (x, y, status, and the cells drawn as SVG) and the same as text.
    `label(id, lang)`, `link(id)` (a page's address or None) and `prop(predicate, lang)` name things for the page;
    `hatch` is the id of the page's pattern for years known only to the year."""
    if not years:
        return None
    first, last = min(years), max(years)
    rows: dict[str, dict] = {}
    for year in range(first, last + 1):
        for r in years.get(year, ()):
            row = rows.get(r.statement + ("" if r.outgoing else "<"))
            if row is None:
                row = rows[r.statement + ("" if r.outgoing else "<")] = {"relation": r, "status": {}}
            row["status"][year] = r.status
    ordered = sorted(rows.values(), key=lambda row: (min(row["status"]), row["relation"].predicate,
                                                     label(row["relation"].other, lang), row["relation"].statement))
    shown = ordered[:STRIP_ROWS]
    count = last - first + 1
    step = next(s for s in (2, 5, 10, 20, 50) if count / s <= 40)  # a year is wider than a cell
    out_rows = []
    for i, row in enumerate(shown):
        r = row["relation"]
        name, other = prop(r.predicate, lang), label(r.other, lang)
        text = f"{strings.capfirst(name)}: {other}" if r.outgoing else f"{other} ({name})"
        cells = [(year, row["status"].get(year)) for year in range(first, last + 1)]
        y = TOP + i * ROW
        out_rows.append({
            "text": text, "short": _clip(text, LABEL - 6), "y": y, "text_y": y + ROW - 4, "href": link(r.other),
            "cells": [{"x": LABEL + (year - first) * CELL, "year": year, "status": status or "none"}
                      for year, status in cells],
            "cells_svg": _cells_svg(cells, first, y, y + ROW - 4, hatch),
            "years": _ranges(cells, lang)})
    return {"rows": out_rows, "width": LABEL + count * CELL + 14,  # room for the last year
            "height": TOP + len(shown) * ROW + 2,
            "cell": CELL, "row": ROW, "label": LABEL,
            "ticks": [{"x": LABEL + (year - first) * CELL + CELL / 2, "year": year}
                      for year in range(first, last + 1) if (year - first) % step == 0],
            "first": first, "last": last,
            "more": strings.text("strip_more", lang, shown=len(shown), total=len(ordered))
            if len(ordered) > len(shown) else ""}
