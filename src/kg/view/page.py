"""The explorer page, assembled (app.js and view.html are its start-up and frame): one self-contained HTML file that
works offline, from `file://`, shareable by `#` routes.

Takes the checked model and vocabulary; gives the HTML string. The data (network, entities, timeline, map, charts) is
embedded as one JSON document; the libraries are inlined from installed Python packages at build time (vis-network
from pyvis, plotly.js from plotly), the page's own scripts from `templates/*.js`: no CDN, no web font, nothing remote,
and a Content-Security-Policy that forbids it. All text from the data is put into the document with `textContent`.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..core.model import Model
from ..history.release import Release
from ..load.vocabulary import Vocabulary
from ..outputs.class_styles import type_styles
from ..outputs.projection import project
from .charts import indicator_series
from .entities import view_data
from .network import (
    HUGE_GRAPH_NODES,
    VIS_DIR,
    FocusError,
    build_network,
    edge_statement_index,
    hub_nodes,
    legend,
    neighbourhood,
    vis_options,
)
from .places import map_outlines, map_places
from .time import add_time_data
from .timeline import timeline_events

TEMPLATES = Path(__file__).resolve().parent / "templates"
TITLES = {"en": "Mexico security knowledge graph", "es": "Grafo de conocimiento de la seguridad en México"}
# The page's scripts, in load order: shared helpers first, the start-up last.
SCRIPTS = ("core.js", "i18n.js", "entities.js", "network.js", "timeline.js", "places.js", "charts.js", "time.js",
           "app.js")


def plotly_js_path() -> Path:
    """The plotly.js bundle the installed plotly package ships (it draws the timeline, the map and the charts)."""
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def _script_json(data) -> Markup:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` can close it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def _inline(path: Path, closing: str) -> Markup:
    """A library file's text for inlining; it must not contain the tag that would end the element early."""
    text = path.read_text(encoding="utf-8")
    if closing in text.lower():
        raise RuntimeError(f"{path} contains '{closing}' and cannot be inlined")
    return Markup(text)


def page_data(model: Model, vocab: Vocabulary, *, focus: str | None = None, depth: int = 1,
              lang: str = "en", as_of: str | None = None, release: Release | None = None) -> dict:
    """Everything the page shows, as one JSON-ready dict (deterministic)."""
    full = project(model, vocab)
    if focus is not None and focus not in full and focus in model.entities:
        raise FocusError(f"--focus: '{focus}' is a source; sources are not drawn, they are cited in every panel")
    hubs = hub_nodes(full, vocab)
    graph = neighbourhood(full, focus, depth, hubs) if focus is not None else full
    degree = dict(full.degree())
    styles = type_styles(vocab, {d["type"] for _, d in full.nodes(data=True)})
    # Entity pages exist for every entity, even those a focus view does not draw: links must lead somewhere.
    data = view_data(model, vocab, full, styles)
    nodes, edges, edge_meta = build_network(graph, vocab, degree, styles=styles, hubs=hubs & set(graph.nodes),
                                            focus=focus)
    for key, extra in edge_statement_index(model, graph).items():
        edge_meta[key].update(extra)
    shown = set(full.nodes)
    page = {
        "lang": lang,
        "focus": focus,
        "depth": depth if focus is not None else None,
        "total": full.number_of_nodes(),
        "hubs": sorted(hubs & set(graph.nodes)),
        "nodes": nodes,
        "edges": edges,
        "edgeMeta": edge_meta,
        "options": vis_options(len(nodes)),
        "precomputed": len(nodes) > HUGE_GRAPH_NODES,  # positions from Python, physics off until asked for
        "legend": legend(vocab, graph, styles),
        "timeline": timeline_events(model, vocab, shown),
        "places": map_places(model, vocab, shown),
        "indicators": indicator_series(model, vocab, shown),
        "outlines": map_outlines()["states"],
        **data,
    }
    add_time_data(page, model, vocab, as_of=as_of, release=release)  # as known on, and the year stepper
    return page


def render_view(model: Model, vocab: Vocabulary, *, focus: str | None = None, depth: int = 1,
                lang: str = "en", as_of: str | None = None, release: Release | None = None) -> str:
    """The whole explorer page as one HTML string (deterministic: the same graph gives the same bytes); `as_of`: the
    model is the graph as known on that day (the page says so), `release`: the version it is stamped with."""
    page = page_data(model, vocab, focus=focus, depth=depth, lang=lang, as_of=as_of, release=release)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    template = env.get_template("view.html")
    return template.render(
        lang=lang, title=TITLES[lang],
        vis_css=_inline(VIS_DIR / "vis-network.css", "</style"),
        vis_js=_inline(VIS_DIR / "vis-network.min.js", "</script"),
        plotly_js=_inline(plotly_js_path(), "</script"),
        view_css=_inline(TEMPLATES / "view.css", "</style"),
        view_js=Markup("\n".join(_inline(TEMPLATES / name, "</script") for name in SCRIPTS)),
        data=_script_json(page),
    )
