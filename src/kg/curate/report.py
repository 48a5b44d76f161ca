"""The two outputs of `kg mentions`: a readable report per paragraph, and a YAML draft in the project's format with
TODOs where a curator decides."""

from __future__ import annotations

import json
import re
from collections import defaultdict

from ..core.display import escape_controls
from ..core.names import fold
from ..text.article import Article
from .gazetteer import Gazetteer
from .mentions import ParagraphMentions

# Characters JSON leaves raw that would reach a terminal unseen: C1 controls and bidirectional marks.
_INVISIBLE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TYPE_HINTS = {"Person": "Person", "Organization": "Organization? CriminalOrganization? GovernmentAgency?",
              "Place": "Municipality? Locality? State?", "?": "Person? Organization? a place type?"}


def cite(source_id: str | None, r: ParagraphMentions) -> str:
    return f"{source_id + ' ' if source_id else ''}§{r.section} ¶{r.paragraph.number}"


def mentions_text(name: str, results: list[ParagraphMentions], gazetteer: Gazetteer, source_id: str | None) -> str:
    """The report: a summary line, then each paragraph with what it names, what may be new, its numbers and dates."""
    entities = {m.entity for r in results for m in r.mentions}
    candidates = {c.name for r in results for c in r.candidates}
    ambiguous = sum(len(r.ambiguous) for r in results)
    sections = len({r.paragraph.section for r in results})
    lines = [f"{name}: {len(results)} paragraph(s) in {sections} section(s); {len(entities)} entities of the graph "
             f"named, {len(candidates)} candidate new name(s), {ambiguous} ambiguous name(s)"]
    ranked = rank_candidates(results)
    if ranked:
        lines.append("candidates, most named first: " + ", ".join(
            f"{c.name} ({n} ¶)" if n > 1 else c.name for c, n in ranked[:MAX_RANKED]))
    for r in results:
        lines.append("")
        lines.append(f"{cite(source_id, r)} (line {r.paragraph.line})")
        if r.mentions:
            named: dict[str, list[str]] = defaultdict(list)
            for m in r.mentions:
                if m.written not in named[m.entity]:
                    named[m.entity].append(m.written)
            lines.append("  graph:   " + ", ".join(f"{e} ({' / '.join(w)})" for e, w in named.items()))
        if r.ambiguous:
            lines.append("  unclear: " + ", ".join(f"“{w}” → {' | '.join(ids)}" for w, ids in r.ambiguous))
        if r.candidates:
            lines.append("  new?:    " + ", ".join(f"{c.name} [{c.guess}{': ' + c.place if c.place else ''}]"
                                                   for c in r.candidates))
        if r.numbers:
            lines.append("  numbers: " + ", ".join(r.numbers))
        if r.dates:
            lines.append("  dates:   " + ", ".join(r.dates))
    # Text from the article reaches a terminal: control characters and bidirectional overrides shown as escapes.
    return "\n".join(escape_controls(line) for line in lines) + "\n"


MAX_RANKED = 15


def rank_candidates(results: list[ParagraphMentions]) -> list[tuple]:
    """Each candidate name once, with the number of paragraphs naming it: most named first, then names the gazetteer
    knows as places, then longer names (a whole name before its parts), then the order of first appearance."""
    first: dict[str, tuple[int, object]] = {}
    counts: dict[str, int] = defaultdict(int)
    for r in results:
        for c in r.candidates:
            key = fold(c.name)
            counts[key] += 1
            first.setdefault(key, (len(first), c))
    order = sorted(first.items(), key=lambda item: (-counts[item[0]], item[1][1].place is None,
                                                    -len(item[0].split()), item[1][0]))
    return [(c, counts[key]) for key, (_, c) in order]


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one) that reads back as `text`, with every control character
    and bidirectional mark written as an escape, so the draft shows on a terminal as it reads."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _slug(text: str) -> str:
    return "-".join(fold(text).split()) or "entity"


def draft_yaml(article: Article, results: list[ParagraphMentions], source_id: str | None, source_known: bool,
               taken: set[str], name: str) -> str:
    """A draft the curator completes: a source entity when the graph lacks it (sections counted by the reader), one
    entity per candidate name (label, type to decide, cited to every paragraph naming it), and the graph's entities
    per paragraph as comments, to add this source's citations to."""
    sid = source_id or "new-article"
    name = escape_controls(name)
    out = [f"# Draft from `kg mentions {name} --yaml`. Fill in every TODO (`kg vocab` lists the types), keep the",
           "# entities you want, and move them into graph/; `kg validate` accepts the file once the TODOs are done.",
           "#", "# The graph's entities each paragraph names (add this source's citations to them where it states",
           "# something new about them):"]
    for r in results:
        if r.entities:
            out.append(f"#   {cite(sid, r)}: {', '.join(r.entities)}")
    out.append("")
    if not source_known:
        sections = [s for s in article.sections if s.paragraphs]
        title = next((s.heading for s in article.sections if s.heading), "TODO")
        first = f"{sid} §{sections[0].key} ¶1" if sections else sid
        out += [f"- id: {sid}  # TODO: the source's id (e.g. author-year)" if not source_id else f"- id: {sid}",
                "  type: Article", f"  label: {{en: {yaml_quoted(title)}}}", f"  title: {yaml_quoted(title)}",
                "  published: TODO  # the date it was published: YYYY, YYYY-MM or YYYY-MM-DD",
                f"  cite: {first}", "  sections:"]
        for s in sections:
            heading = s.heading or "(opening, no heading)"
            out.append(f"    {s.key}: {{heading: {yaml_quoted(heading)}, paragraphs: {len(s.paragraphs)}}}")
        out.append("")
    seen: dict[str, tuple[str, str, list[str], str | None]] = {}
    for c, _ in rank_candidates(results):
        seen[fold(c.name)] = (c.name, c.guess, [], c.place)
    for r in results:
        for c in r.candidates:
            where = seen[fold(c.name)][2]
            if cite(sid, r) not in where:
                where.append(cite(sid, r))
    used = set(taken)
    for label, guess, cites, place in seen.values():
        entity_id = _slug(label)
        if entity_id in used:
            entity_id = f"{entity_id}-new"
        n = 2
        while entity_id in used:
            entity_id, n = f"{_slug(label)}-{n}", n + 1
        used.add(entity_id)
        if place:
            out.append(escape_controls(f"# gazetteer: {place}; coordinates only with a statement citing `geonames`"))
        out += [f"- id: {entity_id}", f"  type: TODO  # {TYPE_HINTS[guess]} (a guess from the name)",
                f"  label: {{en: {yaml_quoted(label)}, es: {yaml_quoted(label)}}}",
                "  # TODO: description: {en: ..., es: ...} in your own words; aliases; statements with their citations",
                f"  cite: {cites[0] if len(cites) == 1 else '[' + ', '.join(cites) + ']'}", ""]
    return "\n".join(out).rstrip("\n") + "\n"
