"""What every part of the reader shares: the vocabulary, the problem list, the file being read and its positions."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node

from ..core.model import Model
from ..core.problems import Pos, Problems, did_you_mean
from .values import BadValue
from .vocabulary import PropertyDef, Vocabulary
from .yamlfile import mapping_items

ENTITY_KEYS = ("id", "type", "label", "aliases", "description", "sameAs", "note", "cite", "statements", "sections")
STATEMENT_KEYS = ("cite", "note", "error", "correction", "correctionCite")
# Written by the compiler, never by curators.
COMPILER_ONLY_CLASSES = {"Statement", "Citation", "QualifierProperty"}
COMPILER_ONLY_DOMAINS = {"Statement", "Citation"}


class ReadContext:
    """The state one read of a graph shares: vocabulary, problems, the model so far and the current file."""

    def __init__(self, vocab: Vocabulary, problems: Problems):
        self.vocab = vocab
        self.problems = problems
        self.model = Model()
        self.entity_types = sorted(set(vocab.classes) - COMPILER_ONLY_CLASSES)
        self.entity_type_set = frozenset(self.entity_types)
        self.properties: dict[str, PropertyDef] = {
            n: p
            for n, p in vocab.properties.items()
            if not p.qualifier and p.domain not in COMPILER_ONLY_DOMAINS and n != "curatorNote"
        }
        self.qualifiers = vocab.qualifiers
        self.file = ""
        self._suggestions: dict[tuple[str, str], str] = {}

    def suggest(self, word: str, among: str) -> str:
        """Did-you-mean for `word` among the keys allowed `among` "entity" or "statement" keys; computed once per
        distinct word, so one misspelling repeated thousands of times costs one search."""
        found = self._suggestions.get((word, among))
        if found is None:
            known = list(self.properties) + (
                list(ENTITY_KEYS) if among == "entity" else list(self.qualifiers) + list(STATEMENT_KEYS)
            )
            found = self._suggestions[(word, among)] = did_you_mean(word, known)
        return found

    def pos(self, node: Node) -> Pos:
        """Where `node` starts in the current file."""
        mark = node.start_mark
        return Pos(self.file, mark.line + 1, mark.column + 1)

    def fail(self, node: Node, exc: BadValue, context: str = "") -> None:
        """Report a value that did not fit, at the value."""
        self.problems.error(self.pos(node), exc.rule, f"{context}{exc}")

    def items(self, node: MappingNode):
        """The mapping's keys with their nodes, duplicate and non-text keys reported."""
        return mapping_items(self.file, node, self.problems)
