"""Problems found in the curators' files: one small record each, printed compiler-style."""

from __future__ import annotations

import difflib
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
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""
