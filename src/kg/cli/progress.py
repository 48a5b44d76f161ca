"""Progress on a terminal, silence elsewhere: one helper every long-running verb uses.

A bar on stderr advances through named steps while stderr is a terminal; piped, redirected or under a test runner
nothing at all is printed, so logs and captured output stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click


class Steps:
    """Advance with `step("what comes next")`; a no-op when there is no terminal."""

    def __init__(self, bar=None):
        self._bar = bar
        self._current = ""

    def step(self, label: str) -> None:
        """Mark the previous step done and show `label` as the work now in progress."""
        if self._bar is None:
            return
        if self._current:
            self._bar.update(1)
        self._current = label
        self._bar.label = label.ljust(24)
        self._bar.render_progress()


def on_terminal() -> bool:
    """True when stderr is an interactive terminal (where a bar is useful, not noise)."""
    stream = sys.stderr
    return hasattr(stream, "isatty") and stream.isatty()


@contextmanager
def progress(total: int) -> Iterator[Steps]:
    """A bar of `total` steps on stderr when it is a terminal; it is cleared from the line when the work ends."""
    if not on_terminal():
        yield Steps()
        return
    with click.progressbar(length=total, file=sys.stderr, show_eta=False, show_percent=True,
                           bar_template="%(label)s [%(bar)s] %(info)s") as bar:
        steps = Steps(bar)
        yield steps
        bar.update(total)
