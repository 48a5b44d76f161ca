"""First pass: read every YAML file into entities and statements, checking what each value alone can tell.

Cross-references (does `culiacan` exist, is it a Place?) need every file read first; `checks.py` does them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.model import Citation, Entity, Model, Section, Statement, Value
from ..core.problems import Pos, Problems, did_you_mean
from . import values
from .values import ValueError_
from .vocabulary import PropertyDef, Vocabulary
from .yamlfile import STR_TAG, compose_file, mapping_items, pos_of

ENTITY_KEYS = ("id", "type", "label", "aliases", "description", "sameAs", "note", "cite", "statements", "sections")
STATEMENT_KEYS = ("cite", "note", "error", "correction", "correctionCite")
# Written by the compiler, never by curators.
COMPILER_ONLY_CLASSES = {"Statement", "Citation", "QualifierProperty"}
COMPILER_ONLY_DOMAINS = {"Statement", "Citation"}
CITATION_RE = re.compile(r"^\s*(?P<source>[^\s§¶]+)\s*(?:§\s*(?P<section>[^\s§¶]+))?\s*(?:¶\s*(?P<para>\S+))?\s*$")
QID_RE = re.compile(r"^Q[1-9]\d*$")
# Files at the top of graph/ that hold no entities; read only by the commands that ask for them (kg validate --texts).
SIDE_FILES = ("texts.yaml", "citation-allowlist.yaml")


def graph_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*")
        if p.suffix in (".yaml", ".yml") and p.is_file() and not (p.parent == directory and p.name in SIDE_FILES)
    )


class Reader:
    """Reads files into one Model, reporting every problem into `problems`."""

    def __init__(self, vocab: Vocabulary, problems: Problems):
        self.vocab = vocab
        self.problems = problems
        self.model = Model()
        self.entity_types = sorted(set(vocab.classes) - COMPILER_ONLY_CLASSES)
        self.properties = {
            n: p
            for n, p in vocab.properties.items()
            if not p.qualifier and p.domain not in COMPILER_ONLY_DOMAINS and n != "curatorNote"
        }
        self.qualifiers = vocab.qualifiers
        self.schemes: dict[str, dict] = {}  # scheme IRI → its concepts, looked up once per scheme
        self.file = ""

    # ------------------------------------------------------------------ helpers
    def pos(self, node: Node) -> Pos:
        return pos_of(self.file, node)

    def fail(self, node: Node, exc: ValueError_, context: str = "") -> None:
        self.problems.error(self.pos(node), exc.rule, f"{context}{exc}")

    def items(self, node: MappingNode):
        return mapping_items(self.file, node, self.problems)

    # ------------------------------------------------------------------ files and entities
    def read_file(self, path: Path) -> None:
        self.file, root = compose_file(path, self.problems)
        if root is None:
            return
        if isinstance(root, MappingNode):
            self.read_entity(root)
        elif isinstance(root, SequenceNode):
            for node in root.value:
                self.read_entity(node)
        elif isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null":
            return  # an empty file
        else:
            self.problems.error(
                self.pos(root), "bad-structure", "expected a list of entities (mappings with `id` and `type`)"
            )

    def read_entity(self, node: Node) -> None:
        if not isinstance(node, MappingNode):
            self.problems.error(
                self.pos(node),
                "bad-structure",
                f"expected an entity (a mapping with `id` and `type`), got {values.describe(node)}",
            )
            return
        items = self.items(node)
        if "id" not in items:
            self.problems.error(self.pos(node), "missing-id", "entity has no `id`")
            return
        try:
            entity_id = values.slug(items["id"][1])
        except ValueError_ as exc:
            self.fail(items["id"][1], exc, "id: ")
            return
        type_name = self.read_type(node, items)
        entity = Entity(entity_id, type_name or "", self.pos(node))
        previous = self.model.entities.get(entity_id)
        if previous is not None:
            self.problems.error(
                self.pos(items["id"][1]), "duplicate-id", f"duplicate id `{entity_id}`; first defined at {previous.pos}"
            )
        else:  # registered even with a bad type, so references to it do not cascade into more errors
            self.model.entities[entity_id] = entity

        if "cite" in items:
            entity.citations = self.read_citations(items["cite"][1])
        self.read_names(entity, items)
        for key, (key_node, value_node) in items.items():
            if key in ENTITY_KEYS:
                continue
            prop = self.property(key, key_node)
            if prop is None:
                continue
            value_nodes = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for vn in value_nodes:
                value = self.read_value(prop, vn)
                if value is not None:
                    entity.statements.append(Statement(entity_id, key, value, entity.citations, self.pos(vn)))
        if "statements" in items:
            self.read_statements(entity, items["statements"][1])
        if "sections" in items:
            self.read_sections(entity, items["sections"][1])
        if "cite" not in items:
            self.problems.error(
                self.pos(node),
                "missing-citation",
                f"entity `{entity_id}` has no `cite`: say which source states it, its labels and top-level attributes",
            )

    def read_type(self, node: MappingNode, items) -> str | None:
        if "type" not in items:
            self.problems.error(
                self.pos(node), "missing-type", f"entity has no `type`; expected one of: {', '.join(self.entity_types)}"
            )
            return None
        type_node = items["type"][1]
        try:
            name = values.text(type_node, "a type")
        except ValueError_ as exc:
            self.fail(type_node, exc, "type: ")
            return None
        if name not in self.entity_types:
            self.problems.error(
                self.pos(type_node),
                "unknown-type",
                f"unknown type `{name}`{did_you_mean(name, self.entity_types)}; see `kg vocab` for the types",
            )
            return None
        return name

    def read_names(self, entity: Entity, items) -> None:
        if "label" in items:
            entity.labels = self.lang_map(items["label"][1], "a label")
        if not entity.labels.get("en") and "label" in items:
            self.problems.error(self.pos(items["label"][1]), "missing-label", "label has no English (`en`) text")
        elif "label" not in items:
            self.problems.error(entity.pos, "missing-label", f"entity `{entity.id}` has no `label`")
        if "description" in items:
            entity.descriptions = self.lang_map(items["description"][1], "a description", both=False)
        if "aliases" in items:
            entity.aliases = self.read_aliases(items["aliases"][1])
        if "note" in items:
            entity.note = self.text_or_none(items["note"][1], "a note")
        if "sameAs" in items:
            sa = items["sameAs"][1]
            for vn in sa.value if isinstance(sa, SequenceNode) else [sa]:
                qid = self.text_or_none(vn, "a Wikidata QID")
                if qid is not None and not QID_RE.match(qid):
                    self.problems.error(
                        self.pos(vn), "bad-qid", f"`{qid}` is not a Wikidata QID: expected Q followed by digits"
                    )
                elif qid is not None:
                    entity.same_as.append(qid)

    def text_or_none(self, node: Node, expected: str) -> str | None:
        try:
            return values.text(node, expected)
        except ValueError_ as exc:
            self.fail(node, exc)
            return None

    def lang_map(self, node: Node, expected: str, both: bool = True) -> dict[str, str]:
        """{lang: text}; a plain string is English (and Spanish too, for names, where `both`)."""
        if isinstance(node, ScalarNode):
            value = self.text_or_none(node, expected)
            if value is None:
                return {}
            return {"en": value, "es": value} if both else {"en": value}
        if not isinstance(node, MappingNode):
            self.problems.error(
                self.pos(node), "wrong-type", f"expected {expected}: text or a mapping like {{en: ..., es: ...}}"
            )
            return {}
        result = {}
        for lang, (key_node, value_node) in self.items(node).items():
            try:
                values.language(lang)
            except ValueError_ as exc:
                self.fail(key_node, exc)
                continue
            value = self.text_or_none(value_node, expected)
            if value is not None:
                result[lang] = value
        return result

    def read_aliases(self, node: Node) -> dict[str, list[str]]:
        def texts(n: Node) -> list[str]:
            ns = n.value if isinstance(n, SequenceNode) else [n]
            return [t for x in ns if (t := self.text_or_none(x, "an alias")) is not None]

        if isinstance(node, MappingNode):
            result = {}
            for lang, (key_node, value_node) in self.items(node).items():
                try:
                    result[values.language(lang)] = texts(value_node)
                except ValueError_ as exc:
                    self.fail(key_node, exc)
            return result
        return {"": texts(node)}

    def read_sections(self, entity: Entity, node: Node) -> None:
        if not self.vocab.is_a(entity.type, "Source"):
            self.problems.error(
                self.pos(node),
                "sections-not-source",
                f"only sources have `sections`; `{entity.id}` is of type {entity.type}",
            )
            return
        if not isinstance(node, MappingNode):
            self.problems.error(
                self.pos(node), "wrong-type", "expected `sections` as a mapping: slug: {heading: ..., paragraphs: N}"
            )
            return
        for slug, (key_node, value_node) in self.items(node).items():
            if not values.SLUG_RE.match(slug):
                self.problems.error(self.pos(key_node), "bad-id", f"section `{slug}` is not a valid slug")
                continue
            if not isinstance(value_node, MappingNode):
                self.problems.error(self.pos(value_node), "wrong-type", "expected {heading: ..., paragraphs: N}")
                continue
            fields = self.items(value_node)
            missing = [k for k in ("heading", "paragraphs") if k not in fields]
            if missing:
                self.problems.error(self.pos(value_node), "wrong-type", f"section `{slug}` lacks {', '.join(missing)}")
                continue
            heading = self.text_or_none(fields["heading"][1], "a heading")
            try:
                count = int(values.number(fields["paragraphs"][1], values.XSD + "positiveInteger").text)
            except ValueError_ as exc:
                self.fail(fields["paragraphs"][1], exc, "paragraphs: ")
                continue
            if heading is not None:
                entity.sections[slug] = Section(slug, heading, count, self.pos(key_node))

    # ------------------------------------------------------------------ statements
    def property(self, key: str, key_node: Node) -> PropertyDef | None:
        prop = self.properties.get(key)
        if prop is None:
            if key in self.qualifiers:
                msg = f"`{key}` qualifies a statement; put it inside a `statements:` item"
            else:
                msg = f"unknown property `{key}`{did_you_mean(key, list(self.properties) + list(ENTITY_KEYS))}"
            self.problems.error(self.pos(key_node), "unknown-property", msg)
        return prop

    def read_statements(self, entity: Entity, node: Node) -> None:
        if not isinstance(node, SequenceNode):
            self.problems.error(self.pos(node), "wrong-type", "expected `statements` as a list of mappings")
            return
        for item in node.value:
            statement = self.read_statement(entity.id, item)
            if statement is not None:
                entity.statements.append(statement)

    def read_statement(self, subject: str, node: Node) -> Statement | None:
        if not isinstance(node, MappingNode):
            self.problems.error(
                self.pos(node),
                "bad-structure",
                f"expected a statement (a mapping like `- memberOf: x`), got {values.describe(node)}",
            )
            return None
        items = self.items(node)
        main = []
        for key, (key_node, _) in items.items():
            if key in STATEMENT_KEYS or key in self.qualifiers:
                continue
            if key in self.properties:
                main.append(key)
            else:
                known = list(self.properties) + list(self.qualifiers) + list(STATEMENT_KEYS)
                self.problems.error(
                    self.pos(key_node), "unknown-property", f"unknown property `{key}`{did_you_mean(key, known)}"
                )
                return None
        if len(main) != 1:
            what = "no property" if not main else "properties " + ", ".join(f"`{m}`" for m in main)
            self.problems.error(
                self.pos(node), "bad-statement", f"a statement has exactly one property; this one has {what}"
            )
            return None
        predicate = main[0]
        value = self.read_value(self.properties[predicate], items[predicate][1])
        citations = self.read_citations(items["cite"][1]) if "cite" in items else []
        if "cite" not in items:
            self.problems.error(self.pos(node), "missing-citation", f"statement `{predicate}` has no citation (`cite`)")
        qualifiers = {}
        for key in sorted(items):
            if key in self.qualifiers and key != predicate:
                q = self.read_value(self.qualifiers[key], items[key][1])
                if q is not None:
                    qualifiers[key] = q
        if value is None:
            return None
        statement = Statement(subject, predicate, value, citations, self.pos(node), qualifiers)
        if "note" in items:
            statement.note = self.text_or_none(items["note"][1], "a note")
        if "error" in items:
            statement.error = self.text_or_none(items["error"][1], "an explanation of the error")
        if "correction" in items:
            if "error" not in items:
                self.problems.error(
                    self.pos(items["correction"][0]),
                    "correction-without-error",
                    "`correction` needs `error`: say what is wrong with the source's claim",
                )
            fixed = self.read_value(self.properties[predicate], items["correction"][1])
            fix_cites = (
                self.read_citations(items["correctionCite"][1])
                if "correctionCite" in items
                else [Citation("curator", None, None, self.pos(items["correction"][0]))]
            )
            if fixed is not None:
                statement.correction = Statement(
                    subject,
                    predicate,
                    fixed,
                    fix_cites,
                    self.pos(items["correction"][1]),
                    dict(qualifiers),
                    statement.error,
                )
        elif "correctionCite" in items:
            self.problems.error(
                self.pos(items["correctionCite"][0]),
                "correction-without-error",
                "`correctionCite` goes with `correction`",
            )
        return statement

    def read_value(self, prop: PropertyDef, node: Node) -> Value | None:
        try:
            if prop.kind == "entity":
                return Value("entity", values.slug(node, "an entity id"))
            if prop.kind == "concept":
                name = values.text(node, "a concept id")
                concepts = self.schemes.get(prop.range or "")
                if concepts is None:
                    concepts = self.schemes[prop.range or ""] = self.vocab.concepts_in(prop.range or "")
                if name not in concepts:
                    choices = (
                        f"expected one of: {', '.join(sorted(concepts))}"
                        if len(concepts) <= 12
                        else "see `kg vocab` for the allowed values"
                    )
                    raise ValueError_(
                        f"`{name}` is not a value of `{prop.name}`{did_you_mean(name, concepts)}; {choices}",
                        "unknown-concept",
                    )
                return Value("concept", concepts[name].iri)
            if prop.kind == "temporal":
                return values.temporal(node)
            if prop.kind == "number":
                return values.number(node, prop.range or values.XSD + "decimal")
            if prop.kind == "langstring":
                if not isinstance(node, MappingNode):
                    raise ValueError_(f"expected text by language, like {{es: ...}}, got {values.describe(node)}")
                mapping = self.lang_map(node, "text")
                if len(mapping) != 1:
                    raise ValueError_("expected exactly one language: write one statement per language")
                lang, value = next(iter(mapping.items()))
                return Value("literal", value, None, lang)
            return Value("literal", values.text(node), values.XSD + "string")
        except ValueError_ as exc:
            self.fail(node, exc, f"{prop.name}: ")
            return None

    # ------------------------------------------------------------------ citations
    def read_citations(self, node: Node) -> list[Citation]:
        nodes: Iterable[Node] = node.value if isinstance(node, SequenceNode) else [node]
        result = []
        for n in nodes:
            citation = self.read_citation(n)
            if citation is not None:
                result.append(citation)
        if not result and isinstance(node, SequenceNode):
            self.problems.error(self.pos(node), "missing-citation", "`cite` is an empty list")
        return result

    def read_citation(self, node: Node) -> Citation | None:
        expected = "a citation like `shirk-2019 §illusion ¶9` or {source: ..., section: ..., paragraph: N}"
        if isinstance(node, ScalarNode):
            m = CITATION_RE.match(node.value)
            if (not node.style and node.tag != STR_TAG) or not m:
                self.problems.error(self.pos(node), "bad-citation", f"expected {expected}, got `{node.value}`")
                return None
            source, section, para = m.group("source"), m.group("section"), m.group("para")
        elif isinstance(node, MappingNode):
            fields = self.items(node)
            unknown = set(fields) - {"source", "section", "paragraph"}
            if unknown or "source" not in fields:
                self.problems.error(self.pos(node), "bad-citation", f"expected {expected}")
                return None
            source = fields["source"][1].value if isinstance(fields["source"][1], ScalarNode) else ""
            section = fields["section"][1].value if "section" in fields else None
            para = fields["paragraph"][1].value if "paragraph" in fields else None
        else:
            self.problems.error(self.pos(node), "bad-citation", f"expected {expected}")
            return None
        if not values.SLUG_RE.match(source or "") or (section is not None and not values.SLUG_RE.match(section)):
            self.problems.error(self.pos(node), "bad-citation", f"expected {expected}")
            return None
        paragraph = None
        if para is not None:
            if not str(para).isdigit() or int(para) < 1 or str(para).startswith("0"):
                self.problems.error(self.pos(node), "bad-citation", f"paragraph `{para}` is not a number from 1 up")
                return None
            paragraph = int(para)
        return Citation(source, section, paragraph, self.pos(node))


def read_graph(directory: Path, vocab: Vocabulary, problems: Problems) -> Model:
    """Every entity of every YAML file under `directory`, with what each value alone shows reported."""
    reader = Reader(vocab, problems)
    files = graph_files(directory)
    if not files:
        problems.error(Pos(str(directory), 1, 1), "no-files", f"no .yaml files under {directory}")
    for path in files:
        reader.read_file(path)
    return reader.model
