"""A release of the graph: its version and date, from `graph/release.yaml` (never the clock), and the stamp they put
on the exports: the graph described as a schema:Dataset with its version and date of publication.

```yaml
# graph/release.yaml
version: "2021.1"
date: 2021-02-03
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UserError
from ..core.namespaces import BASE, RDF_TYPE, SCHEMA, XSD
from ..core.terms import literal
from ..load.side_files import RELEASE_FILE

if TYPE_CHECKING:
    from ..compile.compiler import CompiledGraph

DATASET_IRI = BASE + "graph"  # the graph as a whole: the named graph `kg publish` writes, the dataset released
DATASET_NAME = "Mexico security knowledge graph"
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

__all__ = ["DATASET_IRI", "RELEASE_FILE", "Release", "parse_release", "read_release", "release_lines", "stamped"]


class ReleaseError(UserError):
    """graph/release.yaml cannot be read."""


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD

    @property
    def text(self) -> str:
        return f"version {self.version} of {self.date}"


def parse_release(data: bytes, where: str) -> Release:
    """The release a `release.yaml` states; a version that is not a plain token or a date that is not a real
    YYYY-MM-DD is refused with the file's name."""
    import datetime

    import yaml

    try:
        content = yaml.load(data.decode("utf-8"), Loader=yaml.BaseLoader)  # every value as written, as text
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReleaseError(f"{where}: not readable YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(content, dict) or set(content) - {"version", "date"} or not {"version", "date"} <= set(content):
        raise ReleaseError(f"{where}: expected exactly `version: ...` and `date: YYYY-MM-DD`")
    version, date = content["version"], content["date"]
    if not isinstance(version, str) or not isinstance(date, str):
        raise ReleaseError(f"{where}: expected exactly `version: ...` and `date: YYYY-MM-DD`")
    if not _VERSION.fullmatch(version):
        raise ReleaseError(f"{where}: version `{version}` must be letters, digits and . + _ - (at most 64)")
    try:
        if not _DATE.fullmatch(str(date)):
            raise ValueError
        datetime.date.fromisoformat(str(date))
    except ValueError:
        raise ReleaseError(f"{where}: date `{date}` is not a day (YYYY-MM-DD)") from None
    return Release(version, str(date))


def read_release(graph_dir: Path) -> Release | None:
    """The release stated in the graph folder's `release.yaml`, or None when there is none (an unreleased graph)."""
    path = Path(graph_dir) / RELEASE_FILE
    if not path.is_file():
        return None
    return parse_release(path.read_bytes(), str(path))


def release_lines(release: Release) -> list[str]:
    """The stamp as N-Triples lines: the graph is a schema:Dataset with this version and date."""
    subject = f"<{DATASET_IRI}>"
    return [
        f"{subject} <{RDF_TYPE}> <{SCHEMA}Dataset> .",
        f"{subject} <{SCHEMA}name> {literal(DATASET_NAME, lang='en')} .",
        f"{subject} <{SCHEMA}version> {literal(release.version)} .",
        f"{subject} <{SCHEMA}datePublished> {literal(release.date, XSD + 'date')} .",
    ]


def stamped(compiled: CompiledGraph, release: Release | None) -> CompiledGraph:
    """The compiled graph with the release's stamp among its lines (still sorted and unique); unchanged without one."""
    if release is None:
        return compiled
    from ..compile.compiler import sorted_unique

    return replace(compiled, lines=sorted_unique(compiled.lines + release_lines(release)))
