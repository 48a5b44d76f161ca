"""Full-text search over names, aliases and descriptions in English and Spanish, offline and accent-insensitive.

The search runs on Lunr (lunr.js 2.3.9 and lunr-languages' Spanish stemmer), copied at build time from the
installed `mkdocs` package, which ships them for its own search. Why Lunr: Pagefind (a maintained Rust indexer on
PyPI) loads its index with `fetch` and WebAssembly, which browsers refuse on `file://`, and MiniSearch exists only on
npm. Lunr's index is built in the reader's browser from a data file loaded by a plain <script> (which `file://`
allows), with English and Spanish stemming; the texts are written accent-free and lower-case here (kg.core.names.fold,
the folding every name lookup of the project uses) and the query is folded the same way in the page, so "Culiacan"
finds Culiacán. The data file holds only what the search needs: names, folded texts and types.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from ..core.errors import UserError
from ..core.model import Model
from ..core.names import entity_names, fold
from ..load.vocabulary import Vocabulary

# Loaded in this order by the search page; the first four come from mkdocs, the last two are the site's.
LUNR_FILES = ("lunr.js", "lunr.stemmer.support.js", "lunr.es.js", "lunr.multi.js")
DATA_FILE = "search-data.js"
PAGE_SCRIPT = "search.js"
SCRIPTS = (*LUNR_FILES, DATA_FILE, PAGE_SCRIPT)


def lunr_sources() -> dict[str, Path]:
    """Where the installed mkdocs package keeps lunr.js and lunr-languages (found without importing mkdocs)."""
    spec = importlib.util.find_spec("mkdocs")
    if spec is None or spec.origin is None:
        raise UserError("the site's search needs the `mkdocs` package (it ships lunr.js): pip install mkdocs")
    search = Path(spec.origin).parent / "contrib" / "search"
    found = {"lunr.js": search / "templates" / "search" / "lunr.js"}
    for name in LUNR_FILES[1:]:
        found[name] = search / "lunr-language" / name
    missing = [str(p) for p in found.values() if not p.is_file()]
    if missing:
        raise UserError(f"the installed mkdocs package lacks {', '.join(missing)}: reinstall it")
    return found


def search_data(model: Model, vocab: Vocabulary) -> bytes:
    """The search's documents as a script that sets `window.KG_SEARCH`: types (labels in both languages) and, per
    entity, [id, type, English label, Spanish label, folded labels, [folded other names: aliases, acronyms,
    names as written in sources], folded descriptions]."""
    types: dict[str, int] = {}
    type_labels = []
    docs = []
    for entity_id in sorted(model.entities):
        entity = model.entities[entity_id]
        if entity.type not in types:
            types[entity.type] = len(type_labels)
            cls = vocab.classes.get(entity.type)
            labels = cls.labels if cls is not None else {}
            type_labels.append([labels.get("en", entity.type), labels.get("es", labels.get("en", entity.type))])
        labels = list(dict.fromkeys(fold(entity.labels[lang]) for lang in sorted(entity.labels)))
        names = [n for n in dict.fromkeys(fold(n.text) for n in entity_names(entity) if n.kind != "id")
                 if n not in labels]
        descriptions = " ".join(fold(entity.descriptions[lang]) for lang in sorted(entity.descriptions))
        en = entity.labels.get("en") or next(iter(entity.labels.values()), entity_id)
        es = entity.labels.get("es") or en
        docs.append([entity_id, types[entity.type], en, es, " ".join(labels), names, descriptions])
    data = json.dumps({"types": type_labels, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        data = data.replace(char, escape)
    return f"window.KG_SEARCH = {data};\n".encode()
