"""The static site: one page per entity at the path of its IRI (`id/<slug>/index.html`, Spanish beside it in
`index.es.html`, its triples in `index.ttl` and `index.jsonld`), a page per source, index pages by type, case and
year, a home page, search, the dumps and the explorer, for any static host and for `file://`.

`build_site(SiteInputs(...), folder)` builds it (with `history=read_history(graph_dir)`, each entity's page shows
its history in git); `entity_page_path(id, lang)` is where an entity's page is.
"""

from .build import SiteInputs, SiteSummary, build_site
from .history import SiteHistory, read_history
from .indexes import QueryExample
from .paths import entity_page_path, entity_rdf_path

__all__ = ["SiteInputs", "SiteSummary", "build_site", "SiteHistory", "read_history", "QueryExample", "entity_page_path", "entity_rdf_path"]
