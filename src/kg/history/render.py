"""A diff written out: text for the terminal, Markdown for a changelog, JSON for programs, an Atom feed for readers.

Numbers read as every other view shows them (`kg.core.figures`); names and concept labels come from the version that
holds the statement (the new one for additions and changes, the old one for removals). Nothing here reads the clock:
the feed's dates are the commits' (or the release's).
"""

from __future__ import annotations

import json
import re
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from ..core.display import canonical_number, escape_controls
from ..core.errors import UserError
from ..core.figures import FIGURE_QUALIFIERS, statement_figure
from ..core.model import Value
from ..core.namespaces import BASE, MX, XSD
from .diff import Diff, EntityChange, FactChange, FieldChange
from .reading import ReadVersion
from .snapshot import Fact

FORMATS = ("text", "markdown", "json", "atom")
ATOM = "http://www.w3.org/2005/Atom"
_NUMBER_TYPES = {XSD + t for t in ("decimal", "integer", "nonNegativeInteger", "positiveInteger", "double", "float")}
_FIELD_NAMES = {"type": "type", "labels": "label", "aliases": "also known as", "descriptions": "description",
                "note": "note", "same_as": "Wikidata", "citations": "sources of the entity"}
_FIELD_NAMES_ES = {"type": "tipo", "labels": "nombre", "aliases": "también conocido como", "descriptions": "descripción",
                   "note": "nota", "same_as": "Wikidata", "citations": "fuentes de la entidad"}
# The words a change line adds, in each language the pages are written in.
_WORDS = {
    "en": {"error": "a source's error", "correction": "the curators' correction", "citations": "citations",
           "notes": "notes", "and": "and", "changed": "changed"},
    "es": {"error": "error de una fuente", "correction": "corrección de los curadores", "citations": "citas",
           "notes": "notas", "and": "y", "changed": "cambiaron"},
}
_SIGN = {"added": "+", "removed": "-", "changed": "~"}


# ------------------------------------------------------------------------------------------------- phrases

def value_text(value: Value, side: ReadVersion, lang: str = "en") -> str:
    """An entity as `Label (id)`, a concept as its label, a number as people write it, a text as written."""
    if value.kind == "entity":
        label = side.label(value.text, lang)
        return f"{label} ({value.text})" if label else value.text
    if value.kind == "concept":
        return side.vocab.label(value.text.rsplit("/", 1)[-1], lang)
    if value.lang:
        return f"{value.text} @{value.lang}"
    if value.datatype in _NUMBER_TYPES:
        return canonical_number(value.text)
    return value.text


def property_label(name: str, side: ReadVersion, lang: str = "en") -> str:
    prop = side.vocab.properties.get(name)
    return prop.labels.get(lang, prop.labels.get("en", name)) if prop is not None else name


def fact_parts(fact: Fact, side: ReadVersion, lang: str = "en") -> tuple[str, list[str]]:
    """The statement's value (a number with its unit, bound, hedge and status in one phrase) and its qualifiers."""
    figure = statement_figure(fact.statement)
    qualifiers = dict(fact.qualifiers)
    value = value_text(fact.value, side, lang)
    if figure is not None:
        if "quantity" not in qualifiers:
            value = figure.text(lang, side.vocab.label)
        qualifiers = {q: v for q, v in qualifiers.items() if q not in FIGURE_QUALIFIERS or q == "quantity"}
    shown = [f"{property_label(q, side, lang)}: "
             + (figure.text(lang, side.vocab.label) if q == "quantity" and figure is not None
                else value_text(v, side, lang))
             for q, v in sorted(qualifiers.items())]
    words = _WORDS.get(lang, _WORDS["en"])
    if fact.kind == "error":
        value = f"✗ {value} ({words['error']})"
    elif fact.kind == "correction":
        value = f"{value} ({words['correction']})"
    return value, shown


def fact_phrase(fact: Fact, side: ReadVersion, lang: str = "en") -> str:
    value, qualifiers = fact_parts(fact, side, lang)
    return value + (f" ({'; '.join(qualifiers)})" if qualifiers else "")


def _side_of(diff: Diff, change: FactChange) -> ReadVersion:
    return diff.old if change.change == "removed" else diff.new


def change_summary(diff: Diff, change: FactChange, lang: str = "en") -> str:
    """One line: `property: value`, or for a change `property: old → new` and what else changed."""
    side = _side_of(diff, change)
    name = property_label(change.fact.predicate, side, lang)
    if change.change != "changed":
        return f"{name}: {fact_phrase(change.fact, side, lang)}"
    assert change.old is not None and change.new is not None
    before, after = fact_phrase(change.old, diff.old, lang), fact_phrase(change.new, diff.new, lang)
    if "value" in change.what or "qualifiers" in change.what:
        text = f"{name}: {before} → {after}"
    else:
        text = f"{name}: {after}"
    words = _WORDS.get(lang, _WORDS["en"])
    rest = [words[w] for w in change.what if w in ("citations", "notes")]
    joined = f" {words['and']} ".join(rest)
    return text + (f" [{joined} {words['changed']}]" if rest else "")


def citation_lines(change: FactChange) -> list[str]:
    """The citations to show under a change: the statement's; for a change of citations, those added (+) and
    removed (−)."""
    if change.change == "changed" and "citations" in change.what:
        assert change.old is not None and change.new is not None
        added = sorted(change.new.citations - change.old.citations)
        removed = sorted(change.old.citations - change.new.citations)
        kept = sorted(change.new.citations & change.old.citations)
        return [f"+ {c.text}" for c in added] + [f"− {c.text}" for c in removed] + [f"  {c.text}" for c in kept]
    return [c.text for c in sorted(change.fact.citations)]


def note_lines(change: FactChange) -> list[str]:
    if change.change == "changed" and "notes" in change.what:
        assert change.old is not None and change.new is not None
        return ([f"note was: {n}" for n in change.old.notes if n not in change.new.notes]
                + [f"note now: {n}" for n in change.new.notes if n not in change.old.notes])
    return []


def _field_value(field: FieldChange, value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{v if not isinstance(v, tuple) else ', '.join(v)} ({k})" if k else
                         (v if not isinstance(v, tuple) else ", ".join(v)) for k, v in sorted(value.items())) or "—"
    if isinstance(value, frozenset):
        return "; ".join(c.text for c in sorted(value)) or "—"
    if isinstance(value, tuple):
        return ", ".join(value) or "—"
    return str(value) or "—"


def field_summary(field: FieldChange, lang: str = "en") -> str:
    names = _FIELD_NAMES_ES if lang == "es" else _FIELD_NAMES
    return f"{names.get(field.name, field.name)}: {_field_value(field, field.old)} → {_field_value(field, field.new)}"


def heading(change: EntityChange, lang: str = "en") -> str:
    state = change.state
    renamed = f", renamed from {change.renamed_from}" if change.renamed_from else ""
    return f"{state.label(lang)}  [{change.id}, {state.type}]  {change.status}{renamed}"


def version_line(side: ReadVersion) -> str:
    version = side.version
    release = version.release
    date = version.date[:10] if version.date else None
    parts = [version.label] + ([f"release {release.version} of {release.date}"] if release else []) + (
        [date] if date and not release else [])
    return ", ".join(parts)


def counts_line(diff: Diff) -> str:
    c = diff.counts()
    renamed = f" ({c['entities renamed']} renamed)" if c["entities renamed"] else ""
    entities = "entity" if c["entities added"] == 1 else "entities"
    statements = "statement" if c["statements added"] == 1 else "statements"
    return (f"{c['entities added']} {entities} added, {c['entities removed']} removed, {c['entities changed']} changed"
            f"{renamed}; {c['statements added']} {statements} added, {c['statements removed']} removed, "
            f"{c['statements changed']} changed")


# --------------------------------------------------------------------------------------------------- formats

def render_text(diff: Diff, lang: str = "en") -> str:
    out = [f"from {version_line(diff.old)}", f"  to {version_line(diff.new)}", counts_line(diff)]
    for change in diff.entities:
        out.append("")
        out.append(f"{_SIGN[change.status]} {heading(change, lang)}")
        for field in change.fields:
            out.append(f"    ~ {field_summary(field)}")
        for fact in change.facts:
            out.append(f"    {_SIGN[fact.change]} {change_summary(diff, fact, lang)}")
            out += [f"        {line}" for line in note_lines(fact)]
            out += [f"        - {line}" if line[:1] not in "+− " else f"        {line}" for line in citation_lines(fact)]
    return "\n".join(escape_controls(line) for line in out) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape_controls(text))


def render_markdown(diff: Diff, lang: str = "en") -> str:
    new = diff.new.version
    title = new.release.version if new.release else new.label
    date = new.release.date if new.release else (new.date or "")[:10]
    out = [f"## {_md(title)}" + (f" ({date})" if date else ""), "",
           f"Changes from {_md(version_line(diff.old))} to {_md(version_line(diff.new))}: {_md(counts_line(diff))}."]
    for change in diff.entities:
        state = change.state
        renamed = f", renamed from `{change.renamed_from}`" if change.renamed_from else ""
        out += ["", f"### {_md(state.label(lang))} (`{change.id}`, {state.type}): {change.status}{renamed}", ""]
        for field in change.fields:
            out.append(f"- **changed** {_md(field_summary(field))}")
        for fact in change.facts:
            cites = citation_lines(fact)
            notes = note_lines(fact)
            line = f"- **{fact.change}** {_md(change_summary(diff, fact, lang))}"
            if notes:
                line += " — " + "; ".join(_md(n) for n in notes)
            if cites:
                line += " — *" + "; ".join(_md(c.strip()) for c in cites) + "*"
            out.append(line)
    return "\n".join(out) + "\n"


def _fact_record(fact: Fact | None, side: ReadVersion, lang: str) -> dict | None:
    if fact is None:
        return None
    value, qualifiers = fact_parts(fact, side, lang)
    return {
        "statement": fact.iri,
        "subject": fact.subject,
        "predicate": fact.predicate,
        "value": {"kind": fact.value.kind, "text": fact.value.text, "datatype": fact.value.datatype,
                  "lang": fact.value.lang},
        "qualifiers": {name: v.text for name, v in fact.qualifiers},
        "assessment": fact.kind or None,
        "shown": value,
        "shown_qualifiers": qualifiers,
        "citations": [{"source": c.source, "section": c.section or None, "paragraph": c.paragraph or None,
                       "text": c.text} for c in sorted(fact.citations)],
        "notes": list(fact.notes),
    }


def _jsonable(value: object) -> object:
    if isinstance(value, frozenset):
        return [c.text for c in sorted(value)]
    if isinstance(value, dict):
        return {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(value.items())}
    if isinstance(value, tuple):
        return list(value)
    return value


def _version_record(side: ReadVersion) -> dict:
    v = side.version
    return {"kind": v.kind, "spec": v.spec, "label": v.label, "id": v.ident, "commit": v.commit, "date": v.date,
            "release": {"version": v.release.version, "date": v.release.date} if v.release else None}


def diff_record(diff: Diff, lang: str = "en") -> dict:
    entities = []
    for change in diff.entities:
        state = change.state
        entities.append({
            "id": change.id, "iri": MX + change.id, "label": state.label(lang), "type": state.type,
            "status": change.status, "renamed_from": change.renamed_from, "where": state.where or None,
            "fields": [{"field": f.name, "old": _jsonable(f.old), "new": _jsonable(f.new)} for f in change.fields],
            "statements": [{
                "change": fact.change, "what": list(fact.what),
                "property": property_label(fact.fact.predicate, _side_of(diff, fact), lang),
                "summary": change_summary(diff, fact, lang),
                "old": _fact_record(fact.old, diff.old, lang), "new": _fact_record(fact.new, diff.new, lang),
            } for fact in change.facts],
        })
    return {"old": _version_record(diff.old), "new": _version_record(diff.new), "counts": diff.counts(),
            "renames": dict(sorted(diff.renames.items())), "entities": entities}


def render_json(diff: Diff, lang: str = "en") -> str:
    return json.dumps(diff_record(diff, lang), ensure_ascii=False, indent=2) + "\n"


def atom_date(date: str) -> str:
    """An RFC 3339 date-time: a commit's date as git gives it, a day as its first instant in UTC."""
    return f"{date}T00:00:00Z" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else date


class NoDate(UserError):
    """The new version has no date to put in a feed (neither a commit nor a release)."""


def _x(text: str) -> str:
    """Text fit for XML 1.0: control characters (which it cannot hold) written as visible escapes."""
    return escape_controls(text, keep_newlines=True)


def render_atom(diff: Diff, lang: str = "en") -> str:
    """An Atom feed (RFC 4287): one entry per entity that changed, all dated by the new version."""
    new = diff.new.version
    date = new.release.date if new.release and new.kind != "revision" else new.date
    if not date:
        raise NoDate(f"{new.label} has no date: compare git revisions, or give the folder a release.yaml")
    updated = atom_date(date)
    feed = Element("feed", xmlns=ATOM)
    feed_id = f"{BASE}changes/{diff.old.version.ident}..{new.ident}"
    SubElement(feed, "id").text = feed_id
    SubElement(feed, "title").text = _x(f"Mexico security knowledge graph: changes from {version_line(diff.old)} to " \
                                        f"{version_line(diff.new)}")
    SubElement(feed, "subtitle").text = _x(counts_line(diff))
    SubElement(feed, "updated").text = updated
    author = SubElement(feed, "author")
    SubElement(author, "name").text = _x(new.author or "The graph's curators")
    SubElement(feed, "generator").text = "kg diff"
    SubElement(feed, "link", rel="alternate", href=BASE)
    for change in diff.entities:
        entry = SubElement(feed, "entry")
        SubElement(entry, "id").text = f"{feed_id}/{change.id}"
        counts = {}
        for fact in change.facts:
            counts[fact.change] = counts.get(fact.change, 0) + 1
        what = ", ".join(f"{n} statement{'s' if n != 1 else ''} {kind}" for kind, n in sorted(counts.items()))
        SubElement(entry, "title").text = _x(f"{change.state.label(lang)} ({change.status}" + (
            f": {what})" if what else ")"))
        SubElement(entry, "updated").text = updated
        SubElement(entry, "link", rel="alternate", href=MX + change.id)
        SubElement(entry, "category", term=change.status)
        lines = [heading(change, lang)] + [field_summary(f) for f in change.fields]
        for fact in change.facts:
            lines.append(f"{_SIGN[fact.change]} {change_summary(diff, fact, lang)}")
            lines += [f"    {c}" for c in note_lines(fact) + citation_lines(fact)]
        SubElement(entry, "content", type="text").text = _x("\n".join(lines))
    indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(feed, encoding="unicode") + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json, "atom": render_atom}
