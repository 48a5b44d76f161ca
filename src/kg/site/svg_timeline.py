"""A small static timeline of an entity's events, computed at build time: each event a mark at its date (a dot for a
day, a bar for a month, a year or a span, a faint bar between the bounds of an uncertain date), the axis ticked by
year. The page draws it as SVG and lists the same events as text beneath, so nothing depends on the picture."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .graph_index import EventSpan

WIDTH = 320
MARGIN = 10
LANE = 11  # the height of one row of marks: marks that would overlap go on rows above one another
MAX_LANES = 6
TICK_SPACE = 16  # below the axis, for the years


@dataclass(frozen=True)
class Mark:
    entity_id: str
    kind: str  # point | range | uncertain
    x: float  # the left edge (a point's centre)
    width: float
    current: bool
    y: float = 0.0  # the row's middle


@dataclass(frozen=True)
class Layout:
    marks: list[Mark]
    ticks: list[Tick]
    height: float
    axis: float


@dataclass(frozen=True)
class Tick:
    x: float
    year: int


def _day(iso: str) -> int:
    return datetime.date.fromisoformat(iso).toordinal()


def layout(events: list[tuple[str, EventSpan]], current: str) -> Layout:
    """The marks and year ticks for `events` (id, span, in date order) on a timeline WIDTH wide, marks that would
    overlap on rows of their own; `current` is the page's own event."""
    if not events:
        return Layout([], [], 0, 0)
    low = min(_day(span.start) for _, span in events)
    high = max(_day(span.end) + 1 for _, span in events)
    pad = max((high - low) * 0.04, 15)
    low, high = low - pad, high + pad
    scale = (WIDTH - 2 * MARGIN) / (high - low)

    def x(day: float) -> float:
        return round(MARGIN + (day - low) * scale, 1)

    placed = []
    ends: list[float] = []  # the right edge of the last mark on each row
    for entity_id, span in events:
        a, b = x(_day(span.start)), x(_day(span.end) + 1)
        if span.kind == "point":
            a = b = round((a + b) / 2, 1)
            left, right = a - 5, a + 5
        else:
            b = max(b, a + 3)
            left, right = a, b
        lane = next((i for i, end in enumerate(ends) if end + 2 <= left), None)
        if lane is None:
            lane = len(ends) if len(ends) < MAX_LANES else min(range(len(ends)), key=ends.__getitem__)
            if lane == len(ends):
                ends.append(right)
        ends[lane] = max(ends[lane], right)
        placed.append((entity_id, span.kind, a, round(b - a, 1), lane))
    lanes = max(len(ends), 1)
    axis = 6 + lanes * LANE
    marks = [Mark(entity_id, kind, a, width, entity_id == current, round(axis - 6 - lane * LANE, 1))
             for entity_id, kind, a, width, lane in placed]
    first = datetime.date.fromordinal(int(low)).year
    last = datetime.date.fromordinal(int(high)).year
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if (last - first) / s <= 8)
    ticks = [Tick(x(datetime.date(year, 1, 1).toordinal()), year)
             for year in range(first + (-first) % step, last + 1, step)
             if low <= datetime.date(year, 1, 1).toordinal() <= high]
    if not ticks:  # a span within one year: name the year in the middle
        ticks = [Tick(WIDTH / 2, first)]
    return Layout(marks, ticks, axis + TICK_SPACE, axis)
