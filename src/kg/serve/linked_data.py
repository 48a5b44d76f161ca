"""Linked data at the entities' IRIs: `/id/<slug>` answers each client in the form it asks for.

A browser (whose `Accept` prefers `text/html`) gets a page; a linked-data client gets the entity's triples as Turtle,
N-Triples or JSON-LD, whichever its `Accept` prefers (Turtle when anything goes, as `curl` asks). Every answer says
`Vary: Accept` (caches keep the forms apart) and links the other forms with `Link: <…>; rel="alternate"` at the paths
the static site gives them (`id/<slug>/index.ttl`, `index.jsonld`, `index.html`), and the IRI itself as canonical.
Those paths, and `/id/<slug>.ttl`-style ones, also give one form whatever the `Accept`.

The page is the static site's (kg.site, which the server builds once per graph and serves from `/`): `/id/<slug>`
answers a browser with a `303` to `/id/<slug>/`, where the page is, so that its relative links hold; `entity_page` is
the one place that decides it.
"""

from __future__ import annotations

from urllib.parse import quote

from ..core.namespaces import MX
from .results import NTRIPLES, TURTLE, accepted

HTML = "text/html"
JSONLD = "application/ld+json"
FORMS = {"ttl": TURTLE, "nt": NTRIPLES, "jsonld": JSONLD, "html": HTML}
_NAMES = {
    TURTLE: TURTLE, "application/x-turtle": TURTLE, "text/n3": TURTLE,
    NTRIPLES: NTRIPLES, "text/plain": NTRIPLES,
    JSONLD: JSONLD, "application/json": JSONLD,
    HTML: HTML, "application/xhtml+xml": HTML,
}


def choose_form(accept: str | None) -> str | None:
    """The form to answer with: the best the client accepts (Turtle for `*/*`); None if it accepts none of them."""
    for _, _, media in accepted(accept or "*/*"):
        if media in ("*/*", "text/*", "application/*"):
            return TURTLE
        if media in _NAMES:
            return _NAMES[media]
    return None


def links(slug: str) -> str:
    """The Link header of an entity's answers: its other forms, and its IRI."""
    folder = f"/id/{quote(slug)}/index"
    alternates = [f'<{folder}.html>; rel="alternate"; type="{HTML}"',
                  f'<{folder}.ttl>; rel="alternate"; type="{TURTLE}"',
                  f'<{folder}.nt>; rel="alternate"; type="{NTRIPLES}"',
                  f'<{folder}.jsonld>; rel="alternate"; type="{JSONLD}"',
                  f'<{MX}{quote(slug)}>; rel="canonical"']
    return ", ".join(alternates)


def entity_page(slug: str) -> tuple[int, dict[str, str]]:
    """How a browser is shown an entity: a redirect to the folder of its IRI's path, where the site has its page."""
    return 303, {"Location": f"/id/{quote(slug)}/"}
