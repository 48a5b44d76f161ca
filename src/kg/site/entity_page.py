"""What an entity's page shows, as plain data for its template: names in both languages, type, description, every
statement grouped by property (through the one value presenter) with its qualifiers and its sources down to the
paragraph, source errors beside their corrections, values sources disagree on side by side, the entity's events on
a small timeline, its place on a small map, its neighbours and who refers to it; for a source, what the graph takes
from it paragraph by paragraph and the errors found in it."""

from __future__ import annotations

import re
from collections import defaultdict

from markupsafe import Markup, escape

from ..core.evidence import statement_evidence
from ..core.figures import asserted, event_toll, observation_figure
from ..core.model import Citation, Entity, Statement, Value
from ..core.namespaces import MX, WD, XSD
from ..history.entity_history import dated_relations, relations_by_year
from ..outputs.entity_statements import ShownValue, property_groups, property_label, shown_value
from . import paths, strings, svg_map, svg_timeline
from .graph_index import GraphIndex
from .history import SiteHistory, history_section, relation_strip

LIST_CAP = 300  # neighbours, and referrers per property, listed on a page; the rest are counted
TIMELINE_CAP = 60
ADDRESS_PREDICATES = ("url", "archivedAt")
_ANY_URI = XSD + "anyURI"
_DATE_TYPES = {XSD + "date", XSD + "gYearMonth", XSD + "gYear"}


def _is_date(value: Value) -> bool:
    return value.kind == "literal" and value.datatype in _DATE_TYPES


def web_address(text: str) -> str | None:
    """An address a reader may follow: http or https only (never `javascript:` or `file:`)."""
    return text if text.startswith(("https://", "http://")) and not any(c.isspace() for c in text) else None


_LAYOUT = re.compile(r"\n *")


def script_json(text: str) -> Markup:
    """JSON text that is safe inside a <script> element: no `<` can close it (`\\u003c` reads the same in JSON).
    The line breaks and indentation of the JSON-LD writer are taken out (a JSON string never holds a raw line
    break, so only layout goes): the same document, a third smaller on every page."""
    text = _LAYOUT.sub("", text)
    return Markup(text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def paragraph_anchor(section: str | None, paragraph: int | None) -> str:
    """The id of a paragraph's entry on its source's page."""
    if section and paragraph is not None:
        return f"p-{section}-{paragraph}"
    if section:
        return f"s-{section}"
    if paragraph is not None:
        return f"p-{paragraph}"
    return "whole"


class EntityPages:
    """Makes the template data of entity pages; one per site build (it keeps the source addresses it has read)."""

    def __init__(self, ix: GraphIndex, *, explorer: bool, history: SiteHistory | None = None):
        self.ix = ix
        self.explorer = explorer
        self.history = history
        self._relations = dated_relations(ix.model, ix.vocab)  # every entity's dated relations, in one pass
        self._addresses: dict[str, list[str]] = {}
        self._last_around: tuple | None = None
        self._cite_items: dict[tuple, str] = {}  # one citation's list item, by (source, section, paragraph, lang, root)

    # ------------------------------------------------------------------ links

    def entity_href(self, entity_id: str, lang: str, root: str) -> str | None:
        if entity_id not in self.ix.model.entities:
            return None
        return root + paths.entity_page_path(entity_id, lang)

    def link(self, entity_id: str, lang: str, root: str) -> dict:
        return {"href": self.entity_href(entity_id, lang, root), "label": self.ix.label(entity_id, lang),
                "id": entity_id}

    def addresses(self, source_id: str) -> list[str]:
        """Where a source can be read, as the graph records it (its `url` and `archivedAt`, http or https only)."""
        found = self._addresses.get(source_id)
        if found is None:
            source = self.ix.model.entities.get(source_id)
            found = []
            for st in source.statements if source is not None else ():
                if st.predicate in ADDRESS_PREDICATES and not st.error and (url := web_address(st.value.text)):
                    found.append(url)
            self._addresses[source_id] = found
        return found

    def citation(self, citation: Citation, lang: str, root: str) -> dict:
        source = self.ix.model.entities.get(citation.source)
        section = source.sections.get(citation.section) if source is not None and citation.section else None
        locator = []
        if section is not None:
            locator.append(f"§ {section.heading}")
        if citation.paragraph is not None:
            locator.append(f"¶ {citation.paragraph}")
        href = self.entity_href(citation.source, lang, root)
        anchor = paragraph_anchor(citation.section if section is not None else None, citation.paragraph)
        return {"href": f"{href}#{anchor}" if href else None, "label": self.ix.label(citation.source, lang),
                "locator": ", ".join(locator), "addresses": self.addresses(citation.source),
                "curator": self.ix.is_a(citation.source, "CuratorKnowledge")}

    def cites_html(self, citations: list[Citation], lang: str, root: str) -> Markup:
        """A statement's citations as a list: each source linked to the paragraph on its page, with the locator and
        the source's address. Each item is made once per site and language (the same citation recurs on many
        pages); every text in it is escaped."""
        if not citations:
            return Markup("")
        items = []
        for c in citations:
            key = (c.source, c.section, c.paragraph, lang, root)
            item = self._cite_items.get(key)
            if item is None:
                d = self.citation(c, lang, root)
                label = escape(d["label"])
                item = "<li class=\"curator\">" if d["curator"] else "<li>"
                item += f'<a href="{escape(d["href"])}">{label}</a>' if d["href"] else str(label)
                if d["locator"]:
                    item += f', <span class="locator">{escape(d["locator"])}</span>'
                for address in d["addresses"]:
                    item += (f' · <a class="address" href="{escape(address)}" rel="external noreferrer">'
                             f'{escape(strings.text("source_address", lang))}</a>')
                item = self._cite_items[key] = item + "</li>"
            items.append(item)
        return Markup('<ol class="cites">' + "".join(items) + "</ol>")

    def evidence_text(self, st: Statement, lang: str) -> str:
        """How many independent sources stand behind the statement (by publisher, curator knowledge apart:
        kg.core.evidence), in words."""
        evidence = statement_evidence(st, self.ix.model)
        parts = []
        if evidence.independent:
            parts.append(strings.text("independent_one" if evidence.independent == 1 else "independent_many", lang,
                                      n=strings.number_text(evidence.independent)))
        if evidence.curator:
            parts.append(strings.text("also_curator" if parts else "only_curator", lang))
        return " · ".join(parts)

    # ------------------------------------------------------------------ statements

    def value(self, item: ShownValue, lang: str, root: str) -> dict:
        st = item.statement
        v = st.value
        out: dict = {"text": item.text, "href": None, "lang": v.lang, "address": None}
        if v.kind == "entity":
            out.update(text=self.ix.label(v.text, lang), href=self.entity_href(v.text, lang, root))
        elif v.kind == "literal" and (v.datatype == _ANY_URI or st.predicate in ADDRESS_PREDICATES):
            out["address"] = web_address(v.text)
        elif item.figure is None and _is_date(v):
            out["text"] = strings.date_text(v.text, lang)
        out["qualifiers"] = [
            {"label": q.label,
             "text": self.ix.label(q.value.text, lang) if q.value.kind == "entity" else
             strings.date_text(q.text, lang) if _is_date(q.value) else q.text,
             "href": self.entity_href(q.value.text, lang, root) if q.value.kind == "entity" else None}
            for q in item.qualifiers]
        out["citations"] = self.cites_html(st.citations, lang, root)
        out["evidence"] = self.evidence_text(st, lang) if not item.error else ""
        out["note"] = st.note or ""
        out["error"] = item.error
        out["correction"] = self.value(item.correction, lang, root) if item.correction is not None else None
        out["differs"] = [{"text": self.ix.label(d.statement.value.text, lang) if d.statement.value.kind == "entity"
                           else strings.date_text(d.text, lang) if _is_date(d.statement.value) else d.text,
                           "sources": [self.link(s, lang, root) for s in d.sources], "same_source": d.same_source,
                           "citations": self.cites_html(d.statement.citations, lang, root)}
                          for d in item.differs]
        return out

    def statement_groups(self, entity: Entity, lang: str, root: str) -> list[dict]:
        return [{"label": group.label, "predicate": group.predicate,
                 "shown": [self.value(item, lang, root) for item in group.values]}
                for group in property_groups(self.ix.model, self.ix.vocab, entity, lang, self.ix.places)]

    # ------------------------------------------------------------------ around the entity

    def neighbours(self, entity: Entity) -> set[str]:
        found = set()
        for st in entity.statements:
            shown = asserted(st)
            if shown is not None and shown.value.kind == "entity":
                found.add(shown.value.text)
        found.update(st.subject for st in self.ix.referrers.get(entity.id, ()))
        found.discard(entity.id)
        return {n for n in found if n in self.ix.model.entities}

    def neighbour_groups(self, neighbours: set[str], lang: str, root: str) -> tuple[list[dict], int]:
        by_class: dict[str, list[str]] = defaultdict(list)
        for n in neighbours:
            by_class[self.ix.top(n)].append(n)
        groups, hidden = [], 0
        for cls in sorted(by_class, key=lambda c: self.ix.class_label(c, lang)):
            ids = sorted(by_class[cls], key=lambda n: self.ix.sort_key(n, lang))
            hidden += max(len(ids) - LIST_CAP, 0)
            groups.append({"label": self.ix.class_label(cls, lang), "count": len(ids),
                           "members": [self.link(n, lang, root) for n in ids[:LIST_CAP]],
                           "more": max(len(ids) - LIST_CAP, 0)})
        return groups, hidden

    def referrer_groups(self, entity: Entity, lang: str, root: str) -> list[dict]:
        by_property: dict[str, list[Statement]] = defaultdict(list)
        for st in self.ix.referrers.get(entity.id, ()):
            by_property[st.predicate].append(st)
        groups = []
        for predicate in sorted(by_property, key=lambda p: (property_label(self.ix.vocab, p, lang), p)):
            subjects = sorted({st.subject for st in by_property[predicate]}, key=lambda n: self.ix.sort_key(n, lang))
            groups.append({"label": property_label(self.ix.vocab, predicate, lang), "count": len(subjects),
                           "members": [self.link(s, lang, root) for s in subjects[:LIST_CAP]],
                           "more": max(len(subjects) - LIST_CAP, 0)})
        return groups

    def _events(self, entity: Entity, neighbours: set[str]) -> tuple[int, svg_timeline.Layout] | None:
        """How many dated events the entity has (itself, its case, its neighbours) and the first ones drawn."""
        ix = self.ix
        wanted = {n for n in neighbours if n in ix.spans}
        if entity.id in ix.spans:
            wanted.add(entity.id)
        case = ix.case_of(entity.id) or (entity.id if entity.id in ix.children else None)
        if case is not None:
            wanted.update(m for m in [case, *ix.case_members(case)] if m in ix.spans)
        if not wanted:
            return None
        ordered = sorted(wanted, key=ix.event_order)
        shown = ordered[:TIMELINE_CAP]
        return len(ordered), svg_timeline.layout([(e, ix.spans[e]) for e in shown], entity.id)

    def _around(self, entity: Entity) -> tuple:
        """What does not depend on the language — neighbours, events, places — made once for both pages."""
        if self._last_around is None or self._last_around[0] is not entity:
            neighbours = self.neighbours(entity)
            self._last_around = (entity, neighbours, self._events(entity, neighbours),
                                 self.ix.whereabouts(entity.id))
        return self._last_around[1:]

    def timeline(self, events: tuple[int, svg_timeline.Layout] | None, lang: str, root: str) -> dict | None:
        if events is None:
            return None
        ix = self.ix
        total, drawn = events
        events = []
        for mark in drawn.marks:
            span = ix.spans[mark.entity_id]
            events.append({**self.link(mark.entity_id, lang, root), "mark": mark,
                           "when": self.when_text(span, lang), "type": ix.class_label(
                               ix.model.entities[mark.entity_id].type, lang)})
        return {"events": events, "ticks": drawn.ticks, "width": svg_timeline.WIDTH, "height": drawn.height,
                "axis": drawn.axis, "total": total,
                "more": strings.text("timeline_more", lang, shown=len(drawn.marks), total=total)
                if total > len(drawn.marks) else ""}

    @staticmethod
    def when_text(span, lang: str) -> str:
        dates = dict(span.dates)
        if "date" in dates:
            shown = strings.date_text(dates["date"], lang)
        else:
            shown = " – ".join(strings.date_text(dates[k], lang) if k in dates else "…" for k in ("start", "end"))
        if "earliest" in dates or "latest" in dates:
            bounds = " – ".join(strings.date_text(dates[k], lang) if k in dates else "…" for k in ("earliest", "latest"))
            shown += f" ({bounds})"
        return shown

    def map(self, places: list[tuple[str, list[str]]], lang: str, root: str) -> dict | None:
        if not places:
            return None
        marks, states, caption = [], [], []
        for place, path in places:
            if place in self.ix.state_codes:
                d = svg_map.state_path(self.ix.outlines, self.ix.state_codes[place])
                if d:
                    states.append({"d": d, **self.link(place, lang, root)})
            where = self.ix.coordinates.get(place)
            if where is not None and svg_map.inside(*where):
                x, y = svg_map.project(*where)
                marks.append({"x": x, "y": y, **self.link(place, lang, root)})
            caption.append({**self.link(place, lang, root), "through": [self.link(p, lang, root) for p in path],
                            "coordinates": where})
        if not marks and not states:
            return None
        return {"marks": marks, "states": states, "caption": caption, "width": svg_map.WIDTH,
                "height": svg_map.HEIGHT}

    # ------------------------------------------------------------------ a source's page

    def source_section(self, entity: Entity, lang: str, root: str) -> dict:
        """What the graph takes from the source: every citation of it, by section (in the source's order) and
        paragraph, and the errors the curators found in it."""
        ix = self.ix
        # (section, paragraph) → subject id → what the graph takes from there about that subject
        by_place: dict[tuple[str | None, int | None], dict[str, list[dict]]] = defaultdict(dict)
        statements, subjects = 0, set()
        for subject, st, citation in ix.citing.get(entity.id, ()):
            section = citation.section if citation.section in entity.sections else None
            facts = by_place[(section, citation.paragraph)].setdefault(subject.id, [])
            subjects.add(subject.id)
            if st is None:
                facts.append({"property": strings.text("names_and_description", lang), "value": None})
                continue
            statements += 1
            facts.append({"property": property_label(ix.vocab, st.predicate, lang),
                          "value": self.value(self._shown(st, lang), lang, root) | {"citations": ""}})

        def taken(key: tuple[str | None, int | None]) -> list[dict]:
            return [{"subject": self.link(subject, lang, root), "facts": facts}
                    for subject, facts in by_place.get(key, {}).items()]

        sections = []
        for slug, section in entity.sections.items():
            paragraphs = sorted((p for s, p in by_place if s == slug and p is not None))
            entries = [{"n": p, "anchor": paragraph_anchor(slug, p), "taken": taken((slug, p))}
                       for p in paragraphs]
            whole = taken((slug, None))
            sections.append({"slug": slug, "heading": section.heading, "paragraphs": section.paragraphs,
                             "anchor": paragraph_anchor(slug, None), "entries": entries, "whole": whole})
        loose = [{"n": p, "anchor": paragraph_anchor(None, p), "taken": taken((None, p))}
                 for p in sorted(p for s, p in by_place if s is None and p is not None)]
        errors = []
        for subject, st in ix.errors_in.get(entity.id, ()):
            errors.append({"subject": self.link(subject.id, lang, root),
                           "property": property_label(ix.vocab, st.predicate, lang),
                           "value": self.value(self._shown(st, lang), lang, root)})
        return {"sections": sections, "loose": loose, "whole": taken((None, None)), "errors": errors,
                "statements": statements, "entities": len(subjects), "addresses": self.addresses(entity.id)}

    def _shown(self, st: Statement, lang: str) -> ShownValue:
        item = shown_value(self.ix.model, self.ix.vocab, st, lang)
        if st.error:
            item.error = st.error
            if st.correction is not None:
                item.correction = shown_value(self.ix.model, self.ix.vocab, st.correction, lang)
        return item

    def relation_years(self, entity_id: str, lang: str, root: str) -> dict | None:
        """The "relations by year" strip, for an entity with dated relations."""
        if entity_id not in self._relations:
            return None
        years = relations_by_year(self.ix.model, self.ix.vocab, entity_id, relations=self._relations)
        return relation_strip(years, self.ix.label, lambda other: self.entity_href(other, lang, root),
                              lambda predicate, lg: property_label(self.ix.vocab, predicate, lg), lang,
                              hatch=f"hatch-{entity_id}")

    # ------------------------------------------------------------------ the page

    def context(self, entity_id: str, lang: str, jsonld: str) -> dict:
        ix = self.ix
        entity = ix.model.entities[entity_id]
        path = paths.entity_page_path(entity_id, lang)
        root = paths.root_of(path)
        other = "es" if lang == "en" else "en"
        description = entity.descriptions.get(lang)
        description_lang = lang
        if description is None and entity.descriptions:
            description_lang, description = next(iter(sorted(entity.descriptions.items())))
        figures = []
        if ix.vocab.is_a(entity.type, "Event") and (toll := event_toll(entity)) is not None:
            figures.append((strings.text("death_toll", lang), toll.text(lang, ix.vocab.label)))
        if ix.vocab.is_a(entity.type, "Observation") and (figure := observation_figure(entity)) is not None:
            figures.append((strings.text("figure", lang), figure.text(lang, ix.vocab.label)))
        neighbours, events, places = self._around(entity)
        neighbour_groups, _ = self.neighbour_groups(neighbours, lang, root)
        return {
            "lang": lang, "path": path, "root": root,
            "switch_href": paths.page_file(other), "other_lang": other,
            "alternates": {"en": paths.page_file("en"), "es": paths.page_file("es")},
            "title": ix.label(entity_id, lang),
            "id": entity_id, "iri": MX + entity_id,
            "type": entity.type, "type_label": ix.class_label(entity.type, lang),
            "type_href": f"{root}types/{entity.type}/{paths.page_file(lang)}",
            "labels": {k: entity.labels[k] for k in sorted(entity.labels)},
            "aliases": list(dict.fromkeys(a for k in sorted(entity.aliases) for a in entity.aliases[k])),
            "description": description, "description_lang": description_lang,
            "note": entity.note or "",
            "same_as": [{"qid": q, "href": f"{WD}{q}"} for q in entity.same_as],
            "figures": figures,
            "entity_citations": self.cites_html(entity.citations, lang, root),
            "groups": self.statement_groups(entity, lang, root),
            "timeline": self.timeline(events, lang, root),
            "map": self.map(places, lang, root),
            "relation_years": self.relation_years(entity_id, lang, root),
            "history": history_section(self.history, entity_id, lang),
            "neighbours": neighbour_groups,
            "referrers": self.referrer_groups(entity, lang, root),
            "source": self.source_section(entity, lang, root) if ix.vocab.is_a(entity.type, "Source") else None,
            "explorer_href": f"{root}{paths.EXPLORER}#/entity/{entity_id}" if self.explorer else None,
            "jsonld": script_json(jsonld),
        }
