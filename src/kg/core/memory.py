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
