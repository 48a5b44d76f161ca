"""Reading a source's `sections`: the headings and paragraph counts that citations point into."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node

from ..core.model import Entity, Section
from . import values
from .context import ReadContext
from .name_fields import NameReader
from .values import BadValue


class SectionReader:
    """The `sections:` mapping of a source."""

    def __init__(self, ctx: ReadContext, names: NameReader):
        self.ctx = ctx
        self.names = names

    def read_sections(self, entity: Entity, node: Node) -> None:
        ctx = self.ctx
        if not ctx.vocab.is_a(entity.type, "Source"):
            ctx.problems.error(
                ctx.pos(node),
                "sections-not-source",
                f"only sources have `sections`; `{entity.id}` is of type {entity.type}",
            )
            return
        if not isinstance(node, MappingNode):
            ctx.problems.error(
                ctx.pos(node), "wrong-type", "expected `sections` as a mapping: slug: {heading: ..., paragraphs: N}"
            )
            return
        for slug, (key_node, value_node) in ctx.items(node).items():
            if not values.SLUG_RE.match(slug):
                ctx.problems.error(ctx.pos(key_node), "bad-id", f"section `{slug}` is not a valid slug")
                continue
            if not isinstance(value_node, MappingNode):
                ctx.problems.error(ctx.pos(value_node), "wrong-type", "expected {heading: ..., paragraphs: N}")
                continue
            fields = ctx.items(value_node)
            missing = [k for k in ("heading", "paragraphs") if k not in fields]
            if missing:
                ctx.problems.error(ctx.pos(value_node), "wrong-type", f"section `{slug}` lacks {', '.join(missing)}")
                continue
            heading = self.names.text_or_none(fields["heading"][1], "a heading")
            try:
                count = int(values.number(fields["paragraphs"][1], values.XSD + "positiveInteger").text)
            except BadValue as exc:
                ctx.fail(fields["paragraphs"][1], exc, "paragraphs: ")
                continue
            if heading is not None:
                entity.sections[slug] = Section(slug, heading, count, ctx.pos(key_node))
