"""The pages that list entities — by type, by case, by year, the sources — the home page, the SPARQL examples and
the 404 page: each as (path, template, data) for every language. Long lists are cut into numbered pages at stable
addresses (`types/Incident/index.html`, `types/Incident/2/index.html`, ...)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from ..core.figures import asserted
from . import paths, strings
from .entity_page import EntityPages
from .graph_index import GraphIndex

PAGE_SIZE = 500
HOME_SOURCES = 40  # sources listed on the home page; the sources page lists them all


@dataclass(frozen=True)
class QueryExample:
    """A named SPARQL question of the library, as the SPARQL examples page shows it."""

    name: str
    title: str
    description: str
    text: str
    examples: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()

    @classmethod
    def of(cls, query) -> QueryExample:
        """The example of one of the library's named queries (`kg.query.library.NamedQuery`)."""
        return cls(query.name, query.title, query.description, query.text, tuple(query.examples),
                   tuple(p.usage() for p in query.parameters))


@dataclass
class Page:
    path: str  # relative to the site's root
    template: str
    data: dict = field(default_factory=dict)


def _page(path: str, template: str, lang: str, title: str, **data) -> Page:
    other = "es" if lang == "en" else "en"
    return Page(path, template, {"lang": lang, "root": paths.root_of(path), "title": title,
                                 "switch_href": paths.page_file(other), "other_lang": other,
                                 "alternates": {"en": paths.page_file("en"), "es": paths.page_file("es")}, **data})


def _paged(folder: str, lang: str, title: str, items: list[dict], intro: str = "") -> Iterator[Page]:
    """A list cut into pages of PAGE_SIZE: `folder/index.html`, `folder/2/index.html`, ..."""
    chunks = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    total = len(chunks)
    for number, chunk in enumerate(chunks, start=1):
        here = folder if number == 1 else f"{folder}/{number}"
        pager = None
        if total > 1:
            back = "../" if number > 1 else ""

            def href(k: int, back: str = back) -> str:
                return (back + paths.page_file(lang)) if k == 1 else f"{back}{k}/{paths.page_file(lang)}"

            pager = {"label": strings.text("page_n", lang, n=number, total=total),
                     "previous": href(number - 1) if number > 1 else None,
                     "next": href(number + 1) if number < total else None}
        yield _page(f"{here}/{paths.page_file(lang)}", "list.html", lang, title, intro=intro,
                    groups=[{"members": chunk}], pager=pager)


class IndexPages:
    def __init__(self, ix: GraphIndex, pages: EntityPages):
        self.ix = ix
        self.pages = pages

    def _item(self, entity_id: str, lang: str, root: str, *, description: bool = True, when: bool = False) -> dict:
        entity = self.ix.model.entities[entity_id]
        item = self.pages.link(entity_id, lang, root)
        if description and entity.descriptions:
            text_lang = lang if lang in entity.descriptions else next(iter(sorted(entity.descriptions)))
            item["text"] = entity.descriptions[text_lang]
            item["text_lang"] = text_lang if text_lang != lang else None
        if when and entity_id in self.ix.spans:
            item["when"] = self.pages.when_text(self.ix.spans[entity_id], lang)
        return item

    # ------------------------------------------------------------------ by type

    def types(self, lang: str) -> Iterator[Page]:
        ix = self.ix
        by_type: dict[str, list[str]] = defaultdict(list)
        for entity_id in ix.ids:
            by_type[ix.model.entities[entity_id].type].append(entity_id)
        by_top: dict[str, list[str]] = defaultdict(list)
        for type_name in by_type:
            by_top[ix.top(by_type[type_name][0])].append(type_name)
        root = "../"
        groups = []
        for top in sorted(by_top, key=lambda c: ix.class_label(c, lang)):
            names = sorted(by_top[top], key=lambda c: ix.class_label(c, lang))
            groups.append({"title": ix.class_label(top, lang), "count": strings.number_text(
                sum(len(by_type[n]) for n in names)),
                "members": [{"label": ix.class_label(n, lang), "href": f"{root}types/{n}/{paths.page_file(lang)}",
                           "count": strings.number_text(len(by_type[n]))} for n in names]})
        yield _page(f"types/{paths.page_file(lang)}", "list.html", lang, strings.text("all_types", lang),
                    groups=groups)
        for type_name in sorted(by_type):
            ids = sorted(by_type[type_name], key=lambda e: ix.sort_key(e, lang))
            cls = ix.vocab.classes.get(type_name)
            intro = strings.text("count_entities", lang, n=strings.number_text(len(ids)))
            if cls is not None and cls.definition:
                intro = f"{cls.definition} — {intro}" if lang == "en" else intro
            items = [self._item(e, lang, "") for e in ids]
            pages = list(_paged(f"types/{type_name}", lang, ix.class_label(type_name, lang), items, intro))
            for page in pages:  # the links were made for the folder's depth; fix each page's own
                root = page.data["root"]
                for item in page.data["groups"][0]["members"]:
                    item["href"] = self.pages.entity_href(item["id"], lang, root)
            yield from pages

    # ------------------------------------------------------------------ by case

    def cases(self, lang: str) -> Iterator[Page]:
        ix = self.ix
        root = "../"
        groups = []
        for case in ix.cases:
            members = ix.case_members(case)
            span = ix.spans.get(case)
            groups.append({"title": ix.label(case, lang), "href": self.pages.entity_href(case, lang, root),
                           "anchor": f"case-{case}", "count": strings.text("count_events", lang,
                                                                            n=strings.number_text(len(members))),
                           "when": self.pages.when_text(span, lang) if span else "",
                           "members": [self._item(m, lang, root, description=False, when=True) for m in members]})
        intro = "" if groups else strings.text("no_cases", lang)
        yield _page(f"cases/{paths.page_file(lang)}", "list.html", lang, strings.text("all_cases", lang),
                    groups=groups, intro=intro)

    # ------------------------------------------------------------------ by year

    def years(self, lang: str) -> Iterator[Page]:
        ix = self.ix
        by_year: dict[str, list[str]] = defaultdict(list)
        for entity_id, span in ix.spans.items():
            by_year[span.year].append(entity_id)
        root = "../"
        items = [{"label": year, "href": f"{root}years/{year}/{paths.page_file(lang)}",
                  "count": strings.number_text(len(by_year[year]))} for year in sorted(by_year)]
        yield _page(f"years/{paths.page_file(lang)}", "list.html", lang, strings.text("all_years", lang),
                    groups=[{"members": items}])
        for year in sorted(by_year):
            ids = sorted(by_year[year], key=ix.event_order)
            items = [self._item(e, lang, "", description=False, when=True) for e in ids]
            for item in items:
                item["sub"] = ix.class_label(ix.model.entities[item["id"]].type, lang)
            pages = list(_paged(f"years/{year}", lang, strings.text("events_in", lang, year=year), items,
                                strings.text("count_events", lang, n=strings.number_text(len(ids)))))
            for page in pages:
                for item in page.data["groups"][0]["members"]:
                    item["href"] = self.pages.entity_href(item["id"], lang, page.data["root"])
            yield from pages

    # ------------------------------------------------------------------ sources

    def source_rows(self, lang: str, root: str) -> list[dict]:
        """Every source with its publishers, publication date and how many statements cite it, the most cited first
        (curator knowledge is listed on its own)."""
        ix = self.ix
        counts = Counter()
        for source, cited in ix.citing.items():
            counts[source] = sum(1 for _, st, _ in cited if st is not None)
        rows = []
        for entity_id in ix.ids:
            entity = ix.model.entities[entity_id]
            if not ix.vocab.is_a(entity.type, "Source") or ix.vocab.is_a(entity.type, "CuratorKnowledge"):
                continue
            publishers, published = [], ""
            for st in entity.statements:
                shown = asserted(st)
                if shown is None:
                    continue
                if shown.predicate == "publisher" and shown.value.kind == "entity":
                    publishers.append(self.pages.link(shown.value.text, lang, root))
                elif shown.predicate == "published" and not published:
                    published = shown.value.text
            rows.append({**self.pages.link(entity_id, lang, root), "publishers": publishers,
                         "published_iso": published,
                         "published": strings.date_text(published, lang) if published else strings.text("undated", lang),
                         "count": counts[entity_id], "statements": strings.number_text(counts[entity_id])})
        rows.sort(key=lambda r: (-r["count"], r["published_iso"], r["id"]))
        return rows

    def sources(self, lang: str) -> Iterator[Page]:
        root = "../"
        rows = self.source_rows(lang, root)
        head = [strings.text(k, lang) for k in ("title", "publisher", "published", "statements_citing")]
        table = {"head": head, "rows": [
            [{"text": r["label"], "href": r["href"]},
             {"text": ", ".join(p["label"] for p in r["publishers"])},
             {"text": r["published"]}, {"text": r["statements"]}] for r in rows]}
        yield _page(f"sources/{paths.page_file(lang)}", "list.html", lang, strings.text("all_sources", lang),
                    groups=[{"table": table}])

    # ------------------------------------------------------------------ home, queries, 404

    def data_as_of(self) -> str:
        """The latest publication date of any source (deterministic: from the data, never the clock)."""
        latest = ""
        for entity in self.ix.model.entities.values():
            if not self.ix.vocab.is_a(entity.type, "Source"):
                continue
            for st in entity.statements:
                shown = asserted(st)
                if shown is not None and shown.predicate == "published" and shown.value.kind == "literal":
                    if shown.value.text > latest:
                        latest = shown.value.text
        return latest

    def home(self, lang: str, compiled_stats: dict, dumps: list[dict]) -> Page:
        ix = self.ix
        root = ""
        by_top = Counter(ix.top(e) for e in ix.ids)
        coverage = [{"label": ix.class_label(top, lang), "count": strings.number_text(n),
                     "href": f"types/{paths.page_file(lang)}"} for top, n in
                    sorted(by_top.items(), key=lambda kv: (-kv[1], kv[0]))]
        errors = sum(1 for st in ix.model.statements() if st.error)
        coverage_text = strings.text("coverage_statements", lang,
                                     statements=strings.number_text(compiled_stats["statements"]),
                                     cited=strings.number_text(compiled_stats["cited"]),
                                     located=strings.number_text(compiled_stats["located"]),
                                     errors=strings.number_text(errors))
        rows = self.source_rows(lang, root)
        curator = None
        for entity_id in ix.ids:
            if ix.is_a(entity_id, "CuratorKnowledge"):
                only = sum(1 for _, st, _ in ix.citing.get(entity_id, ()) if st is not None
                           and {c.source for c in st.citations} == {entity_id})
                curator = {**self.pages.link(entity_id, lang, root),
                           "text": strings.text("curator_text", lang, n=strings.number_text(only))}
                break
        more = len(rows) - HOME_SOURCES
        return _page(paths.page_file(lang), "home.html", lang, strings.text("site", lang), coverage=coverage,
                     coverage_text=coverage_text, sources=rows[:HOME_SOURCES], curator=curator, dumps=dumps,
                     sources_more=f"{strings.text('all_sources', lang)} ({strings.number_text(len(rows))})"
                     if more > 0 else "")

    def queries(self, lang: str, queries: list[QueryExample]) -> Page:
        return _page(f"queries/{paths.page_file(lang)}", "queries.html", lang, strings.text("queries", lang),
                     queries=queries)

    def search(self, lang: str, scripts: list[str]) -> Page:
        return _page(f"search/{paths.page_file(lang)}", "search.html", lang, strings.text("search", lang),
                     search_scripts=scripts)

    def not_found(self, base_path: str, css: str) -> Page:
        """The 404 page: a static host serves it at any missing address, so its links start at the site's path and
        its style is inside it (allowed by its hash in the page's Content-Security-Policy)."""
        import base64
        import hashlib

        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
        page = _page("404.html", "notfound.html", "en", strings.text("not_found", "en"),
                     other_text=strings.text("not_found_text", "es"))
        page.data.update(root=base_path, switch_href=None, alternates=None, inline_css=Markup(css),
                         inline_css_hash=f"sha256-{digest}")
        return page
