"""Two versions read for a diff: only the entities whose text differs, through the project's own loader.

Files that are the same in both versions (same git blob) are not read at all; in the others, the entity blocks found
byte for byte in both versions are skipped (`chunks.py`). What is left is written, with its lines in place, into a
temporary folder and read by `kg.load.reader.read_graph` with the version's own vocabulary. The sources and entities
those statements cite or name are then read the same way, for their titles and labels. When the vocabulary differs
between the versions, or one side is an export folder, everything is read.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import UserError
from ..core.memory import paused_gc
from ..core.model import Entity, Model
from ..core.problems import Problems
from ..load.vocabulary import Vocabulary
from .chunks import Block, sparse_text, split_blocks
from .snapshot import EntityState, entity_state, states_from_ntriples
from .versions import EXPORT_FILE, Version


class UnreadableVersion(UserError):
    """A version whose YAML this kg cannot read (its errors are listed)."""


@dataclass
class ReadVersion:
    """One version as the diff needs it: the states of the entities that may have changed, the vocabulary it was read
    with, and every entity read (context included) for names and titles."""

    version: Version
    vocab: Vocabulary
    states: dict[str, EntityState]
    known: dict[str, Entity | EntityState] = field(default_factory=dict)

    def label(self, entity_id: str, lang: str = "en") -> str | None:
        found = self.known.get(entity_id)
        if found is None:
            return None
        labels = found.labels
        return labels.get(lang) or labels.get("en") or next(iter(labels.values()), None)


_VOCABULARIES: dict[tuple, Vocabulary] = {}


def vocabulary(files: dict[str, bytes]) -> Vocabulary:
    """The vocabulary these ontology files define (read once per process)."""
    from ..load.vocabulary import ONTOLOGY_DIR, load_vocabulary

    key = tuple(sorted(files.items()))
    if key not in _VOCABULARIES:
        installed = all((ONTOLOGY_DIR / n).is_file() and (ONTOLOGY_DIR / n).read_bytes() == d for n, d in files.items())
        if installed:
            _VOCABULARIES[key] = load_vocabulary()
        else:
            with tempfile.TemporaryDirectory(prefix="kg-ontology-") as folder:
                for name, data in files.items():
                    (Path(folder) / name).write_bytes(data)
                _VOCABULARIES[key] = load_vocabulary(Path(folder))
    return _VOCABULARIES[key]


def _load_blocks(version: Version, vocab: Vocabulary, texts: dict[str, str], blocks: dict[str, list[Block]],
                 keep: dict[str, list[Block]]) -> Model:
    """The entities of the `keep` blocks, read by the project's loader from a folder of sparse copies."""
    from ..load.reader import read_graph

    wanted = {name: kept for name, kept in keep.items() if kept}
    if not wanted:
        return Model()
    problems = Problems()
    with tempfile.TemporaryDirectory(prefix="kg-diff-") as folder:
        root = Path(folder) / "graph"
        for name, kept in wanted.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(sparse_text(texts[name], blocks[name], kept), encoding="utf-8")
        with paused_gc():
            model = read_graph(root, vocab, problems)
    if problems.errors:
        shown = "; ".join(f"{p.pos.file.split('/graph/', 1)[-1]}:{p.pos.line}: {p.message}"
                          for p in problems.sorted() if p.severity == "error")
        where = version.repository.graph_path if version.repository is not None else "graph"
        raise UnreadableVersion(f"{version.label} cannot be read ({len(problems.errors)} error(s) in {where}/): "
                                f"{shown[:600]}")
    return model


def _texts(version: Version, names: list[str]) -> dict[str, str]:
    texts = {}
    for name, data in version.read(sorted(names)).items():
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableVersion(f"{version.label}: {name} is not UTF-8") from None
    return texts


class _Side:
    """One tree version's files and blocks, read as needed."""

    def __init__(self, version: Version, vocab: Vocabulary):
        self.version, self.vocab = version, vocab
        self.texts: dict[str, str] = {}
        self.blocks: dict[str, list[Block]] = {}

    def load_files(self, names: list[str]) -> None:
        missing = [n for n in names if n not in self.texts and n in self.version.blob_names]
        self.texts.update(_texts(self.version, missing))
        for name in missing:
            self.blocks[name] = split_blocks(name, self.texts[name])

    def blocks_defining(self, ids: set[str]) -> dict[str, list[Block]]:
        """The blocks (of every file) that define any of these ids."""
        self.load_files(list(self.version.blob_names))
        found: dict[str, list[Block]] = {}
        for name, blocks in self.blocks.items():
            for block in blocks:
                if ids.intersection(block.ids):
                    found.setdefault(name, []).append(block)
        return found


def _referenced(model: Model) -> set[str]:
    """Every id the model's entities cite or name: sources, objects, entity-valued qualifiers."""
    ids = set()
    for entity in model.entities.values():
        ids.update(c.source for c in entity.citations)
        for st in entity.statements:
            for s in (st, st.correction) if st.correction is not None else (st,):
                ids.update(c.source for c in s.citations)
                if s.value.kind == "entity":
                    ids.add(s.value.text)
                ids.update(v.text for v in s.qualifiers.values() if v.kind == "entity")
    return ids


def read_pair(old: Version, new: Version) -> tuple[ReadVersion, ReadVersion]:
    """The two versions, read as little as they can be for a complete diff."""
    if old.kind == "exports" or new.kind == "exports":
        return _read_whole(old), _read_whole(new)
    old_vocab, new_vocab = vocabulary(old.ontology()), vocabulary(new.ontology())
    everything = old_vocab is not new_vocab  # another vocabulary may read the same text differently
    old_side, new_side = _Side(old, old_vocab), _Side(new, new_vocab)
    old_files, new_files = old.blob_names, new.blob_names
    changed = sorted(n for n in set(old_files) | set(new_files) if everything or old_files.get(n) != new_files.get(n))
    old_side.load_files(changed)
    new_side.load_files(changed)
    # A block found as many times on both sides is unchanged (an entity moved to another file included).
    old_keys = Counter(b.key for n in changed for b in old_side.blocks.get(n, ()))
    new_keys = Counter(b.key for n in changed for b in new_side.blocks.get(n, ()))
    common = old_keys & new_keys if not everything else Counter()

    def differing(side: _Side) -> dict[str, list[Block]]:
        left = Counter(common)
        out: dict[str, list[Block]] = {}
        for name in changed:
            for block in side.blocks.get(name, ()):
                if left[block.key] > 0:
                    left[block.key] -= 1
                else:
                    out.setdefault(name, []).append(block)
        return out

    return _read_side(old_side, differing(old_side)), _read_side(new_side, differing(new_side))


def _read_side(side: _Side, keep: dict[str, list[Block]]) -> ReadVersion:
    model = _load_blocks(side.version, side.vocab, side.texts, side.blocks, keep)
    wanted = _referenced(model) - set(model.entities)
    context = Model()
    if wanted:
        blocks = side.blocks_defining(wanted)
        context = _load_blocks(side.version, side.vocab, side.texts, side.blocks, blocks)
    everything = Model({**context.entities, **model.entities})
    states = {eid: entity_state(model, entity, everything) for eid, entity in model.entities.items()}
    return ReadVersion(side.version, side.vocab, states, dict(everything.entities))


def _read_whole(version: Version) -> ReadVersion:
    """Every entity of the version: an export folder's N-Triples, or all of a tree's YAML."""
    if version.kind == "exports":
        assert version.directory is not None
        with paused_gc():
            states = states_from_ntriples(version.directory / EXPORT_FILE)
        return ReadVersion(version, vocabulary(version.ontology()), states, dict(states))
    side = _Side(version, vocabulary(version.ontology()))
    side.load_files(list(version.blob_names))
    return _read_side(side, dict(side.blocks))
