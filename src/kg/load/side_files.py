"""Files at the top of `graph/` that hold no entities: where the articles' texts are (`texts.yaml`) and the reviewed
citation allow-list (`citation-allowlist.yaml`), which `kg validate --texts` reads; the event matches to review
(`event-matches.yaml`); the release's version and date (`release.yaml`) and the ids renamed since earlier versions
(`renamed.yaml`), which `kg diff` reads. The entity reader skips them."""

from __future__ import annotations

from pathlib import Path

TEXTS_FILE = "texts.yaml"
ALLOWLIST_FILE = "citation-allowlist.yaml"
MATCHES_FILE = "event-matches.yaml"  # event matches to review (kg.importers.review)
RELEASE_FILE = "release.yaml"
RENAMED_FILE = "renamed.yaml"
SIDE_FILES = (TEXTS_FILE, ALLOWLIST_FILE, MATCHES_FILE, RELEASE_FILE, RENAMED_FILE)


def is_side_file(directory: Path, path: Path) -> bool:
    """Whether `path` is one of the side files at the top of the graph folder `directory`."""
    return path.name in SIDE_FILES and Path(path).parent == Path(directory)
