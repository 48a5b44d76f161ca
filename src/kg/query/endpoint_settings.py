"""The settings of a remote SPARQL endpoint that options name before anything is sent (kept apart from kg.query.remote,
whose HTTP stack is slow to import, so that `kg query` pays for it only with --endpoint)."""

from __future__ import annotations

from ..core.namespaces import BASE

DEFAULT_GRAPH_IRI = BASE + "graph"
AUTH_MODES = ("auto", "basic", "digest")
