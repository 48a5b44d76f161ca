"""Memory control for the stages that make millions of small objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made (nodes, values, triples, rows).

    CPython runs a collection after every few hundred allocations, and each one walks every tracked object: on a large
    graph that was three quarters of the load time. Nothing made under it forms cycles, so reference counting frees it
    all the same.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class LinesPickledAsText:
    """For a class holding millions of N-Triples `lines`: pickled (into the build cache) as one text, not a million
    strings, ~5× faster both ways."""

    lines: list[str]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["lines"] = "\n".join(self.lines)
        return state

    def __setstate__(self, state: dict) -> None:
        text = state["lines"]
        state["lines"] = text.split("\n") if text else []
        self.__dict__.update(state)
