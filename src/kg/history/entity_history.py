"""An entity's history, for pages that publish entities (the static site's "history" section and "relations by
year" strip): when it was first recorded, when it last changed and what each change was, from the repository's
history; and which of its relations were in force in each year, from the statements' dates.

    history = graph_history(Path("graph"))            # every entity at once: one diff per commit touching graph/
    history["ovidio-guzman"].first_recorded.date      # '2026-11-21T...'
    [c.change for c in history["ovidio-guzman"].changes]
    relations_by_year(model, vocab, "amlo")           # {2000: [...], ..., 2024: [...]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.model import Model
from ..core.terms import statement_iri
from ..load.vocabulary import Vocabulary
from ..outputs.spells import spells
from .diff import Diff, EntityChange, diff_versions
from .reading import read_pair
from .versions import Repository, Version, VersionError, worktree


@dataclass(frozen=True)
class Commit:
    hash: str
    date: str  # the committer's date, ISO 8601
    subject: str


@dataclass(frozen=True)
class EntityEvent:
    """One commit's changes to one entity (`change.status`: added, removed or changed); `diff` is the commit's whole
    diff, whose two sides name the values (`kg.history.render.change_summary(event.diff, fact)`)."""

    commit: Commit
    change: EntityChange
    diff: Diff | None = field(default=None, compare=False, repr=False)


@dataclass
class EntityHistory:
    id: str
    changes: list[EntityEvent] = field(default_factory=list)

    @property
    def first_recorded(self) -> Commit:
        return self.changes[0].commit

    @property
    def last_changed(self) -> Commit:
        return self.changes[-1].commit


class _Empty(Version):
    """The graph before its first commit: no files, read with the first commit's vocabulary."""

    def __init__(self, first: Version):
        super().__init__("revision", "", "(nothing)", "empty", repository=first.repository, commit=first.commit)
        self.__dict__["blob_names"] = {}

    def side_file(self, name: str) -> bytes | None:
        return None


def _revision(repository: Repository, commit: Commit) -> Version:
    return Version("revision", commit.hash, commit.hash[:10], commit.hash, date=commit.date, commit=commit.hash,
                   repository=repository)


def graph_history(graph_dir: Path, until: str = "HEAD") -> dict[str, EntityHistory]:
    """Every entity's history along the first-parent line of `until`: one diff per commit that touched the graph
    folder, oldest first."""
    repository = Repository.around(graph_dir)
    if repository is None:
        raise VersionError(f"{graph_dir}/ is not in a git repository: it has no history")
    log = repository.git("log", "--first-parent", "--reverse", "--format=%H%x00%cI%x00%s", until, "--",
                         repository.graph_path or ".").decode("utf-8", "replace")
    commits = [Commit(*line.split("\x00", 2)) for line in log.splitlines() if line]
    histories: dict[str, EntityHistory] = {}
    before: Version | None = None
    for commit in commits:
        after = _revision(repository, commit)
        old, new = read_pair(before if before is not None else _Empty(after), after)
        diff = diff_versions(old, new)
        for change in diff.entities:
            histories.setdefault(change.id, EntityHistory(change.id)).changes.append(EntityEvent(commit, change, diff))
        before = after
    return histories


def uncommitted_entities(graph_dir: Path) -> set[str]:
    """The entities whose YAML in the working tree differs from HEAD's (uncommitted edits): nothing is read when
    `git status` finds the graph folder clean. Raises VersionError outside a repository."""
    repository = Repository.around(graph_dir)
    if repository is None:
        raise VersionError(f"{graph_dir}/ is not in a git repository: it has no history")
    status = repository.git("status", "--porcelain", "--untracked-files=all", "--", repository.graph_path or ".")
    if not status.strip():
        return set()
    head = repository.commit("HEAD")
    old = _revision(repository, Commit(head, "", "")) if head is not None else None
    new = worktree(graph_dir, repository)
    old_side, new_side = read_pair(old if old is not None else _Empty(new), new)
    return {change.id for change in diff_versions(old_side, new_side).entities}


@dataclass(frozen=True)
class RelationInYear:
    statement: str  # the statement's IRI
    predicate: str
    other: str  # the entity at the other end
    outgoing: bool  # the entity is the statement's subject
    status: str  # certain | uncertain (the year is all that is known of a bound)


def dated_relations(model: Model, vocab: Vocabulary, found: tuple[dict, dict] | None = None) -> dict[str, list]:
    """Every entity's dated relations, both ends, in one pass over the statements (for a page per entity: give it
    to relations_by_year as `relations`)."""
    _, relation_spells = found if found is not None else spells(model, vocab)
    out: dict[str, list] = {}
    for entity in model.entities.values():
        for st in entity.statements:
            asserted = st.correction if st.error else st
            if asserted is None or asserted.value.kind != "entity":
                continue
            iri = statement_iri(asserted, "correction" if st.error else None)
            spell = relation_spells.get(iri)
            if spell is None:
                continue
            other = asserted.value.text
            out.setdefault(entity.id, []).append((iri, asserted.predicate, other, True, spell))
            if other != entity.id:
                out.setdefault(other, []).append((iri, asserted.predicate, entity.id, False, spell))
    return out


def relations_by_year(model: Model, vocab: Vocabulary, entity_id: str,
                      found: tuple[dict, dict] | None = None,
                      relations: dict[str, list] | None = None) -> dict[int, list[RelationInYear]]:
    """The entity's dated relations in force in each year from the first to the last its spells reach
    (kg.outputs.spells: an open relation runs to the last year any of its relations reaches); undated relations
    are left out. `found` is `spells(model, vocab)` and `relations` is `dated_relations(model, vocab)`, when the
    caller has them already (a page per entity)."""
    if relations is None:
        relations = dated_relations(model, vocab, found)
    mine = relations.get(entity_id, [])
    years = [int(day[:4]) for *_, spell in mine for day in (spell.begin, spell.end) if day]
    if not years:
        return {}
    out: dict[int, list[RelationInYear]] = {}
    for year in range(min(years), max(years) + 1):
        found_here = [RelationInYear(iri, predicate, other, outgoing, status)
                      for iri, predicate, other, outgoing, spell in mine if (status := spell.in_year(year))]
        out[year] = sorted(found_here, key=lambda r: (r.predicate, r.other, r.statement))
    return out

