"""Reading statements and their values: top-level properties, `statements:` items, qualifiers and corrections."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, SequenceNode

from ..core.model import Citation, Entity, Statement, Value
from ..core.problems import did_you_mean
from . import values
from .citation_refs import CitationReader
from .context import STATEMENT_KEYS, ReadContext
from .name_fields import NameReader
from .values import BadValue
from .vocabulary import PropertyDef


class StatementReader:
    """Statements of one entity, each value typed by its property's range."""

    def __init__(self, ctx: ReadContext, names: NameReader, citations: CitationReader):
        self.ctx = ctx
        self.names = names
        self.citations = citations
        self.schemes: dict[str, dict] = {}  # scheme IRI → its concepts, looked up once per scheme
        # Values are immutable: one object for each distinct entity id, concept and text, however often it is written.
        self.values: dict[tuple[str, str], Value] = {}
        self.skipped = set(STATEMENT_KEYS) | set(ctx.qualifiers)  # keys of a statement that are not its property

    def property(self, key: str, key_node: Node) -> PropertyDef | None:
        """The property named `key` at the top level of an entity, or None after reporting it unknown."""
        ctx = self.ctx
        prop = ctx.properties.get(key)
        if prop is None:
            if key in ctx.qualifiers:
                msg = f"`{key}` qualifies a statement; put it inside a `statements:` item"
            else:
                msg = f"unknown property `{key}`{ctx.suggest(key, 'entity')}"
            ctx.problems.error(ctx.pos(key_node), "unknown-property", msg)
        return prop

    def read_statements(self, entity: Entity, node: Node) -> None:
        if not isinstance(node, SequenceNode):
            self.ctx.problems.error(self.ctx.pos(node), "wrong-type", "expected `statements` as a list of mappings")
            return
        for item in node.value:
            statement = self.read_statement(entity.id, item)
            if statement is not None:
                entity.statements.append(statement)

    def read_statement(self, subject: str, node: Node) -> Statement | None:
        ctx = self.ctx
        if not isinstance(node, MappingNode):
            ctx.problems.error(
                ctx.pos(node),
                "bad-structure",
                f"expected a statement (a mapping like `- memberOf: x`), got {values.describe(node)}",
            )
            return None
        items = ctx.items(node)
        main = []
        properties, skipped = ctx.properties, self.skipped
        for key in items:
            if key in skipped:
                continue
            if key in properties:
                main.append(key)
            else:
                ctx.problems.error(
                    ctx.pos(items[key][0]), "unknown-property", f"unknown property `{key}`{ctx.suggest(key, 'statement')}"
                )
                return None
        if len(main) != 1:
            what = "no property" if not main else "properties " + ", ".join(f"`{m}`" for m in main)
            ctx.problems.error(
                ctx.pos(node), "bad-statement", f"a statement has exactly one property; this one has {what}"
            )
            return None
        predicate = main[0]
        value = self.read_value(properties[predicate], items[predicate][1])
        citations = self.citations.read_citations(items["cite"][1]) if "cite" in items else []
        if "cite" not in items:
            ctx.problems.error(ctx.pos(node), "missing-citation", f"statement `{predicate}` has no citation (`cite`)")
        qualifiers = {}
        named = [key for key in items if key in ctx.qualifiers and key != predicate]
        for key in sorted(named) if len(named) > 1 else named:
            q = self.read_value(ctx.qualifiers[key], items[key][1])
            if q is not None:
                qualifiers[key] = q
        if value is None:
            return None
        statement = Statement(subject, predicate, value, citations, ctx.pos(node), qualifiers)
        if "note" in items:
            statement.note = self.names.text_or_none(items["note"][1], "a note")
        if "error" in items:
            statement.error = self.names.text_or_none(items["error"][1], "an explanation of the error")
        if "correction" in items:
            if "error" not in items:
                ctx.problems.error(
                    ctx.pos(items["correction"][0]),
                    "correction-without-error",
                    "`correction` needs `error`: say what is wrong with the source's claim",
                )
            fixed = self.read_value(ctx.properties[predicate], items["correction"][1])
            fix_cites = (
                self.citations.read_citations(items["correctionCite"][1])
                if "correctionCite" in items
                else [Citation("curator", None, None, ctx.pos(items["correction"][0]))]
            )
            if fixed is not None:
                statement.correction = Statement(
                    subject,
                    predicate,
                    fixed,
                    fix_cites,
                    ctx.pos(items["correction"][1]),
                    dict(qualifiers),
                    statement.error,
                )
        elif "correctionCite" in items:
            ctx.problems.error(
                ctx.pos(items["correctionCite"][0]),
                "correction-without-error",
                "`correctionCite` goes with `correction`",
            )
        return statement

    def read_value(self, prop: PropertyDef, node: Node) -> Value | None:
        """The value of `prop` written at `node`, typed by the property's range; None after reporting a misfit."""
        try:
            kind = prop.kind
            if kind == "entity":
                return self.value("entity", values.slug(node, "an entity id"))
            if kind == "concept":
                return self.concept(prop, node)
            if kind == "temporal":
                return values.temporal(node)
            if kind == "number":
                return values.number(node, prop.range or values.XSD + "decimal")
            if kind == "langstring":
                if not isinstance(node, MappingNode):
                    raise BadValue(f"expected text by language, like {{es: ...}}, got {values.describe(node)}")
                mapping = self.names.lang_map(node, "text")
                if len(mapping) != 1:
                    raise BadValue("expected exactly one language: write one statement per language")
                lang, value = next(iter(mapping.items()))
                return Value("literal", value, None, lang)
            if prop.range == values.XSD + "anyURI":
                return values.web_address(node)
            return self.value("string", values.text(node))
        except BadValue as exc:
            self.ctx.fail(node, exc, f"{prop.name}: ")
            return None

    def value(self, kind: str, text: str) -> Value:
        """The one Value of an entity id, concept IRI or plain string `text`."""
        found = self.values.get((kind, text))
        if found is None:
            found = self.values[(kind, text)] = (
                Value("literal", text, values.XSD + "string") if kind == "string" else Value(kind, text)
            )
        return found

    def concept(self, prop: PropertyDef, node: Node) -> Value:
        name = values.text(node, "a concept id")
        concepts = self.schemes.get(prop.range or "")
        if concepts is None:
            concepts = self.schemes[prop.range or ""] = self.ctx.vocab.concepts_in(prop.range or "")
        if name not in concepts:
            choices = (
                f"expected one of: {', '.join(sorted(concepts))}"
                if len(concepts) <= 12
                else "see `kg vocab` for the allowed values"
            )
            raise BadValue(
                f"`{name}` is not a value of `{prop.name}`{did_you_mean(name, concepts)}; {choices}",
                "unknown-concept",
            )
        return self.value("concept", concepts[name].iri)
