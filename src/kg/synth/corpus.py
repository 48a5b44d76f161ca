"""The synthetic corpus as YAML text blocks grouped by kind, and the small text helpers every writer uses."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field

CHUNK = 2000  # entities per file: large enough to be realistic, small enough to read


def describe(en: str, es: str) -> str:
    """The YAML line of an English and Spanish description."""
    return f"  description: {{en: {q(en)}, es: {q(es)}}}"


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    return "-".join(words)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), so no text is read as a number or a boolean."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Source:
    id: str
    sections: list[tuple[str, int]]  # (slug, paragraph count)


@dataclass
class Corpus:
    """Generated entities, as YAML text blocks grouped by kind."""

    blocks: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, lines: list[str]) -> None:
        self.blocks.setdefault(kind, []).append("\n".join(lines) + "\n")

    def files(self) -> list[tuple[str, str]]:
        """(relative path, text) for every file, kinds in a fixed order, CHUNK entities per file."""
        out = []
        for kind in ("sources", "places", "organizations", "people", "events", "policies", "indicators"):
            blocks = self.blocks.get(kind, [])
            for start in range(0, len(blocks), CHUNK):
                name = f"{kind}.yaml" if len(blocks) <= CHUNK else f"{kind}/{kind}-{start // CHUNK + 1:03d}.yaml"
                header = f"# Synthetic {kind} ({len(blocks[start : start + CHUNK])} entities), written by `kg synth`.\n"
                out.append((name, header + "".join(blocks[start : start + CHUNK])))
        return out

    def __len__(self) -> int:
        return sum(len(b) for b in self.blocks.values())
