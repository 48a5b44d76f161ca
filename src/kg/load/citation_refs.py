"""Reading citations: `source §section ¶paragraph` strings or {source, section, paragraph} mappings."""

from __future__ import annotations

import re
from collections.abc import Iterable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.model import Citation
from ..core.problems import Pos
from . import values
from .context import ReadContext
from .yamlfile import STR_TAG

CITATION_RE = re.compile(r"^\s*(?P<source>[^\s§¶]+)\s*(?:§\s*(?P<section>[^\s§¶]+))?\s*(?:¶\s*(?P<para>\S+))?\s*$")


class CitationReader:
    """One `cite:` value: a citation or a list of them."""

    def __init__(self, ctx: ReadContext):
        self.ctx = ctx
        # citation text → (source, section, paragraph), for every text already read as a good citation: the same
        # paragraphs are cited again and again, and what a text means does not depend on where it is written.
        self.parsed: dict[str, tuple[str, str | None, int | None]] = {}

    def read_citations(self, node: Node) -> list[Citation]:
        nodes: Iterable[Node] = node.value if isinstance(node, SequenceNode) else [node]
        result = []
        parsed = self.parsed
        for n in nodes:
            known = parsed.get(n.value) if n.__class__ is ScalarNode and (n.style or n.tag == STR_TAG) else None
            if known is not None:
                mark = n.start_mark
                result.append(Citation(*known, Pos(self.ctx.file, mark.line + 1, mark.column + 1)))
                continue
            citation = self.read_citation(n)
            if citation is not None:
                result.append(citation)
        if not result and isinstance(node, SequenceNode):
            self.ctx.problems.error(self.ctx.pos(node), "missing-citation", "`cite` is an empty list")
        return result

    def read_citation(self, node: Node) -> Citation | None:
        ctx = self.ctx
        expected = "a citation like `shirk-2019 §illusion ¶9` or {source: ..., section: ..., paragraph: N}"
        if isinstance(node, ScalarNode):
            m = CITATION_RE.match(node.value)
            if (not node.style and node.tag != STR_TAG) or not m:
                ctx.problems.error(ctx.pos(node), "bad-citation", f"expected {expected}, got `{node.value}`")
                return None
            source, section, para = m.group("source"), m.group("section"), m.group("para")
        elif isinstance(node, MappingNode):
            fields = ctx.items(node)
            unknown = set(fields) - {"source", "section", "paragraph"}
            if unknown or "source" not in fields:
                ctx.problems.error(ctx.pos(node), "bad-citation", f"expected {expected}")
                return None
            parts = {}
            for key, (_, value_node) in fields.items():
                if not isinstance(value_node, ScalarNode):
                    what = {"section": "a section slug", "paragraph": "a paragraph number"}.get(key, "a source id")
                    ctx.problems.error(
                        ctx.pos(value_node), "bad-citation", f"{key}: expected {what}, got {values.describe(value_node)}"
                    )
                    return None
                parts[key] = value_node.value
            source, section, para = parts["source"], parts.get("section"), parts.get("paragraph")
        else:
            ctx.problems.error(ctx.pos(node), "bad-citation", f"expected {expected}")
            return None
        if not values.SLUG_RE.match(source or "") or (section is not None and not values.SLUG_RE.match(section)):
            ctx.problems.error(ctx.pos(node), "bad-citation", f"expected {expected}")
            return None
        paragraph = None
        if para is not None:
            if not (str(para).isascii() and str(para).isdigit()) or int(para) < 1 or str(para).startswith("0"):
                ctx.problems.error(ctx.pos(node), "bad-citation", f"paragraph `{para}` is not a number from 1 up")
                return None
            paragraph = int(para)
        if isinstance(node, ScalarNode):
            self.parsed[node.value] = (source, section, paragraph)
        return Citation(source, section, paragraph, ctx.pos(node))
