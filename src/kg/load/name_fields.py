"""Reading what names and describes an entity: labels, descriptions, aliases, notes and Wikidata QIDs."""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.model import Entity
from . import values
from .context import ReadContext
from .values import BadValue

QID_RE = re.compile(r"^Q[1-9]\d*$")


class NameReader:
    """Labels, descriptions, aliases, notes and sameAs of one entity."""

    def __init__(self, ctx: ReadContext):
        self.ctx = ctx
        self.languages: set[str] = set()  # language codes already found good

    def read_names(self, entity: Entity, items) -> None:
        ctx = self.ctx
        if "label" in items:
            entity.labels = self.lang_map(items["label"][1], "a label")
        if not entity.labels.get("en") and "label" in items:
            ctx.problems.error(ctx.pos(items["label"][1]), "missing-label", "label has no English (`en`) text")
        elif "label" not in items:
            ctx.problems.error(entity.pos, "missing-label", f"entity `{entity.id}` has no `label`")
        if "description" in items:
            entity.descriptions = self.lang_map(items["description"][1], "a description", both=False)
        if "aliases" in items:
            entity.aliases = self.read_aliases(items["aliases"][1])
        if "note" in items:
            entity.note = self.text_or_none(items["note"][1], "a note")
        if "sameAs" in items:
            sa = items["sameAs"][1]
            for vn in sa.value if isinstance(sa, SequenceNode) else [sa]:
                qid = self.text_or_none(vn, "a Wikidata QID", one_line=True)
                if qid is not None and not QID_RE.match(qid):
                    ctx.problems.error(
                        ctx.pos(vn), "bad-qid", f"`{qid}` is not a Wikidata QID: expected Q followed by digits"
                    )
                elif qid is not None:
                    entity.same_as.append(qid)

    def text_or_none(self, node: Node, expected: str, one_line: bool = False) -> str | None:
        """The text of `node`, or None after reporting why it is not text."""
        try:
            return values.text(node, expected, one_line)
        except BadValue as exc:
            self.ctx.fail(node, exc)
            return None

    def lang_map(self, node: Node, expected: str, both: bool = True) -> dict[str, str]:
        """{lang: text}; a plain string is English (and Spanish too, for names, where `both`: a name is one line)."""
        ctx = self.ctx
        if isinstance(node, ScalarNode):
            value = self.text_or_none(node, expected, one_line=both)
            if value is None:
                return {}
            return {"en": value, "es": value} if both else {"en": value}
        if not isinstance(node, MappingNode):
            ctx.problems.error(
                ctx.pos(node), "wrong-type", f"expected {expected}: text or a mapping like {{en: ..., es: ...}}"
            )
            return {}
        result = {}
        for lang, (key_node, value_node) in ctx.items(node).items():
            if lang not in self.languages:
                try:
                    values.language(lang)
                except BadValue as exc:
                    ctx.fail(key_node, exc)
                    continue
                self.languages.add(lang)
            try:
                result[lang] = values.text(value_node, expected, both)
            except BadValue as exc:
                ctx.fail(value_node, exc)
        return result

    def read_aliases(self, node: Node) -> dict[str, list[str]]:
        def texts(n: Node) -> list[str]:
            ns = n.value if isinstance(n, SequenceNode) else [n]
            return [t for x in ns if (t := self.text_or_none(x, "an alias", one_line=True)) is not None]

        if isinstance(node, MappingNode):
            result = {}
            for lang, (key_node, value_node) in self.ctx.items(node).items():
                try:
                    result[values.language(lang)] = texts(value_node)
                except BadValue as exc:
                    self.ctx.fail(key_node, exc)
            return result
        return {"": texts(node)}
