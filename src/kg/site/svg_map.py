"""Small static maps, drawn at build time as SVG: Mexico's state outlines once, as a file every page shows
(`assets/mexico.svg`), and on each page that has a place, that place's marks (and its state's outline when the
place is a state) in the same coordinates. No script, no tiles, nothing fetched."""

from __future__ import annotations

import math
from html import escape

# The frame: Mexico's extent in degrees, drawn in an equirectangular projection scaled for its middle latitude.
WEST, EAST, SOUTH, NORTH = -118.6, -86.4, 14.3, 33.0
WIDTH = 480
_COS = math.cos(math.radians((SOUTH + NORTH) / 2))
_SCALE = WIDTH / ((EAST - WEST) * _COS)
HEIGHT = round((NORTH - SOUTH) * _SCALE)


def project(lat: float, lon: float) -> tuple[float, float]:
    """A point's position on the map, in the SVG's units."""
    return round((lon - WEST) * _COS * _SCALE, 1), round((NORTH - lat) * _SCALE, 1)


def inside(lat: float, lon: float) -> bool:
    return SOUTH <= lat <= NORTH and WEST <= lon <= EAST


def ring_path(rings: list) -> str:
    """SVG path data for a state's rings (lists of [lon, lat])."""
    parts = []
    for ring in rings:
        points = [project(lat, lon) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def base_map(outlines: dict) -> str:
    """Every state's outline, as a standalone SVG file."""
    paths = "".join(f'<path d="{ring_path(state["rings"])}"><title>{escape(state["name"])}</title></path>'
                    for state in outlines["states"])
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}"><rect width="100%" height="100%" fill="#eef4f8"/>'
            f'<g fill="#ffffff" stroke="#94a3b8" stroke-width="0.6" stroke-linejoin="round">{paths}</g></svg>\n')


def state_path(outlines: dict, code: str) -> str | None:
    for state in outlines["states"]:
        if state["code"] == code:
            return ring_path(state["rings"])
    return None
