"""Files at the top of `graph/` that hold no entities: where the articles' texts are (`texts.yaml`) and the reviewed
citation allow-list (`citation-allowlist.yaml`), and the event matches to review (`event-matches.yaml`). The entity
reader skips them; `kg validate --texts` reads them."""

from __future__ import annotations

from pathlib import Path

TEXTS_FILE = "texts.yaml"
ALLOWLIST_FILE = "citation-allowlist.yaml"
MATCHES_FILE = "event-matches.yaml"  # event matches to review (kg.importers.review)
SIDE_FILES = (TEXTS_FILE, ALLOWLIST_FILE, MATCHES_FILE)


def is_side_file(directory: Path, path: Path) -> bool:
    """Whether `path` is one of the side files at the top of the graph folder `directory`."""
    return path.name in SIDE_FILES and Path(path).parent == Path(directory)
