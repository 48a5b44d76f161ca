"""Where each page of the site lives: one folder per entity at the path of its IRI (`id/<slug>/`), and in each folder
`index.html` (English), `index.es.html` (Spanish), `index.ttl` and `index.jsonld` (its triples). Links between pages
are relative and name the file, so the site reads the same from any static host, under any folder, and from
`file://` (where a folder link would open a directory listing instead of its index page).
"""

from __future__ import annotations

from ..core.namespaces import BASE

LANGS = ("en", "es")
DEFAULT_LANG = "en"
ENTITY_DIR = "id"
ASSETS = "assets"
DUMPS = "dumps"
EXPLORER = "explorer/index.html"
EXPLORER_ENTITY_PAGE = "../id/{id}/index.html"  # the explorer's link to an entity's page, from where the site has it


def page_file(lang: str) -> str:
    """The file name of a page in `lang`: `index.html` for English, `index.es.html` for Spanish."""
    return "index.html" if lang == DEFAULT_LANG else f"index.{lang}.html"


def entity_folder(entity_id: str) -> str:
    """The folder of an entity's files, relative to the site's root: the path of its IRI below the base."""
    return f"{ENTITY_DIR}/{entity_id}"


def entity_page_path(entity_id: str, lang: str = DEFAULT_LANG) -> str:
    """The entity's page, relative to the site's root: `id/<slug>/index.html` (`index.es.html` in Spanish).

    `kg serve` answers a browser asking for `/id/<slug>` with this file."""
    return f"{entity_folder(entity_id)}/{page_file(lang)}"


def entity_rdf_path(entity_id: str, extension: str) -> str:
    """The entity's triples as a file of the site: `id/<slug>/index.ttl` or `id/<slug>/index.jsonld`."""
    return f"{entity_folder(entity_id)}/index.{extension}"


def root_of(path: str) -> str:
    """The relative way back to the site's root from the page at `path` (`id/x/index.html` → `../../`)."""
    return "../" * path.count("/")


def absolute(base_url: str, path: str) -> str:
    """A page's address on the published site: `base_url` + the path, a folder's index page as the folder."""
    for index in ("index.html",):
        if path == index or path.endswith("/" + index):
            path = path[: -len(index)]
    return base_url + path


DEFAULT_BASE_URL = BASE  # where the site is published: the IRIs' base, so `id/<slug>/` is the entity's IRI
