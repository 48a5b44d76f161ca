"""Problems found in the curators' files: one small record each, printed compiler-style."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .display import escape_controls


@dataclass(frozen=True, order=True)
class Pos:
    """A place in a YAML file; line and column count from 1."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    pos: Pos
    message: str
    rule: str  # a short name for the kind of problem, e.g. "unknown-id"

    def __str__(self) -> str:
        """One line, compiler-style; control characters from the data are shown escaped, never sent raw."""
        return escape_controls(f"{self.pos}: {self.severity}: {self.message} [{self.rule}]")


@dataclass
class Problems:
    """Collects every problem so that all are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, pos: Pos, rule: str, message: str) -> None:
        self.items.append(Problem("error", pos, message, rule))

    def warning(self, pos: Pos, rule: str, message: str) -> None:
        self.items.append(Problem("warning", pos, message, rule))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.pos, p.severity, p.message))


class ValidationFailed(Exception):
    """Raised by the pipeline when the graph has errors; carries every problem."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(f"{len(problems.errors)} error(s) in the graph")


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean `x`?)' for the closest candidate, or '' when none is close."""
    return CloseWords(candidates).did_you_mean(word)


class CloseWords:
    """The closest of many candidates to a word (difflib's measure, cutoff 0.6). Up to a few thousand candidates
    every one is compared, as difflib does; beyond, only the few dozen that share the most three-letter pieces with
    the word (rare pieces only: a piece most candidates share tells nothing), so that a graph of 100,000 ids with
    hundreds of unknown names in it (a file that no longer reads) is told what each might be in a second, not hours."""

    COMPARE_ALL = 2_000  # candidates compared one by one up to this many
    POOL = 40  # candidates compared after the pieces' vote
    COMMON = 0.05  # a piece shared by more than this share of the candidates casts no vote

    def __init__(self, candidates: Iterable[str]):
        self.words = list(candidates)
        self._pieces: dict[str, list[int]] | None = None
        if len(self.words) > self.COMPARE_ALL:
            pieces: dict[str, list[int]] = {}
            for i, candidate in enumerate(self.words):
                for piece in _pieces(candidate):
                    pieces.setdefault(piece, []).append(i)
            limit = max(self.POOL, int(self.COMMON * len(self.words)))
            self._pieces = {piece: found for piece, found in pieces.items() if len(found) <= limit}

    def closest(self, word: str) -> str | None:
        pool = self.words
        if self._pieces is not None:
            votes: Counter[int] = Counter()
            for piece in _pieces(word):
                votes.update(self._pieces.get(piece, ()))
            pool = [self.words[i] for i, _ in votes.most_common(self.POOL)]
        close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
        return close[0] if close else None

    def did_you_mean(self, word: str) -> str:
        close = self.closest(word)
        return f" (did you mean `{close}`?)" if close else ""


def _pieces(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}
